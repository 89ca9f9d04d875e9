import { describe, expect, it } from 'vitest'
import { parseBusinessHours } from '../../core/business-hours.js'
import { computeReport, type ReportScope } from '../../core/report.js'
import type { ReportFact } from '../../core/report-facts.js'
import { resolvePeriod } from '../../core/report-period.js'

/*
 * A hand-computed fixture: an inbox open Mon-Fri 09:00-17:00 in London, over
 * Thursday 26 to Tuesday 31 March 2026. Clocks go forward at 01:00 UTC on
 * Sunday 29 March, so that day is 23 hours long and from Monday the office
 * opens at 08:00 UTC.
 */
const ZONE = 'Europe/London'
const hours = parseBusinessHours(`Mon-Fri 09:00-17:00@${ZONE}`)
const at = (iso: string): number => Date.parse(iso)
const MIN = 60_000

function fact(id: string, overrides: Partial<ReportFact>): ReportFact {
  return { id, inbox: 'inbox/support', assignee: null, labels: [], receivedAt: 0, firstReplyAt: null, archivedAt: null, paused: [], hours, sla: {}, ...overrides }
}

const FACTS: readonly ReportFact[] = [
  // Thursday 16:00 GMT; answered Friday 09:30 (60 + 30 business minutes); archived Monday 10:00 BST (60 + 480 + 60).
  fact('a', { assignee: 'alice', labels: ['billing'], receivedAt: at('2026-03-26T16:00:00Z'), firstReplyAt: at('2026-03-27T09:30:00Z'), archivedAt: at('2026-03-30T09:00:00Z'), sla: { 'first-response': 'breached', resolution: 'met' } }),
  // Saturday noon; answered Monday 09:15 BST: 44 hours on the wall clock, 15 business minutes.
  fact('b', { assignee: 'bob', receivedAt: at('2026-03-28T12:00:00Z'), firstReplyAt: at('2026-03-30T08:15:00Z'), sla: { 'first-response': 'met', resolution: 'pending' } }),
  // Monday 16:30 BST; answered 16:50 (20); archived Tuesday 09:30 BST (30 + 30).
  fact('c', { assignee: 'alice', labels: ['billing', 'vip'], receivedAt: at('2026-03-30T15:30:00Z'), firstReplyAt: at('2026-03-30T15:50:00Z'), archivedAt: at('2026-03-31T08:30:00Z'), sla: { 'first-response': 'met', resolution: 'met' } }),
  // Sunday 00:30 GMT, just before the change: hour 0.
  fact('d', { receivedAt: at('2026-03-29T00:30:00Z'), sla: { 'first-response': 'pending', resolution: 'pending' } }),
  // Sunday 03:00 BST (02:00 UTC), just after it: hour 3.
  fact('e', { receivedAt: at('2026-03-29T02:00:00Z'), sla: { 'first-response': 'pending', resolution: 'pending' } }),
  // Received before the period (Wednesday 10:00 GMT), answered in it (Thursday 09:00): 7 business hours.
  fact('f', { assignee: 'alice', receivedAt: at('2026-03-25T10:00:00Z'), firstReplyAt: at('2026-03-26T09:00:00Z'), sla: { 'first-response': 'met' } }),
  // Tuesday 09:00 BST, snoozed 09:10-09:40, answered 09:50: 50 minutes less 30 snoozed.
  fact('g', { assignee: 'bob', receivedAt: at('2026-03-31T08:00:00Z'), firstReplyAt: at('2026-03-31T08:50:00Z'), paused: [[at('2026-03-31T08:10:00Z'), at('2026-03-31T08:40:00Z')]], sla: { 'first-response': 'met', resolution: 'pending' } }),
]

const period = resolvePeriod({ kind: 'date', date: '2026-03-26' }, { kind: 'date', date: '2026-03-31' }, ZONE, at('2026-04-02T12:00:00Z'))

function scope(overrides: Partial<ReportScope> = {}): ReportScope {
  return { period, zone: ZONE, inboxes: ['inbox/support'], by: null, agent: null, label: null, ...overrides }
}

