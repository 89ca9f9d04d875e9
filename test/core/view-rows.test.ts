import { describe, expect, it } from 'vitest'
import type { Assignment } from '../../core/fold.js'
import { isViewRow, parseViewRows, rowAssignment, rowLabels, rowPriority, rowSnooze, viewRowOf } from '../../core/view-rows.js'
import { makeSummary, T0 } from '../helpers/core-fixtures.js'

describe('view rows', () => {
  const snooze = { until: T0 + 60_000, at: T0 }
  const plain = { labels: [], priority: 'normal' } as const

  it('carry a snooze no customer message has ended, for the reader’s clock to judge', () => {
    const row = viewRowOf(makeSummary('c1', { lastInboundAt: T0 - 1 }), { status: 'open', assignee: 'alice', snooze, ...plain })
    expect(row).toHaveLength(10)
    expect(isViewRow(row)).toBe(true)
    expect(rowSnooze(row)).toEqual(snooze)
  })

  it('leave out a snooze a newer customer message ended, and one that never was', () => {
    expect(viewRowOf(makeSummary('c1', { lastInboundAt: T0 + 1 }), { status: 'open', assignee: 'alice', snooze, ...plain })).toHaveLength(8)
    const row = viewRowOf(makeSummary('c1'), { status: 'open', assignee: null, snooze: null, ...plain })
    expect(isViewRow(row)).toBe(true)
    expect(rowSnooze(row)).toBeNull()
  })

  it('refuse a row whose snooze is not a wake time and a stamp', () => {
    const head = viewRowOf(makeSummary('c1'), { status: 'open', assignee: null, snooze: null, ...plain })
    expect(isViewRow([...head, 'soon', T0])).toBe(false)
    expect(isViewRow([...head, 'reply'])).toBe(false)
    expect(isViewRow([...head, 'reply', T0])).toBe(true)
  })

  it('carry priority and labels after an empty snooze, and come back to the same state', () => {
    const state: Assignment = { status: 'open', assignee: null, snooze: null, labels: ['billing', 'vip'], priority: 'urgent' }
    const row = viewRowOf(makeSummary('c1'), state)
    expect(row.slice(8)).toEqual([null, null, 'urgent', ['billing', 'vip']])
    expect(rowAssignment(row)).toEqual(state)
    expect(parseViewRows(JSON.stringify([row]))).toEqual([row])
  })

  it('carry a snooze, priority and labels together', () => {
    const state: Assignment = { status: 'open', assignee: 'alice', snooze, labels: [], priority: 'low' }
    const row = viewRowOf(makeSummary('c1', { lastInboundAt: T0 - 1 }), state)
    expect(row).toHaveLength(12)
    expect(rowAssignment(row)).toEqual(state)
  })

  it('read a row without the trailing parts as normal priority with no labels', () => {
    const row = viewRowOf(makeSummary('c1'), { status: 'open', assignee: null, snooze: null, ...plain })
    expect(row).toHaveLength(8)
    expect(rowPriority(row)).toBe('normal')
    expect(rowLabels(row)).toEqual([])
  })

  it('refuse a row whose priority or labels are not ones', () => {
    const head = viewRowOf(makeSummary('c1'), { status: 'open', assignee: null, snooze: null, ...plain })
    expect(isViewRow([...head, null, null, 'urgent', ['vip']])).toBe(true)
    expect(isViewRow([...head, null, null, 'soon', ['vip']])).toBe(false)
    expect(isViewRow([...head, null, null, 'high', 'vip'])).toBe(false)
    expect(isViewRow([...head, null, null, 'high', ['VIP!']])).toBe(false)
    expect(isViewRow([...head, null, T0])).toBe(false)
  })
})
