import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ASSIGNMENT_KINDS, type AssignmentEvent, type AssignmentKind } from '../../core/assignment-event.js'
import { PRIORITIES, type Priority } from '../../core/priority.js'
import { foldEvents } from '../../core/fold.js'
import { isMemberOf, makeEvent, stampAt, T0 } from '../helpers/core-fixtures.js'

const members = isMemberOf(['alice', 'bob', 'carol'])
const e = makeEvent

describe('folding assignment events', () => {
  it('starts open and unassigned', () => {
    expect(foldEvents([], members)).toEqual({ status: 'open', assignee: null, snooze: null, labels: [], priority: 'normal', history: [], lostClaims: [] })
  })

  it.each<[string, AssignmentEvent[], 'open' | 'archived', string | null]>([
    ['a claim assigns the claimer', [e('claim', 'alice', 0)], 'open', 'alice'],
    ['a take-over assigns the actor', [e('claim', 'alice', 0), e('takeover', 'bob', 1)], 'open', 'bob'],
    ['an assignment assigns its `to`', [e('assign', 'alice', 0, { to: 'carol' })], 'open', 'carol'],
    ['an unassignment clears the assignee', [e('claim', 'alice', 0), e('unassign', 'alice', 1)], 'open', null],
    ['an archive archives and keeps the assignee', [e('claim', 'alice', 0), e('archive', 'bob', 1)], 'archived', 'alice'],
    ['an unarchive reopens', [e('archive', 'bob', 0), e('unarchive', 'bob', 1)], 'open', null],
    ['a claim of an archived conversation still assigns', [e('archive', 'bob', 0), e('claim', 'alice', 1)], 'archived', 'alice'],
    ['a claim after an unassignment applies', [e('claim', 'alice', 0), e('unassign', 'bob', 1), e('claim', 'bob', 2)], 'open', 'bob'],
    ['a repeated claim by the holder applies', [e('claim', 'alice', 0), e('claim', 'alice', 1)], 'open', 'alice'],
    ['an automatic assignment of an unheld conversation assigns its `to`', [e('auto-assign', 'system', 0, { to: 'bob' })], 'open', 'bob'],
    ['an automatic assignment after an unassignment applies', [e('claim', 'alice', 0), e('unassign', 'alice', 1), e('auto-assign', 'system', 2, { to: 'bob' })], 'open', 'bob'],
    ['an automatic assignment does not displace a holder', [e('claim', 'alice', 0), e('auto-assign', 'system', 1, { to: 'bob' })], 'open', 'alice'],
    ['an automatic assignment to a removed member leaves it unheld', [e('auto-assign', 'system', 0, { to: 'dave' })], 'open', null],
  ])('%s', (_title, events, status, assignee) => {
    const state = foldEvents(events, members)
    expect(state.status).toBe(status)
    expect(state.assignee).toBe(assignee)
    expect(state.lostClaims).toEqual([])
  })

  it('lets an offline claim stamped before an automatic assignment win, with no lost claim and no history line for the skipped assignment', () => {
    const claim = e('claim', 'alice', 100)
    const auto = e('auto-assign', 'system', 200, { to: 'bob' })
    const state = foldEvents([auto, claim], members)
    expect(state.assignee).toBe('alice')
    expect(state.lostClaims).toEqual([])
    expect(state.history.map((h) => h.event.id)).toEqual([claim.id])
  })

  it('lets a claim stamped after an automatic assignment lose to it, naming the member it went to', () => {
    const auto = e('auto-assign', 'system', 100, { to: 'bob' })
    const claim = e('claim', 'alice', 200)
    const state = foldEvents([claim, auto], members)
    expect(state.assignee).toBe('bob')
    expect(state.lostClaims).toEqual([{ event: claim, winner: 'bob' }])
  })

  it('lets the first claim win and records the later one as lost, naming the winner', () => {
    const first = e('claim', 'bob', 100)
    const late = e('claim', 'alice', 200)
    const state = foldEvents([late, first], members)
    expect(state.assignee).toBe('bob')
    expect(state.lostClaims).toEqual([{ event: late, winner: 'bob' }])
    expect(state.history.map((h) => [h.event.id, h.outcome, h.winner, h.assignee])).toEqual([
      [first.id, 'applied', undefined, 'bob'],
      [late.id, 'lost', 'bob', 'bob'],
    ])
  })

  it('settles claims on the same stamp by actor id', () => {
    const state = foldEvents([e('claim', 'carol', 0), e('claim', 'bob', 0), e('claim', 'alice', 0)], members)
    expect(state.assignee).toBe('alice')
    expect(state.lostClaims.map((l) => [l.event.actor, l.winner])).toEqual([
      ['bob', 'alice'],
      ['carol', 'alice'],
    ])
  })

  it('settles claims on the same stamp and actor by event id', () => {
    const state = foldEvents([e('claim', 'alice', 0, { id: 'b' }), e('claim', 'alice', 0, { id: 'a' })], members)
    expect(state.history.map((h) => h.event.id)).toEqual(['a', 'b'])
  })

  it('makes a claim made offline lose to an earlier claim, even when it arrives first', () => {
    const offline = e('claim', 'alice', stampAt(1000, 0))
    const online = e('claim', 'bob', stampAt(999, 5))
    expect(foldEvents([offline], members).assignee).toBe('alice')
    const merged = foldEvents([offline, online], members)
    expect(merged.assignee).toBe('bob')
    expect(merged.lostClaims).toEqual([{ event: offline, winner: 'bob' }])
  })

  it('lets the latest take-over win', () => {
    const state = foldEvents([e('takeover', 'carol', 300), e('takeover', 'alice', 100), e('takeover', 'bob', 200)], members)
    expect(state.assignee).toBe('carol')
    expect(state.lostClaims).toEqual([])
  })

  it('lets a take-over win over an earlier claim, and a later claim lose to the take-over', () => {
    const state = foldEvents([e('claim', 'alice', 0), e('takeover', 'bob', 1), e('claim', 'carol', 2)], members)
    expect(state.assignee).toBe('bob')
    expect(state.lostClaims.map((l) => [l.event.actor, l.winner])).toEqual([['carol', 'bob']])
  })

  it('lets the latest of an assignment and a take-over win', () => {
    expect(foldEvents([e('takeover', 'bob', 1), e('assign', 'alice', 2, { to: 'carol' })], members).assignee).toBe('carol')
    expect(foldEvents([e('takeover', 'bob', 3), e('assign', 'alice', 2, { to: 'carol' })], members).assignee).toBe('bob')
  })

  it('applies unassign, archive and unarchive in order', () => {
    const events = [e('claim', 'alice', 0), e('archive', 'alice', 1), e('unassign', 'bob', 2), e('unarchive', 'bob', 3), e('archive', 'carol', 4)]
    const state = foldEvents(events, members)
    expect(state.status).toBe('archived')
    expect(state.assignee).toBeNull()
    expect(state.history.map((h) => [h.status, h.assignee])).toEqual([
      ['open', 'alice'],
      ['archived', 'alice'],
      ['archived', null],
      ['open', null],
      ['archived', null],
    ])
  })

  it('counts an assignee who is not a member as nobody', () => {
    const state = foldEvents([e('assign', 'alice', 0, { to: 'mallory' })], members)
    expect(state.assignee).toBeNull()
    expect(state.history[0]!.assignee).toBeNull()
  })

  it('lets a member claim a conversation held by someone who is no longer a member', () => {
    const events = [e('claim', 'dave', 0), e('claim', 'alice', 1)]
    expect(foldEvents(events, isMemberOf(['alice', 'dave'])).lostClaims).toHaveLength(1)
    const state = foldEvents(events, members)
    expect(state.assignee).toBe('alice')
    expect(state.lostClaims).toEqual([])
  })

  it('does not bring back a removed member’s assignment once the server unassigned it', () => {
    const events = [e('claim', 'dave', 0), e('unassign', 'system', 1)]
    expect(foldEvents(events, isMemberOf(['alice', 'dave'])).assignee).toBeNull()
  })
})

