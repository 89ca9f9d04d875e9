import { describe, expect, it } from 'vitest'
import { buildAssignmentEvent, buildNote, buildReply, type ActionContext, type AssignmentRequest } from '../../core/actions.js'
import { foldEvents, type ConversationState } from '../../core/fold.js'
import type { InboxAccess } from '../../core/permissions.js'
import { isMemberOf, makeEvent, makeUser, NEW_STATE, refusalOf, stampAt, T0 } from '../helpers/core-fixtures.js'

const sales: InboxAccess = { kind: 'shared', name: 'Sales', members: ['alice', 'bob'] }
const alice = makeUser('alice', 'basic', ['sms', 'chat'])
const bob = makeUser('bob', 'basic', ['whatsapp'])
const dave = makeUser('dave', 'admin')

function stateHeldBy(assignee: string | null, status: 'open' | 'archived' = 'open'): ConversationState {
  const events = [
    ...(assignee ? [makeEvent('assign', 'system', 0, { to: assignee })] : []),
    ...(status === 'archived' ? [makeEvent('archive', 'system', 1)] : []),
  ]
  return foldEvents(events, isMemberOf(['alice', 'bob']))
}

function ctx(overrides: Partial<ActionContext> = {}): ActionContext {
  return { user: alice, inbox: sales, conversation: 'c1', state: NEW_STATE, stamp: stampAt(5), now: T0 + 5, newId: 'x1', ...overrides }
}

describe('assignment actions', () => {
  it.each<[string, AssignmentRequest, ConversationState]>([
    ['claims an unassigned conversation', { kind: 'claim' }, stateHeldBy(null)],
    ['claims a conversation already theirs', { kind: 'claim' }, stateHeldBy('alice')],
    ['takes over from someone else', { kind: 'takeover' }, stateHeldBy('bob')],
    ['takes over an unassigned conversation', { kind: 'takeover' }, stateHeldBy(null)],
    ['assigns to another member', { kind: 'assign', to: 'bob' }, stateHeldBy(null)],
    ['assigns to themselves', { kind: 'assign', to: 'alice' }, stateHeldBy('bob')],
    ['unassigns someone', { kind: 'unassign' }, stateHeldBy('bob')],
    ['archives an open conversation', { kind: 'archive' }, stateHeldBy('bob')],
    ['unarchives an archived conversation', { kind: 'unarchive' }, stateHeldBy(null, 'archived')],
  ])('a member %s', (_title, request, state) => {
    const event = buildAssignmentEvent(ctx({ state }), request)
    expect(event).toEqual({
      id: 'x1',
      kind: request.kind,
      actor: 'alice',
      at: stampAt(5),
      saw: state.assignee,
      ...(request.kind === 'assign' ? { to: request.to } : {}),
    })
  })

  it.each<[string, AssignmentRequest, ConversationState, string, string]>([
    ['claim a conversation held by someone else', { kind: 'claim' }, stateHeldBy('bob'), 'conflict', 'is assigned to bob; take it over with `huddle conversation takeover c1`'],
    ['take over a conversation already theirs', { kind: 'takeover' }, stateHeldBy('alice'), 'conflict', 'is already assigned to you'],
    ['assign to a non-member', { kind: 'assign', to: 'dave' }, stateHeldBy(null), 'invalid', '`dave` is not a member of Sales'],
    ['unassign a conversation nobody holds', { kind: 'unassign' }, stateHeldBy(null), 'conflict', 'is not assigned to anyone'],
    ['archive an archived conversation', { kind: 'archive' }, stateHeldBy(null, 'archived'), 'conflict', 'is already archived'],
    ['unarchive an open conversation', { kind: 'unarchive' }, stateHeldBy(null), 'conflict', 'is not archived'],
  ])('a member may not %s', (_title, request, state, code, fragment) => {
    const error = refusalOf(() => buildAssignmentEvent(ctx({ state }), request))
    expect(error.code).toBe(code)
    expect(error.message).toContain(fragment)
  })

  it.each<AssignmentRequest>([{ kind: 'claim' }, { kind: 'takeover' }, { kind: 'assign', to: 'alice' }, { kind: 'unassign' }, { kind: 'archive' }])(
    'refuses a non-member (even an admin) $kind as forbidden before looking at the state',
    (request) => {
      const error = refusalOf(() => buildAssignmentEvent(ctx({ user: dave, state: stateHeldBy('alice') }), request))
      expect(error.code).toBe('forbidden')
      expect(error.message).toContain('not a member of inbox `Sales`')
    },
  )

  it('lets only the owner act in a personal inbox, and assign only to the owner', () => {
    const personal: InboxAccess = { kind: 'personal', owner: 'alice' }
    expect(buildAssignmentEvent(ctx({ inbox: personal }), { kind: 'claim' }).actor).toBe('alice')
    expect(refusalOf(() => buildAssignmentEvent(ctx({ inbox: personal, user: bob }), { kind: 'claim' })).code).toBe('forbidden')
    const error = refusalOf(() => buildAssignmentEvent(ctx({ inbox: personal }), { kind: 'assign', to: 'bob' }))
    expect(error.message).toContain('`bob` is not a member of personal inbox of alice')
  })

  it('records the assignee the actor saw, so a take-over says whom it took from', () => {
    expect(buildAssignmentEvent(ctx({ state: stateHeldBy('bob') }), { kind: 'takeover' }).saw).toBe('bob')
  })
})

