import { describe, expect, it } from 'vitest'
import { foldEvents } from '../../core/fold.js'
import { formatHlc } from '../../core/hlc.js'
import { compareDue, nextSlaTarget, pausedIntervals, responsesOf, slaTargets, type SlaFacts } from '../../core/sla.js'
import type { SlaPolicy } from '../../core/sla-policy.js'
import { makeEvent } from '../helpers/core-fixtures.js'

const utc = (text: string): number => Date.parse(`${text}Z`)
const min = (n: number): number => n * 60_000
const open = (startedAt: number, responses: SlaFacts['responses'] = null): SlaFacts => ({ startedAt, responses, isOpen: true, paused: [] })
const inAt = (at: number) => ({ direction: 'in' as const, at })
const outAt = (at: number) => ({ direction: 'out' as const, at })

describe('the responses of a conversation', () => {
  it('finds the first and last reply and the oldest customer message after the last reply', () => {
    const t = utc('2026-03-03T10:00:00')
    expect(responsesOf([inAt(t), outAt(t + min(5)), inAt(t + min(30)), inAt(t + min(40))])).toEqual([t + min(5), t + min(5), t + min(30)])
    expect(responsesOf([inAt(t), outAt(t + min(5)), inAt(t + min(30)), outAt(t + min(50))])).toEqual([t + min(5), t + min(50), null])
    expect(responsesOf([inAt(t), inAt(t + min(1))])).toEqual([null, null, t])
  })
})

describe('SLA due times and states', () => {
  const londonHours: SlaPolicy = { firstResponseMs: min(60), warnBeforeMs: min(15), businessHours: 'Mon-Fri 09:00-17:00@Europe/London' }

  it('warns and breaches a first response at the right minutes across a closing time and the change to summer time', () => {
    // Friday 27 March 2026 16:30 GMT: 30 minutes count on Friday, the other 30 on Monday from 09:00 BST (08:00 UTC).
    const facts = open(utc('2026-03-27T16:30:00'))
    const due = utc('2026-03-30T08:30:00')
    expect(nextSlaTarget(facts, londonHours, utc('2026-03-30T08:14:00'))).toEqual({ kind: 'first-response', due, state: 'ok' })
    expect(nextSlaTarget(facts, londonHours, utc('2026-03-30T08:15:00'))).toEqual({ kind: 'first-response', due, state: 'warning' })
    expect(nextSlaTarget(facts, londonHours, utc('2026-03-30T08:29:59'))?.state).toBe('warning')
    expect(nextSlaTarget(facts, londonHours, utc('2026-03-30T08:30:00'))?.state).toBe('breached')
  })

  it('counts the next response from the oldest customer message not yet answered', () => {
    const t = utc('2026-03-03T10:00:00')
    const policy: SlaPolicy = { firstResponseMs: min(30), nextResponseMs: min(60), warnBeforeMs: 0 }
    const facts = open(t, responsesOf([inAt(t), outAt(t + min(5)), inAt(t + min(30)), inAt(t + min(40))]))
    expect(nextSlaTarget(facts, policy, t + min(60))).toEqual({ kind: 'next-response', due: t + min(90), state: 'ok' })
    expect(nextSlaTarget(facts, policy, t + min(95))).toEqual({ kind: 'next-response', due: t + min(90), state: 'breached' })
  })

  it('has no response target once the last customer message is answered, only resolution', () => {
    const t = utc('2026-03-03T10:00:00')
    const policy: SlaPolicy = { firstResponseMs: min(30), nextResponseMs: min(60), resolutionMs: min(8 * 60), warnBeforeMs: 0 }
    const facts = open(t, responsesOf([inAt(t), outAt(t + min(50))]))
    expect(slaTargets(facts, policy)).toEqual([{ kind: 'resolution', startedAt: t, due: t + min(8 * 60) }])
    expect(nextSlaTarget(facts, policy, t + min(60))).toEqual({ kind: 'resolution', due: t + min(8 * 60), state: 'ok' })
  })

  it('shows the earliest of the pending targets', () => {
    const t = utc('2026-03-03T10:00:00')
    const policy: SlaPolicy = { firstResponseMs: min(120), resolutionMs: min(60), warnBeforeMs: 0 }
    expect(nextSlaTarget(open(t), policy, t)?.kind).toBe('resolution')
  })

  it('has no SLA when archived or without a policy', () => {
    const t = utc('2026-03-03T10:00:00')
    expect(nextSlaTarget({ ...open(t), isOpen: false }, londonHours, t)).toBeNull()
    expect(nextSlaTarget(open(t), null, t)).toBeNull()
  })

  it('does not count the spell a conversation spent archived before it was unarchived', () => {
    const t = utc('2026-03-03T10:00:00')
    const stamp = (ms: number): string => formatHlc({ ms, counter: 0 })
    const { history } = foldEvents([makeEvent('archive', 'alice', stamp(t + min(10))), makeEvent('unarchive', 'alice', stamp(t + min(40)))], () => true)
    const paused = pausedIntervals(history)
    expect(paused).toEqual([[t + min(10), t + min(40)]])
    const policy: SlaPolicy = { resolutionMs: min(60), warnBeforeMs: 0 }
    expect(nextSlaTarget({ ...open(t), paused }, policy, t)?.due).toBe(t + min(90))
  })

  it('stands the clock still while snoozed: until the wake time, the customer writing, or an unsnooze', () => {
    const t = utc('2026-03-03T10:00:00')
    const stamp = (ms: number): string => formatHlc({ ms, counter: 0 })
    const snooze = (at: number, until: number | 'reply') => ({ ...makeEvent('snooze', 'alice', stamp(at)), until })
    const fold = (...events: Parameters<typeof foldEvents>[0]) => foldEvents(events, () => true).history
    // Woken by its time.
    expect(pausedIntervals(fold(snooze(t + min(10), t + min(40))))).toEqual([[t + min(10), t + min(40)]])
    // Woken by the customer writing before its time; a customer message from before the snooze wakes nothing.
    expect(pausedIntervals(fold(snooze(t + min(10), t + min(40))), [t + min(5), t + min(25)])).toEqual([[t + min(10), t + min(25)]])
    // Until the customer replies, and nobody has: paused still.
    expect(pausedIntervals(fold(snooze(t + min(10), 'reply')))).toEqual([[t + min(10), null]])
    // Woken by hand, then archived: two spells that do not overlap.
    const history = fold(snooze(t + min(10), 'reply'), makeEvent('unsnooze', 'bob', stamp(t + min(20))), snooze(t + min(30), 'reply'), makeEvent('archive', 'bob', stamp(t + min(50))))
    expect(pausedIntervals(history)).toEqual([
      [t + min(10), t + min(20)],
      [t + min(30), t + min(50)],
      [t + min(50), null],
    ])
    const policy: SlaPolicy = { firstResponseMs: min(60), warnBeforeMs: 0 }
    expect(nextSlaTarget({ ...open(t), paused: pausedIntervals(fold(snooze(t + min(10), t + min(40)))) }, policy, t)?.due).toBe(t + min(90))
  })

  it('sorts the soonest due first and rows without an SLA last', () => {
    const a = { kind: 'first-response' as const, due: 5, state: 'breached' as const }
    const b = { kind: 'resolution' as const, due: 9, state: 'ok' as const }
    expect([null, b, a].sort(compareDue)).toEqual([a, b, null])
  })
})