describe('fold order independence', () => {
  const actors = ['alice', 'bob', 'carol', 'mallory'] as const
  const kinds: readonly AssignmentKind[] = ASSIGNMENT_KINDS
  const eventArb = fc
    .record({
      kind: fc.constantFrom(...kinds),
      actor: fc.constantFrom(...actors),
      ms: fc.integer({ min: 0, max: 5 }),
      counter: fc.integer({ min: 0, max: 2 }),
      to: fc.constantFrom(...actors),
      label: fc.constantFrom('vip', 'billing', 'spam'),
      priority: fc.constantFrom(...PRIORITIES),
    })
    .map(({ kind, actor, ms, counter, ...args }) => ({ kind, actor, at: stampAt(ms, counter), args }))
  const eventsArb = fc
    .array(eventArb, { maxLength: 25 })
    .map((list) => list.map((x, i) => makeEvent(x.kind, x.actor, x.at, { id: `id-${i}`, ...x.args })))
  const permutedArb = eventsArb.chain((events) =>
    fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })),
  )

  it('reaches the same state from the same events in any order', () => {
    fc.assert(
      fc.property(permutedArb, ([events, shuffled]) => {
        expect(foldEvents(shuffled, members)).toEqual(foldEvents(events, members))
      }),
      { numRuns: 300 },
    )
  })

  it('never leaves a non-member assigned, and names a current holder in every lost claim', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const state = foldEvents(events, members)
        if (state.assignee !== null) expect(members(state.assignee)).toBe(true)
        for (const lost of state.lostClaims) {
          expect(members(lost.winner)).toBe(true)
          expect(lost.winner).not.toBe(lost.event.actor)
        }
        // Every event is in the history but an automatic assignment that found it held, which did nothing.
        const byUser = events.filter((e) => e.kind !== 'auto-assign')
        expect(state.history.filter((h) => h.event.kind !== 'auto-assign')).toHaveLength(byUser.length)
        for (const entry of state.history) if (entry.event.kind === 'auto-assign') expect(entry.outcome).toBe('applied')
      }),
      { numRuns: 300 },
    )
  })
})