describe('replies', () => {
  it('records the reply with what its author saw, trimmed', () => {
    const reply = buildReply(ctx({ state: stateHeldBy('bob') }), { body: '  On its way!  ', channel: 'sms', lastInbound: 'm1' })
    expect(reply).toEqual({ id: 'x1', direction: 'out', author: 'alice', body: 'On its way!', at: T0 + 5, basis: { assignee: 'bob', lastInbound: 'm1' } })
  })

  it('refuses a reply on a channel the member is not licensed for, while the same member may still act and note', () => {
    const error = refusalOf(() => buildReply(ctx({ user: bob }), { body: 'Hi', channel: 'sms', lastInbound: null }))
    expect(error.code).toBe('forbidden')
    expect(error.message).toContain('needs the `sms` licence')
    expect(buildAssignmentEvent(ctx({ user: bob }), { kind: 'claim' }).actor).toBe('bob')
    expect(buildNote(ctx({ user: bob }), 'I cannot reply on SMS, @alice?').mentions).toEqual(['alice'])
    expect(buildReply(ctx({ user: bob }), { body: 'Hi', channel: 'whatsapp', lastInbound: null }).author).toBe('bob')
  })

  it('refuses a reply from a non-member', () => {
    expect(refusalOf(() => buildReply(ctx({ user: dave }), { body: 'Hi', channel: 'sms', lastInbound: null })).code).toBe('forbidden')
  })

  it.each([
    ['an empty reply', '', 0],
    ['a reply of spaces', '   \n ', 0],
    ['a reply too long', 'x'.repeat(4097), 4097],
  ])('refuses %s, saying how long it is', (_what, body, length) => {
    const error = refusalOf(() => buildReply(ctx(), { body, channel: 'sms', lastInbound: null }))
    expect(error.code).toBe('invalid')
    expect(error.message).toBe(`A reply needs 1–4096 characters; yours has ${length}.`)
  })
})

describe('notes', () => {
  it('records a note with the members it mentions, once each', () => {
    const note = buildNote(ctx(), ' @bob please call @dave and @bob ')
    expect(note).toEqual({ id: 'x1', author: 'alice', body: '@bob please call @dave and @bob', at: T0 + 5, mentions: ['bob'] })
  })

  it('resolves mentions in a personal inbox to its owner only', () => {
    expect(buildNote(ctx({ inbox: { kind: 'personal', owner: 'alice' } }), '@alice @bob').mentions).toEqual(['alice'])
  })

  it('refuses a note from a non-member and an empty note', () => {
    expect(refusalOf(() => buildNote(ctx({ user: dave }), 'hi')).code).toBe('forbidden')
    expect(refusalOf(() => buildNote(ctx(), ' ')).message).toBe('A note needs 1–4096 characters; yours has 0.')
  })
})