describe('the figures of a report', () => {
  it('takes dates as local midnights: from Thursday 00:00 GMT to Wednesday 00:00 BST', () => {
    expect(period).toEqual({ since: at('2026-03-26T00:00:00Z'), until: at('2026-03-31T23:00:00Z') })
  })

  it('counts received, replied and archived each by its own moment, with response times in business hours', () => {
    const { totals } = computeReport(FACTS, scope())
    expect(totals.received).toBe(6)
    expect(totals.replied).toBe(5)
    expect(totals.archived).toBe(2)
    // First responses 15, 20, 20, 90, 420 minutes: nearest rank 3 of 5 and 5 of 5.
    expect(totals.firstResponse).toEqual({ count: 5, medianMs: 20 * MIN, p90Ms: 420 * MIN })
    // Resolutions 60 and 600 minutes: rank 1 of 2, then 2 of 2.
    expect(totals.resolution).toEqual({ count: 2, medianMs: 60 * MIN, p90Ms: 600 * MIN })
  })

  it('gives SLA met % per target over the decided conversations received in the period', () => {
    expect(computeReport(FACTS, scope()).totals.sla).toEqual([
      { kind: 'first-response', met: 3, breached: 1, pending: 2, metPercent: 75 },
      { kind: 'resolution', met: 2, breached: 0, pending: 4, metPercent: 100 },
    ])
  })

  it('puts each arrival in its local day and hour, the short day of the change included', () => {
    const { volume } = computeReport(FACTS, scope())
    expect(volume.byDay).toEqual([
      { day: '2026-03-26', received: 1 },
      { day: '2026-03-27', received: 0 },
      { day: '2026-03-28', received: 1 },
      { day: '2026-03-29', received: 2 },
      { day: '2026-03-30', received: 1 },
      { day: '2026-03-31', received: 1 },
    ])
    const byHour = Array.from({ length: 24 }, () => 0)
    byHour[0] = 1
    byHour[3] = 1
    byHour[9] = 1
    byHour[12] = 1
    byHour[16] = 2
    expect(volume.byHour).toEqual(byHour)
  })

  it('groups by day with each figure on the day it happened, every day listed', () => {
    const groups = computeReport(FACTS, scope({ by: 'day' })).groups
    expect(groups.map((g) => [g.key, g.received, g.replied, g.archived, g.firstResponse.medianMs, g.resolution.medianMs])).toEqual([
      ['2026-03-26', 1, 1, 0, 420 * MIN, null],
      ['2026-03-27', 0, 1, 0, 90 * MIN, null],
      ['2026-03-28', 1, 0, 0, null, null],
      ['2026-03-29', 2, 0, 0, null, null],
      ['2026-03-30', 1, 2, 1, 15 * MIN, 600 * MIN],
      ['2026-03-31', 1, 1, 1, 20 * MIN, 60 * MIN],
    ])
  })

  it('groups by hour of day in the zone, all 24 listed', () => {
    const groups = computeReport(FACTS, scope({ by: 'hour' })).groups
    expect(groups).toHaveLength(24)
    expect(groups.filter((g) => g.received > 0).map((g) => [g.key, g.received])).toEqual([
      ['00', 1],
      ['03', 1],
      ['09', 1],
      ['12', 1],
      ['16', 2],
    ])
  })

  it('groups by agent, the unassigned last', () => {
    const groups = computeReport(FACTS, scope({ by: 'agent' })).groups
    expect(groups.map((g) => [g.key, g.received, g.replied, g.firstResponse.medianMs, g.firstResponse.p90Ms, g.archived])).toEqual([
      ['alice', 2, 3, 90 * MIN, 420 * MIN, 2],
      ['bob', 2, 2, 15 * MIN, 20 * MIN, 0],
      [null, 2, 0, null, null, 0],
    ])
  })

  it('counts a conversation under each of its labels, and the unlabelled together', () => {
    const groups = computeReport(FACTS, scope({ by: 'label' })).groups
    expect(groups.map((g) => [g.key, g.received])).toEqual([
      ['billing', 2],
      ['vip', 1],
      [null, 4],
    ])
  })

  it('filters by agent and by label before counting', () => {
    expect(computeReport(FACTS, scope({ agent: 'bob' })).totals).toMatchObject({ received: 2, replied: 2, archived: 0 })
    const billing = computeReport(FACTS, scope({ label: 'billing' })).totals
    expect(billing).toMatchObject({ received: 2, replied: 2, archived: 2 })
    expect(billing.resolution).toEqual({ count: 2, medianMs: 60 * MIN, p90Ms: 600 * MIN })
  })

  it('counts wall-clock time for an inbox without business hours', () => {
    const plain = FACTS.map((f) => ({ ...f, hours: null }))
    // b: Saturday 12:00 to Monday 08:15 UTC.
    const bob = computeReport(plain, scope({ by: 'agent' })).groups.find((g) => g.key === 'bob')!
    expect(bob.firstResponse).toEqual({ count: 2, medianMs: 20 * MIN, p90Ms: (44 * 60 + 15) * MIN })
  })

  it('has no percentiles and no met % where nothing was measured', () => {
    const empty = computeReport([], scope())
    expect(empty.totals).toEqual({ received: 0, replied: 0, archived: 0, firstResponse: { count: 0, medianMs: null, p90Ms: null }, resolution: { count: 0, medianMs: null, p90Ms: null }, sla: [] })
    expect(empty.volume.byDay).toHaveLength(6)
  })
})