describe('folding snoozes', () => {
  const until = T0 + 3_600_000
  const snooze = (actor: string, at: number, wake: number | 'reply' = until): AssignmentEvent => ({ ...e('snooze', actor, at), until: wake })

  it.each<[string, AssignmentEvent[], 'open' | 'archived', string | null, number | 'reply' | null]>([
    ['a snooze on an open conversation snoozes it', [snooze('alice', 0)], 'open', null, until],
    ['a later snooze replaces an earlier one', [snooze('alice', 0), snooze('bob', 1, 'reply')], 'open', null, 'reply'],
    ['an unsnooze wakes it', [snooze('alice', 0), e('unsnooze', 'bob', 1)], 'open', null, null],
    ['a claim on a snoozed conversation keeps it snoozed', [snooze('alice', 0), e('claim', 'bob', 1)], 'open', 'bob', until],
    ['a take-over keeps it snoozed', [e('claim', 'alice', 0), snooze('alice', 1), e('takeover', 'bob', 2)], 'open', 'bob', until],
    ['an assignment keeps it snoozed', [snooze('alice', 0), e('assign', 'alice', 1, { to: 'carol' })], 'open', 'carol', until],
    ['an archive clears a snooze', [snooze('alice', 0), e('archive', 'bob', 1)], 'archived', null, null],
    ['a snooze of an archived conversation does not snooze it', [e('archive', 'bob', 0), snooze('alice', 1)], 'archived', null, null],
    ['an unarchive leaves it open and awake', [snooze('alice', 0), e('archive', 'bob', 1), e('unarchive', 'bob', 2)], 'open', null, null],
    ['an archive stamped before the snooze does not clear it', [e('archive', 'bob', 0), e('unarchive', 'bob', 1), snooze('alice', 2)], 'open', null, until],
  ])('%s', (_title, events, status, assignee, wake) => {
    const state = foldEvents(events, members)
    expect(state.status).toBe(status)
    expect(state.assignee).toBe(assignee)
    expect(state.snooze?.until ?? null).toBe(wake)
  })

  it('keeps the physical time of the snooze’s stamp, which a customer message must be newer than', () => {
    expect(foldEvents([snooze('alice', 500)], members).snooze).toEqual({ until, at: T0 + 500 })
  })

  it('folds snoozes in order whatever order they arrive in', () => {
    const events = [snooze('alice', 0), e('unsnooze', 'bob', 1), snooze('carol', 2, 'reply'), e('claim', 'alice', 3)]
    expect(foldEvents([...events].reverse(), members)).toEqual(foldEvents(events, members))
    expect(foldEvents(events, members).history.map((h) => h.snooze?.until ?? null)).toEqual([until, null, 'reply', 'reply'])
  })
})

