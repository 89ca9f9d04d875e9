import { describe, expect, it } from 'vitest'
import { layoutFor, panesOf, scrollWindow } from '../../../cli/dashboard/layout.js'

describe('layout', () => {
  it('shows three panes on a wide terminal, filling its width and height exactly', () => {
    const layout = layoutFor(120, 40, 'list')
    expect(layout.inboxes + layout.list + layout.conversation).toBe(120)
    expect(layout.height).toBe(40)
    expect(layout.bodyHeight).toBe(38)
    expect(panesOf(layout)).toEqual(['inboxes', 'list', 'conversation'])
  })

  it('drops the Inboxes pane when narrower, then shows only the focused pane', () => {
    expect(panesOf(layoutFor(80, 24, 'list'))).toEqual(['list', 'conversation'])
    expect(layoutFor(50, 24, 'list')).toMatchObject({ list: 50, conversation: 0 })
    expect(layoutFor(50, 24, 'conversation')).toMatchObject({ list: 0, conversation: 50 })
    expect(layoutFor(30, 24, 'list').isTooSmall).toBe(true)
  })

  it('scrolls a window as little as it must to keep the cursor in sight', () => {
    expect(scrollWindow(0, 5, 10, 100)).toBe(0)
    expect(scrollWindow(0, 9, 10, 100)).toBe(1)
    expect(scrollWindow(20, 25, 10, 100)).toBe(20)
    expect(scrollWindow(20, 19, 10, 100)).toBe(18)
    expect(scrollWindow(0, 99, 10, 100)).toBe(90)
    expect(scrollWindow(50, 3, 10, 5)).toBe(0)
  })
})
