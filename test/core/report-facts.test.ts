import { describe, expect, it } from 'vitest'
import { foldEvents } from '../../core/fold.js'
import { reportFactOf, type FactSources } from '../../core/report-facts.js'
import type { SlaKind, SlaPolicy } from '../../core/sla-policy.js'
import { isMemberOf, makeEvent, makeSummary, T0 } from '../helpers/core-fixtures.js'

const MIN = 60_000
const policy: SlaPolicy = { firstResponseMs: 30 * MIN, nextResponseMs: 60 * MIN, resolutionMs: 24 * 60 * MIN, warnBeforeMs: 0, businessHours: 'Mon-Fri 09:00-17:00@Europe/London' }

function sources(overrides: Partial<FactSources> & { events?: Parameters<typeof foldEvents>[0] } = {}): FactSources {
  const { events = [], ...rest } = overrides
  return {
    inbox: 'inbox/sales',
    summary: makeSummary('c1'),
    state: foldEvents(events, isMemberOf(['alice', 'bob'])),
    labels: [],
    policy,
    breached: new Set<SlaKind>(),
    ...rest,
  }
}

describe('the report facts of a conversation', () => {
  it('reads when it came, was answered and archived, and who held it', () => {
    const fact = reportFactOf(
      sources({
        summary: makeSummary('c1', { responses: [T0 + 5 * MIN, T0 + 5 * MIN, null] }),
        events: [makeEvent('claim', 'alice', MIN), makeEvent('archive', 'alice', 10 * MIN)],
        labels: ['vip'],
      }),
    )
    expect(fact).toMatchObject({ id: 'c1', inbox: 'inbox/sales', assignee: 'alice', labels: ['vip'], receivedAt: T0, firstReplyAt: T0 + 5 * MIN, archivedAt: T0 + 10 * MIN })
    expect(fact.hours?.timeZone).toBe('Europe/London')
    expect(fact.sla).toEqual({ 'first-response': 'met', resolution: 'met' })
  })

  it('takes the last archive of one unarchived in between, and keeps the earlier archived spell paused', () => {
    const fact = reportFactOf(
      sources({ events: [makeEvent('archive', 'bob', 10 * MIN), makeEvent('unarchive', 'bob', 20 * MIN), makeEvent('archive', 'bob', 40 * MIN)] }),
    )
    expect(fact.archivedAt).toBe(T0 + 40 * MIN)
    expect(fact.paused).toEqual([
      [T0 + 10 * MIN, T0 + 20 * MIN],
      [T0 + 40 * MIN, null],
    ])
  })

  it('marks a recorded breach breached, and a wait after the first reply pending until answered', () => {
    const waiting = reportFactOf(
      sources({
        summary: makeSummary('c1', { responses: [T0 + 5 * MIN, T0 + 5 * MIN, T0 + 30 * MIN], lastInboundAt: T0 + 30 * MIN }),
        breached: new Set<SlaKind>(['first-response']),
      }),
    )
    expect(waiting.sla).toEqual({ 'first-response': 'breached', 'next-response': 'pending', resolution: 'pending' })
    const answered = reportFactOf(sources({ summary: makeSummary('c1', { responses: [T0 + 5 * MIN, T0 + 40 * MIN, null], lastInboundAt: T0 + 30 * MIN }) }))
    expect(answered.sla['next-response']).toBe('met')
  })

  it('leaves out targets the inbox has none of, and a first response never needed by one archived unanswered', () => {
    expect(reportFactOf(sources({ policy: null })).sla).toEqual({})
    expect(reportFactOf(sources({ policy: null, breached: new Set<SlaKind>(['resolution']) })).sla).toEqual({ resolution: 'breached' })
    expect(reportFactOf(sources({ events: [makeEvent('archive', 'bob', MIN)] })).sla).toEqual({ resolution: 'met' })
  })
})
