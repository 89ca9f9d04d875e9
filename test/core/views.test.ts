import { describe, expect, it } from 'vitest'
import type { Snooze } from '../../core/fold.js'
import { countViews, emptyCounts, VIEW_TITLES, VIEWS, viewOf, type View } from '../../core/views.js'

const NOW = 1_000_000
const awake = { now: NOW, lastInboundAt: null }

describe('views', () => {
  it.each<['open' | 'archived', string | null, string, View]>([
    ['open', 'alice', 'alice', 'mine'],
    ['open', 'bob', 'alice', 'others'],
    ['open', null, 'alice', 'unassigned'],
    ['archived', 'alice', 'alice', 'archived'],
    ['archived', 'bob', 'alice', 'archived'],
    ['archived', null, 'alice', 'archived'],
  ])('puts a conversation that is %s and held by %j in `%3$s`’s view %4$s', (status, assignee, user, view) => {
    expect(viewOf({ status, assignee, snooze: null }, user, awake)).toBe(view)
  })

  it.each<[string, Snooze, number | null, View]>([
    ['a snooze whose time is still to come', { until: NOW + 1, at: NOW - 10 }, null, 'snoozed'],
    ['a snooze until the customer writes, before they do', { until: 'reply', at: NOW - 10 }, NOW - 20, 'snoozed'],
    ['a snooze whose time has come', { until: NOW, at: NOW - 10 }, null, 'mine'],
    ['a snooze the customer wrote after', { until: NOW + 1, at: NOW - 10 }, NOW - 5, 'mine'],
    ['a snooze until the customer writes, once they have', { until: 'reply', at: NOW - 10 }, NOW - 5, 'mine'],
  ])('puts an open conversation under %s in %s', (_title, snooze, lastInboundAt, view) => {
    expect(viewOf({ status: 'open', assignee: 'alice', snooze }, 'alice', { now: NOW, lastInboundAt })).toBe(view)
  })

  it('counts the five views for one user at a moment', () => {
    const asleep: Snooze = { until: NOW + 60_000, at: NOW - 1 }
    const states = [
      { status: 'open', assignee: 'alice', snooze: null },
      { status: 'open', assignee: 'alice', snooze: null },
      { status: 'open', assignee: 'bob', snooze: null },
      { status: 'open', assignee: null, snooze: null },
      { status: 'open', assignee: 'alice', snooze: asleep },
      { status: 'archived', assignee: 'alice', snooze: null },
      { status: 'archived', assignee: null, snooze: null },
    ] as const
    const entries = states.map((state) => ({ state, lastInboundAt: null }))
    expect(countViews(entries, 'alice', NOW)).toEqual({ mine: 2, others: 1, unassigned: 1, archived: 2, snoozed: 1 })
    expect(countViews(entries, 'bob', NOW)).toEqual({ mine: 1, others: 2, unassigned: 1, archived: 2, snoozed: 1 })
    expect(countViews(entries, 'alice', NOW + 60_000)).toEqual({ mine: 3, others: 1, unassigned: 1, archived: 2, snoozed: 0 })
    expect(countViews([], 'bob', NOW)).toEqual(emptyCounts())
  })

  it('puts every open conversation in exactly one of mine, others, unassigned and snoozed for every user', () => {
    const snoozes: (Snooze | null)[] = [null, { until: NOW + 1, at: 0 }, { until: NOW - 1, at: 0 }, { until: 'reply', at: 0 }]
    for (const snooze of snoozes)
      for (const assignee of [null, 'alice', 'bob'])
        for (const user of ['alice', 'bob', 'carol']) {
          const asleep = snooze !== null && (snooze.until === 'reply' || snooze.until > NOW)
          const predicates = [!asleep && assignee === user, !asleep && assignee !== null && assignee !== user, !asleep && assignee === null, asleep]
          expect(predicates.filter(Boolean)).toHaveLength(1)
          expect(viewOf({ status: 'open', assignee, snooze }, user, awake)).toBe(['mine', 'others', 'unassigned', 'snoozed'][predicates.indexOf(true)])
        }
  })

  it('has five titled views, Snoozed fifth', () => {
    expect(VIEWS).toEqual(['mine', 'others', 'unassigned', 'archived', 'snoozed'])
    expect(VIEW_TITLES).toEqual({ mine: 'Assigned to me', others: 'Assigned to other', unassigned: 'Unassigned', archived: 'Archived', snoozed: 'Snoozed' })
  })
})
