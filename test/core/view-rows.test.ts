import { describe, expect, it } from 'vitest'
import { isViewRow, rowSnooze, viewRowOf } from '../../core/view-rows.js'
import { makeSummary, T0 } from '../helpers/core-fixtures.js'

describe('view rows', () => {
  const snooze = { until: T0 + 60_000, at: T0 }

  it('carry a snooze no customer message has ended, for the reader’s clock to judge', () => {
    const row = viewRowOf(makeSummary('c1', { lastInboundAt: T0 - 1 }), { status: 'open', assignee: 'alice', snooze })
    expect(row).toHaveLength(10)
    expect(isViewRow(row)).toBe(true)
    expect(rowSnooze(row)).toEqual(snooze)
  })

  it('leave out a snooze a newer customer message ended, and one that never was', () => {
    expect(viewRowOf(makeSummary('c1', { lastInboundAt: T0 + 1 }), { status: 'open', assignee: 'alice', snooze })).toHaveLength(8)
    const row = viewRowOf(makeSummary('c1'), { status: 'open', assignee: null, snooze: null })
    expect(isViewRow(row)).toBe(true)
    expect(rowSnooze(row)).toBeNull()
  })

  it('refuse a row whose snooze is not a wake time and a stamp', () => {
    const head = viewRowOf(makeSummary('c1'), { status: 'open', assignee: null, snooze: null })
    expect(isViewRow([...head, 'soon', T0])).toBe(false)
    expect(isViewRow([...head, 'reply'])).toBe(false)
    expect(isViewRow([...head, 'reply', T0])).toBe(true)
  })
})
