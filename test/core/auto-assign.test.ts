import { describe, expect, it } from 'vitest'
import {
  autoAssignEventId,
  autoAssignModeProblems,
  capacityProblems,
  countsTowardCapacity,
  decideAutoAssignments,
  inboxWork,
  lastAutoAssigned,
  waitOf,
  type AutoAssignMode,
  type Candidate,
  type Wait,
} from '../../core/auto-assign.js'
import { isMemberOf, makeEvent, stampAt, T0 } from '../helpers/core-fixtures.js'

const members = isMemberOf(['alice', 'bob', 'carol'])
const available = (user: string, open = 0): Candidate => ({ user, availability: 'available', online: true, open })
const wait = (conversation: string, since: number): Wait => ({ conversation, since, arrival: conversation })
const decide = (mode: AutoAssignMode, waiting: Wait[], candidates: Candidate[], capacity = 10, lastAssigned = new Map<string, string>()) =>
  decideAutoAssignments({ setting: { mode, capacity }, waiting, candidates, lastAssigned }).map((d) => [d.wait.conversation, d.to])

describe('the auto-assignment setting', () => {
  it('takes the three modes and refuses anything else, naming them', () => {
    expect(autoAssignModeProblems('round-robin')).toEqual([])
    expect(autoAssignModeProblems('random')).toEqual(['Auto-assign `random` is not valid: use one of off, round-robin, fewest-open, e.g. `--auto-assign round-robin`.'])
  })

  it.each([0, -1, 2.5, '3', Number.NaN])('refuses a capacity of %s with the range it takes', (value) => {
    expect(capacityProblems(value)[0]).toMatch(/^Capacity `.*` is not valid: give a whole number of open conversations from 1 to/)
  })

  it('counts open conversations toward capacity, and neither archived nor asleep ones', () => {
    expect(countsTowardCapacity({ status: 'open', assignee: 'alice', snooze: null }, T0, null)).toBe(true)
    expect(countsTowardCapacity({ status: 'archived', assignee: 'alice', snooze: null }, T0, null)).toBe(false)
    const snooze = { until: T0 + 3_600_000, at: T0 }
    expect(countsTowardCapacity({ status: 'open', assignee: 'alice', snooze }, T0 + 1, null)).toBe(false)
    expect(countsTowardCapacity({ status: 'open', assignee: 'alice', snooze }, T0 + 3_600_000, null)).toBe(true)
    expect(countsTowardCapacity({ status: 'open', assignee: 'alice', snooze }, T0 + 1, T0 + 1)).toBe(true)
  })
})

