import { describe, expect, it } from 'vitest'
import { ASSIGNMENT_KINDS, assignmentEventProblems, compareEvents, isAssignmentEvent, isAssignmentKind } from '../../core/assignment-event.js'
import { makeEvent, stampAt } from '../helpers/core-fixtures.js'

const valid = { id: 'e1', kind: 'claim', actor: 'alice', at: stampAt(0), saw: null }

describe('assignment event validation', () => {
  it.each([
    ['a claim', valid],
    ['a take-over that saw someone', { ...valid, kind: 'takeover', saw: 'bob' }],
    ['an assignment naming its assignee', { ...valid, kind: 'assign', to: 'bob' }],
    ['an archive', { ...valid, kind: 'archive' }],
    ['a 64-character id', { ...valid, id: 'x'.repeat(64) }],
    ['a snooze until a time', { ...valid, kind: 'snooze', until: 1764072000000 }],
    ['a snooze until the customer writes', { ...valid, kind: 'snooze', until: 'reply' }],
    ['an unsnooze', { ...valid, kind: 'unsnooze' }],
    ['a label added', { ...valid, kind: 'label', label: 'vip' }],
    ['a label removed', { ...valid, kind: 'unlabel', label: 'late-payer-2' }],
    ['a priority set', { ...valid, kind: 'priority', priority: 'urgent' }],
  ])('accepts %s', (_what, value) => {
    expect(assignmentEventProblems(value)).toEqual([])
    expect(isAssignmentEvent(value)).toBe(true)
  })

  it.each([
    ['a string', 'claim', ['an assignment event must be an object']],
    ['null', null, ['an assignment event must be an object']],
    ['an array', [valid], ['an assignment event must be an object']],
    ['a missing id', { ...valid, id: undefined }, ['event id `undefined` is not valid']],
    ['an empty id', { ...valid, id: '' }, ['event id `` is not valid']],
    ['an id too long', { ...valid, id: 'x'.repeat(65) }, [`event id \`${'x'.repeat(65)}\` is not valid`]],
    ['an unknown kind', { ...valid, kind: 'steal' }, [`event kind \`steal\` is not one of ${ASSIGNMENT_KINDS.join(', ')}`]],
    ['no actor', { ...valid, actor: '' }, ['event actor is missing']],
    ['a wall-clock time instead of a stamp', { ...valid, at: 1764072000000 }, ['event stamp `1764072000000` is not a clock timestamp']],
    ['a missing saw', { ...valid, saw: undefined }, ['event `saw` must be a user id or null']],
    ['an assign without `to`', { ...valid, kind: 'assign' }, ['only an `assign` or `auto-assign` event names `to`, and it must']],
    ['an automatic assignment without `to`', { ...valid, kind: 'auto-assign', actor: 'system' }, ['only an `assign` or `auto-assign` event names `to`, and it must']],
    ['a claim with `to`', { ...valid, to: 'bob' }, ['only an `assign` or `auto-assign` event names `to`, and it must']],
    ['an unknown field', { ...valid, note: 'hi' }, ['event has an unknown field `note`']],
    ['a snooze without `until`', { ...valid, kind: 'snooze' }, ['only a `snooze` event names `until`, and it must: epoch milliseconds or `reply`, not `undefined`']],
    ['a snooze until a date string', { ...valid, kind: 'snooze', until: '2026-12-24' }, ['only a `snooze` event names `until`, and it must: epoch milliseconds or `reply`, not `2026-12-24`']],
    ['a snooze until a fraction of a millisecond', { ...valid, kind: 'snooze', until: 1.5 }, ['only a `snooze` event names `until`, and it must: epoch milliseconds or `reply`, not `1.5`']],
    ['a snooze until beyond 10^15 ms', { ...valid, kind: 'snooze', until: 10 ** 15 }, ['only a `snooze` event names `until`, and it must: epoch milliseconds or `reply`, not `1000000000000000`']],
    ['an unsnooze with `until`', { ...valid, kind: 'unsnooze', until: 'reply' }, ['only a `snooze` event names `until`, and it must: epoch milliseconds or `reply`, not `reply`']],
    ['a label without `label`', { ...valid, kind: 'label' }, ['only a `label` or `unlabel` event names `label`, and it must: a label id (lower-case letters, digits, dashes), not `undefined`']],
    ['a label naming a label by its name', { ...valid, kind: 'label', label: 'VIP customer' }, ['only a `label` or `unlabel` event names `label`, and it must: a label id (lower-case letters, digits, dashes), not `VIP customer`']],
    ['an unlabel naming a number', { ...valid, kind: 'unlabel', label: 7 }, ['only a `label` or `unlabel` event names `label`, and it must: a label id (lower-case letters, digits, dashes), not `7`']],
    ['a claim with `label`', { ...valid, label: 'vip' }, ['only a `label` or `unlabel` event names `label`, and it must: a label id (lower-case letters, digits, dashes), not `vip`']],
    ['a priority without `priority`', { ...valid, kind: 'priority' }, ['only a `priority` event names `priority`, and it must: one of urgent, high, normal, low, not `undefined`']],
    ['a priority of a word not on the list', { ...valid, kind: 'priority', priority: 'critical' }, ['only a `priority` event names `priority`, and it must: one of urgent, high, normal, low, not `critical`']],
    ['a priority in capitals', { ...valid, kind: 'priority', priority: 'HIGH' }, ['only a `priority` event names `priority`, and it must: one of urgent, high, normal, low, not `HIGH`']],
    ['a label with `priority`', { ...valid, kind: 'label', label: 'vip', priority: 'high' }, ['only a `priority` event names `priority`, and it must: one of urgent, high, normal, low, not `high`']],
  ])('refuses %s', (_what, value, problems) => {
    expect(assignmentEventProblems(value)).toEqual(problems)
    expect(isAssignmentEvent(value)).toBe(false)
  })

  it('reports every problem of a bad event', () => {
    expect(assignmentEventProblems({ kind: 'x', at: 'y', saw: 3, extra: 1 })).toHaveLength(6)
  })

  it('knows the twelve kinds, in their stored order', () => {
    expect(ASSIGNMENT_KINDS).toEqual(['claim', 'takeover', 'assign', 'unassign', 'archive', 'unarchive', 'snooze', 'unsnooze', 'auto-assign', 'label', 'unlabel', 'priority'])
    expect(isAssignmentKind('claim')).toBe(true)
    expect(isAssignmentKind('Claim')).toBe(false)
  })
})

describe('event order', () => {
  it.each([
    ['an earlier stamp first', makeEvent('claim', 'zed', 0, { id: 'z' }), makeEvent('claim', 'amy', 1, { id: 'a' })],
    ['a lower counter first', makeEvent('claim', 'zed', stampAt(5, 1), { id: 'z' }), makeEvent('claim', 'amy', stampAt(5, 2), { id: 'a' })],
    ['on the same stamp, the actor first', makeEvent('claim', 'amy', 5, { id: 'z' }), makeEvent('claim', 'bob', 5, { id: 'a' })],
    ['on the same stamp and actor, the id first', makeEvent('claim', 'amy', 5, { id: 'a' }), makeEvent('takeover', 'amy', 5, { id: 'b' })],
  ])('puts %s', (_what, first, second) => {
    expect(compareEvents(first, second)).toBeLessThan(0)
    expect(compareEvents(second, first)).toBeGreaterThan(0)
  })

  it('treats an event as equal to itself', () => {
    const event = makeEvent('archive', 'amy', 0)
    expect(compareEvents(event, { ...event })).toBe(0)
  })
})