describe('folding labels and priority', () => {
  const label = (actor: string, at: number, id: string): AssignmentEvent => e('label', actor, at, { label: id })
  const unlabel = (actor: string, at: number, id: string): AssignmentEvent => e('unlabel', actor, at, { label: id })
  const priority = (actor: string, at: number, to: Priority): AssignmentEvent => e('priority', actor, at, { priority: to })

  it.each<[string, AssignmentEvent[], string[]]>([
    ['a label added is on', [label('alice', 0, 'vip')], ['vip']],
    ['labels come sorted whatever order they were added in', [label('alice', 0, 'vip'), label('bob', 1, 'billing')], ['billing', 'vip']],
    ['a removal after the add takes it off', [label('alice', 0, 'vip'), unlabel('bob', 1, 'vip')], []],
    ['an add after the removal puts it back', [label('alice', 0, 'vip'), unlabel('bob', 1, 'vip'), label('carol', 2, 'vip')], ['vip']],
    ['a removal stamped before the add loses to it', [unlabel('bob', 0, 'vip'), label('alice', 1, 'vip')], ['vip']],
    ['a removal of one label leaves the others', [label('alice', 0, 'vip'), label('alice', 1, 'billing'), unlabel('bob', 2, 'vip')], ['billing']],
    ['the same label added twice is on once', [label('alice', 0, 'vip'), label('bob', 1, 'vip')], ['vip']],
    ['a label on an archived conversation applies', [e('archive', 'bob', 0), label('alice', 1, 'vip')], ['vip']],
    ['an actor who is not a member still labels (membership was checked when written)', [label('mallory', 0, 'vip')], ['vip']],
  ])('%s', (_title, events, labels) => {
    const state = foldEvents(events, members)
    expect(state.labels).toEqual(labels)
    expect(state.history.map((h) => h.outcome)).toEqual(events.map(() => 'applied'))
  })

  it.each<[string, AssignmentEvent[], Priority]>([
    ['no priority event leaves it normal', [e('claim', 'alice', 0)], 'normal'],
    ['a priority event sets it', [priority('alice', 0, 'urgent')], 'urgent'],
    ['the latest priority event wins', [priority('alice', 0, 'urgent'), priority('bob', 1, 'low')], 'low'],
    ['an offline priority stamped earlier loses, whenever it arrives', [priority('bob', 1, 'low'), priority('alice', 0, 'urgent')], 'low'],
    ['a priority set back to normal is normal', [priority('alice', 0, 'high'), priority('alice', 1, 'normal')], 'normal'],
  ])('%s', (_title, events, expected) => {
    expect(foldEvents(events, members).priority).toBe(expected)
  })

  it('changes neither status, assignee nor snooze', () => {
    const before = [e('claim', 'alice', 0), { ...e('snooze', 'alice', 1), until: 'reply' as const }]
    const after = [...before, label('bob', 2, 'vip'), priority('bob', 3, 'urgent'), unlabel('carol', 4, 'vip')]
    const [a, b] = [foldEvents(before, members), foldEvents(after, members)]
    expect([b.status, b.assignee, b.snooze]).toEqual([a.status, a.assignee, a.snooze])
  })

  it('is undone by neither an archive nor an unarchive', () => {
    const state = foldEvents([label('alice', 0, 'vip'), priority('alice', 1, 'high'), e('archive', 'bob', 2), e('unarchive', 'bob', 3)], members)
    expect([state.labels, state.priority]).toEqual([['vip'], 'high'])
  })
})