describe('which conversations wait', () => {
  it('waits a new conversation since it was created, its arrival the conversation itself', () => {
    expect(waitOf({ id: 'c1', createdAt: T0, lastInboundAt: null, events: [] }, members, T0)).toEqual({ conversation: 'c1', since: T0, arrival: 'c1' })
  })

  it('waits an unassigned conversation since the event that left it unheld', () => {
    const unassign = makeEvent('unassign', 'alice', 50, { id: 'u1' })
    expect(waitOf({ id: 'c1', createdAt: T0, lastInboundAt: null, events: [unassign, makeEvent('claim', 'alice', 10)] }, members, T0)).toEqual({ conversation: 'c1', since: T0 + 50, arrival: 'u1' })
  })

  it('does not wait a held or an archived conversation', () => {
    expect(waitOf({ id: 'c1', createdAt: T0, lastInboundAt: null, events: [makeEvent('claim', 'alice', 1)] }, members, T0)).toBeNull()
    expect(waitOf({ id: 'c1', createdAt: T0, lastInboundAt: null, events: [makeEvent('archive', 'alice', 1)] }, members, T0)).toBeNull()
  })

  it('does not wait an unassigned conversation while it sleeps, and waits it once it wakes', () => {
    const snooze = { ...makeEvent('snooze', 'alice', 5, { id: 's1' }), until: T0 + 3_600_000 }
    const asleep = { id: 'c1', createdAt: T0, lastInboundAt: null, events: [snooze] }
    expect(waitOf(asleep, members, T0 + 60_000)).toBeNull()
    expect(waitOf(asleep, members, T0 + 3_600_000)).toEqual({ conversation: 'c1', since: T0 + 5, arrival: 's1' })
    expect(inboxWork([asleep], members, T0 + 60_000)).toEqual({ waiting: [], open: new Map(), wake: T0 + 3_600_000 })
    expect(inboxWork([asleep], members, T0 + 3_600_000)).toEqual({ waiting: [{ conversation: 'c1', since: T0 + 5, arrival: 's1' }], open: new Map(), wake: null })
  })

  it('derives the same event id from the same arrival, and fits a long arrival into an event id', () => {
    expect(autoAssignEventId(wait('c1', 0))).toBe('auto-c1')
    const long = { conversation: 'c1', since: 0, arrival: 'e'.repeat(64) }
    expect(autoAssignEventId(long)).toBe(autoAssignEventId({ ...long }))
    expect(autoAssignEventId(long).length).toBeLessThanOrEqual(64)
    expect(autoAssignEventId(long)).not.toBe(autoAssignEventId({ ...long, arrival: `${'e'.repeat(63)}f` }))
  })

  it('counts open held conversations per member and reads who was auto-assigned last from the events', () => {
    const conversations = [
      { id: 'c1', createdAt: T0, lastInboundAt: null, events: [makeEvent('auto-assign', 'system', 5, { to: 'alice' })] },
      { id: 'c2', createdAt: T0, lastInboundAt: null, events: [makeEvent('auto-assign', 'system', 9, { to: 'alice' }), makeEvent('archive', 'alice', 10)] },
      { id: 'c3', createdAt: T0, lastInboundAt: null, events: [makeEvent('claim', 'bob', 3)] },
    ]
    expect(inboxWork(conversations, members, T0).open).toEqual(new Map([['alice', 1], ['bob', 1]]))
    expect(lastAutoAssigned(conversations)).toEqual(new Map([['alice', stampAt(9)]]))
  })
})

describe('who gets which conversation', () => {
  it('gives nothing while the inbox has auto-assignment off', () => {
    expect(decide('off', [wait('c1', 0)], [available('alice')])).toEqual([])
  })

  it('rotates round robin, never-assigned first and ties by user id, longest-waiting conversation first', () => {
    const waiting = [wait('c3', 30), wait('c1', 10), wait('c2', 20), wait('c4', 40)]
    expect(decide('round-robin', waiting, [available('bob'), available('alice'), available('carol')])).toEqual([
      ['c1', 'alice'],
      ['c2', 'bob'],
      ['c3', 'carol'],
      ['c4', 'alice'],
    ])
  })

  it('starts round robin with the member whose last auto-assignment is oldest', () => {
    const last = new Map([['alice', stampAt(9)], ['bob', stampAt(5)]])
    expect(decide('round-robin', [wait('c1', 0), wait('c2', 1)], [available('alice'), available('bob')], 10, last)).toEqual([
      ['c1', 'bob'],
      ['c2', 'alice'],
    ])
  })

  it('passes over members who are busy, away, offline or at capacity, and leaves the rest waiting', () => {
    const candidates: Candidate[] = [
      { user: 'alice', availability: 'busy', online: true, open: 0 },
      { user: 'bob', availability: 'away', online: true, open: 0 },
      { user: 'carol', availability: 'available', online: false, open: 0 },
      available('dave', 1),
    ]
    expect(decide('round-robin', [wait('c1', 0), wait('c2', 1)], candidates, 2)).toEqual([['c1', 'dave']])
  })

  it('gives fewest-open to the member with fewest open, counting what this pass gave and breaking ties by who was assigned longest ago', () => {
    expect(decide('fewest-open', [wait('c1', 0), wait('c2', 1), wait('c3', 2)], [available('alice', 3), available('bob', 1), available('carol', 2)])).toEqual([
      ['c1', 'bob'],
      ['c2', 'carol'],
      ['c3', 'bob'],
    ])
  })

  it('breaks a fewest-open tie by who waited longest since their last auto-assignment, never-assigned first', () => {
    const last = new Map([['alice', stampAt(9)], ['bob', stampAt(5)]])
    expect(decide('fewest-open', [wait('c1', 0)], [available('alice', 1), available('bob', 1), available('carol', 1)], 10, last)).toEqual([['c1', 'carol']])
    expect(decide('fewest-open', [wait('c1', 0)], [available('alice', 1), available('bob', 1)], 10, last)).toEqual([['c1', 'bob']])
  })
})
