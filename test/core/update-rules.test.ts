import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc, type ConversationMeta } from '../../core/conversation-doc.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { ENTRY_KEYS, ORIGINAL_EVENTS_KEY } from '../../core/inbox-layout.js'
import type { Message } from '../../core/message.js'
import type { InboxAccess } from '../../core/permissions.js'
import type { UpdateProblem } from '../../core/update-problem.js'
import type { Change } from '../../core/yjs-internals/update-change.js'
import { previewChanges } from '../../core/yjs-internals/update-preview.js'
import { MAX_FUTURE_STAMP_MS, MIN_STAMP_MS, updateProblems, type UpdateContext } from '../../core/update-rules.js'
import { clientUpdate, makeEvent, makeSummary, makeUser, stampAt, T0 } from '../helpers/core-fixtures.js'
import { addOriginalEntry } from '../helpers/original-layout.js'

const sales: InboxAccess = { kind: 'shared', name: 'Sales', members: ['alice', 'bob'] }
const alice = makeUser('alice', 'basic', ['sms'])
const inboxCtx: UpdateContext = { doc: 'inbox', user: alice, inbox: sales, now: T0 }
const conversationCtx: UpdateContext = { doc: 'conversation', user: alice, inbox: sales, channel: 'sms', now: T0 }

/** The changes a client (as `alice`) makes to a server-created inbox, as the server sees them. */
function inboxChanges(change: (client: InboxDoc) => void): Change[] {
  const server = new InboxDoc(new Y.Doc())
  server.addConversation(makeSummary('c1'))
  const client = new InboxDoc(new Y.Doc())
  Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(server.doc))
  const before = Y.encodeStateVector(client.doc)
  change(client)
  return previewChanges(server.doc, Y.encodeStateAsUpdate(client.doc, before))
}

const meta: ConversationMeta = { id: 'c1', inbox: 'inbox/sales', channel: 'sms', contact: '+447700900123', address: '+15550100' }

function conversationChanges(change: (client: ConversationDoc) => void, prepare?: (server: ConversationDoc) => void): Change[] {
  const server = new ConversationDoc(new Y.Doc())
  server.writeMeta(meta)
  server.appendMessage({ id: 'm1', direction: 'in', author: meta.contact, body: 'Hi', at: T0 })
  prepare?.(server)
  const client = new ConversationDoc(new Y.Doc())
  Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(server.doc))
  const before = Y.encodeStateVector(client.doc)
  change(client)
  return previewChanges(server.doc, Y.encodeStateAsUpdate(client.doc, before))
}

function reply(overrides: Partial<Message> = {}): Message {
  return { id: 'm2', direction: 'out', author: 'alice', body: 'Hello', at: T0, basis: { assignee: null, lastInbound: 'm1' }, ...overrides }
}

describe('what a member may change in an inbox document', () => {
  it.each([
    ['append a claim as themselves', (c: InboxDoc) => c.appendEvent('c1', makeEvent('claim', 'alice', 0))],
    ['assign to a member', (c: InboxDoc) => c.appendEvent('c1', makeEvent('assign', 'alice', 0, { to: 'bob' }))],
    ['update the summary', (c: InboxDoc) => c.updateSummary('c1', { preview: 'Sure', lastMessageAt: T0 + 5, contactName: 'Ann' })],
    ['stamp an event up to a day ahead of the server', (c: InboxDoc) => c.appendEvent('c1', makeEvent('claim', 'alice', MAX_FUTURE_STAMP_MS))],
    ['append an event in the original object form, as a stock or older client does', (c: InboxDoc) => c.storedEvents('c1')!.push([makeEvent('assign', 'alice', 0, { to: 'bob' })])],
    ['add a label', (c: InboxDoc) => c.appendEvent('c1', makeEvent('label', 'alice', 0, { label: 'vip' }))],
    ['remove a label, in the object form', (c: InboxDoc) => c.storedEvents('c1')!.push([makeEvent('unlabel', 'alice', 0, { label: 'vip' })])],
    ['set a priority', (c: InboxDoc) => c.appendEvent('c1', makeEvent('priority', 'alice', 0, { priority: 'urgent' }))],
  ])('may %s', (_what, change) => {
    expect(updateProblems(inboxChanges(change), inboxCtx)).toEqual([])
  })

  it.each<[string, (c: InboxDoc) => void, string, UpdateProblem['code']]>([
    ['append an event as someone else', (c) => c.appendEvent('c1', makeEvent('claim', 'bob', 0, { id: 'x1' })), 'event `x1` claims actor `bob` but you are `alice`', 'forbidden'],
    ['append as the server', (c) => c.appendEvent('c1', makeEvent('unassign', 'system', 0, { id: 'x1' })), 'claims actor `system`', 'forbidden'],
    ['assign to a non-member', (c) => c.appendEvent('c1', makeEvent('assign', 'alice', 0, { to: 'mallory' })), '`mallory` is not a member of this inbox', 'invalid'],
    ['append an automatic assignment as themselves', (c) => c.appendEvent('c1', makeEvent('auto-assign', 'alice', 0, { id: 'x1', to: 'alice' })), 'event `x1` is an automatic assignment, which only the server makes', 'forbidden'],
    ['append an automatic assignment as the server', (c) => c.appendEvent('c1', makeEvent('auto-assign', 'system', 0, { id: 'x1', to: 'bob' })), 'only the server makes', 'forbidden'],
    ['append a malformed event', (c) => c.storedEvents('c1')!.push([{ kind: 'claim' }]), 'event id `undefined` is not valid', 'invalid'],
    ['append a nested structure as an event', (c) => c.storedEvents('c1')!.push([new Y.Map()]), 'an assignment event must be a plain object', 'invalid'],
    ['stamp an event before 2020', (c) => c.appendEvent('c1', makeEvent('claim', 'alice', MIN_STAMP_MS - 1 - T0, { id: 'x1' })), 'event `x1` is stamped before 2020', 'invalid'],
    ['stamp an event more than a day ahead', (c) => c.appendEvent('c1', makeEvent('claim', 'alice', MAX_FUTURE_STAMP_MS + 1, { id: 'x1' })), 'event `x1` is stamped more than a day in the future', 'invalid'],
    ['delete an event', (c) => {
      c.appendEvent('c1', makeEvent('claim', 'alice', 0))
      ;c.storedEvents('c1')!.delete(0, 1)
    }, 'assignment history is append-only', 'forbidden'],
    ['create a conversation', (c) => c.addConversation(makeSummary('c2')), 'only the server creates or removes conversations', 'forbidden'],
    ['remove a conversation', (c) => c.conversations.delete('c1'), 'only the server creates or removes conversations', 'forbidden'],
    ['change a fixed summary field', (c) => c.conversations.get('c1')!.set('channel', 'chat'), '`conversations/c1/channel` is written by the server only', 'forbidden'],
    ['append an event tuple with a part missing', (c) => c.storedEvents('c1')!.push([['x1', 0, 'alice', T0, 0]]), 'an assignment event tuple has 6 or 7 parts, not 5', 'invalid'],
    ['append an event tuple with an unknown kind index', (c) => c.storedEvents('c1')!.push([['x1', 12, 'alice', T0, 0, null]]), 'event kind `12` is not one of', 'invalid'],
    ['append an event tuple whose stamp is not one', (c) => c.storedEvents('c1')!.push([['x1', 0, 'alice', T0 + 0.5, 0, null]]), 'is not a clock timestamp', 'invalid'],
    ['append an event tuple naming its kind rather than its index', (c) => c.storedEvents('c1')!.push([['x1', 'claim', 'alice', T0, 0, null]]), 'holds its kind as a number', 'invalid'],
    ['append an event tuple whose stamp is two digit strings', (c) => c.storedEvents('c1')!.push([['x1', 0, 'alice', String(T0).padStart(15, '0'), '000000', null]]), 'holds its stamp as two numbers', 'invalid'],
    ['append an event tuple naming `to` for a claim', (c) => c.storedEvents('c1')!.push([['x1', 0, 'alice', T0, 0, null, 'bob']]), 'only an `assign` or `auto-assign` event names `to`', 'invalid'],
    ['add a label as someone else', (c) => c.appendEvent('c1', makeEvent('label', 'bob', 0, { id: 'x1', label: 'vip' })), 'event `x1` claims actor `bob` but you are `alice`', 'forbidden'],
    ['add a label by its name rather than its id', (c) => c.appendEvent('c1', makeEvent('label', 'alice', 0, { label: 'VIP customer' })), 'only a `label` or `unlabel` event names `label`, and it must', 'invalid'],
    ['append a label tuple with no label', (c) => c.storedEvents('c1')!.push([['x1', 9, 'alice', T0, 0, null]]), 'only a `label` or `unlabel` event names `label`', 'invalid'],
    ['append an unlabel tuple naming a number', (c) => c.storedEvents('c1')!.push([['x1', 10, 'alice', T0, 0, null, 3]]), 'only a `label` or `unlabel` event names `label`', 'invalid'],
    ['append a priority tuple with a word not on the list', (c) => c.storedEvents('c1')!.push([['x1', 11, 'alice', T0, 0, null, 'critical']]), 'only a `priority` event names `priority`, and it must: one of urgent, high, normal, low, not `critical`', 'invalid'],
    ['append a priority object naming a label too', (c) => c.storedEvents('c1')!.push([{ ...makeEvent('priority', 'alice', 0), label: 'vip' }]), 'only a `label` or `unlabel` event names `label`', 'invalid'],
    ['stamp a priority more than a day ahead', (c) => c.appendEvent('c1', makeEvent('priority', 'alice', MAX_FUTURE_STAMP_MS + 1, { id: 'x1' })), 'event `x1` is stamped more than a day in the future', 'invalid'],
    ['replace the events list', (c) => c.conversations.get('c1')!.set(ENTRY_KEYS.events, new Y.Array()), `\`conversations/c1/${ENTRY_KEYS.events}\` is written by the server only`, 'forbidden'],
    ['add an events list under the original key', (c) => c.conversations.get('c1')!.set(ORIGINAL_EVENTS_KEY, new Y.Array()), '`conversations/c1/events` is written by the server only', 'forbidden'],
    ['change the fixed summary tuple', (c) => c.conversations.get('c1')!.set(ENTRY_KEYS.fixed, ['chat', 'x', 'y', T0, null]), `\`conversations/c1/${ENTRY_KEYS.fixed}\` is written by the server only`, 'forbidden'],
    ['write a summary field under its original key, which readers of the compact layout would not see', (c) => c.conversations.get('c1')!.set('preview', 'Sure'), '`conversations/c1/preview` is written by the server only', 'forbidden'],
    ['write a malformed summary value', (c) => c.updateSummary('c1', { preview: 'x'.repeat(201) }), 'conversation field `preview` has a malformed value', 'invalid'],
    ['write a structure into the summary', (c) => c.conversations.get('c1')!.set(ENTRY_KEYS.preview, new Y.Text()), 'must be a plain value', 'invalid'],
    ['add another root', (c) => c.doc.getMap('extra').set('k', 1), '`extra/k` is not part of an inbox document', 'invalid'],
  ])('may not %s', (_what, change, fragment, code) => {
    expect(updateProblems(inboxChanges(change), inboxCtx)).toContainEqual({ code, message: expect.stringContaining(fragment) })
  })

  it('takes an event appended to an entry stored in the original layout under the same rules', () => {
    const server = new Y.Doc()
    addOriginalEntry(server, makeSummary('c1'))
    const changes = (event: ReturnType<typeof makeEvent>): Change[] => {
      const client = new InboxDoc(new Y.Doc())
      Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(server))
      return previewChanges(server, clientUpdate(client, (c) => c.appendEvent('c1', event)))
    }
    expect(updateProblems(changes(makeEvent('claim', 'alice', 0)), inboxCtx)).toEqual([])
    expect(updateProblems(changes(makeEvent('claim', 'bob', 0, { id: 'x1' })), inboxCtx)).toEqual([
      { code: 'forbidden', message: 'event `x1` claims actor `bob` but you are `alice`' },
    ])
  })

  it('refuses an update that builds on changes the server does not have', () => {
    const problems = updateProblems([{ kind: 'pending' }], inboxCtx)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toEqual({ code: 'invalid', message: expect.stringContaining('changes the server does not have') })
  })
})

describe('what a member may change in a conversation document', () => {
  it.each([
    ['reply as themselves on a channel they hold', (c: ConversationDoc) => c.appendMessage(reply())],
    ['date replies at both bounds', (c: ConversationDoc) => {
      c.appendMessage(reply({ at: MIN_STAMP_MS }))
      c.appendMessage(reply({ id: 'm3', at: T0 + MAX_FUTURE_STAMP_MS }))
    }],
    ['add a note', (c: ConversationDoc) => c.appendNote({ id: 'n1', author: 'alice', body: 'Called', at: T0, mentions: [] })],
    ['decide on a held reply', (c: ConversationDoc) => c.appendDecision({ id: 'd1', message: 'm2', decision: 'discard', actor: 'alice', at: T0 })],
  ])('may %s', (_what, change) => {
    expect(updateProblems(conversationChanges(change), conversationCtx)).toEqual([])
  })

  it.each<[string, (c: ConversationDoc) => void, string, UpdateProblem['code']]>([
    ['write a customer message', (c) => c.appendMessage({ id: 'm9', direction: 'in', author: '+44', body: 'fake', at: T0 }), 'only the server records customer messages', 'forbidden'],
    ['reply as someone else', (c) => c.appendMessage(reply({ author: 'bob' })), 'reply `m2` claims author `bob` but you are `alice`', 'forbidden'],
    ['reply without recording what they saw', (c) => c.appendMessage(reply({ basis: undefined })), 'a reply must record what its author saw', 'invalid'],
    ['note as someone else', (c) => c.appendNote({ id: 'n1', author: 'bob', body: 'x', at: T0, mentions: [] }), 'note `n1` claims author `bob`', 'forbidden'],
    ['append a malformed note', (c) => c.notes.push([{ id: 'n1' } as never]), 'note author is missing', 'invalid'],
    ['decide as someone else', (c) => c.appendDecision({ id: 'd1', message: 'm2', decision: 'send', actor: 'bob', at: T0 }), 'decision `d1` claims actor `bob`', 'forbidden'],
    ['delete a message', (c) => c.messages.delete(0, 1), 'messages are append-only', 'forbidden'],
    ['push a structure as a note', (c) => (c.notes as Y.Array<unknown>).push([new Y.Map()]), 'notes must be plain objects', 'invalid'],
    ['change the meta data', (c) => c.meta.set('inbox', 'personal/alice'), '`meta/inbox` is written by the server only', 'forbidden'],
    ['set a delivery status', (c) => c.setDelivery('m1', { status: 'delivered', at: T0 }), '`delivery/m1` is written by the server only', 'forbidden'],
    ['date a reply before 2020', (c) => c.appendMessage(reply({ at: MIN_STAMP_MS - 1 })), 'reply `m2` is stamped before 2020', 'invalid'],
    ['date a reply more than a day ahead', (c) => c.appendMessage(reply({ at: T0 + MAX_FUTURE_STAMP_MS + 1 })), 'reply `m2` is stamped more than a day in the future', 'invalid'],
    ['date a note before 2020', (c) => c.appendNote({ id: 'n1', author: 'alice', body: 'x', at: Date.UTC(1971, 0, 1), mentions: [] }), 'note `n1` is stamped before 2020', 'invalid'],
    ['date a note more than a day ahead', (c) => c.appendNote({ id: 'n1', author: 'alice', body: 'x', at: T0 + MAX_FUTURE_STAMP_MS + 1, mentions: [] }), 'note `n1` is stamped more than a day in the future', 'invalid'],
    ['hide a reply’s body in `__proto__`', (c) => c.messages.push([JSON.parse(`{"id":"m2","direction":"out","author":"alice","at":${T0},"basis":{"assignee":null,"lastInbound":"m1"},"__proto__":{"body":"x"}}`)]), 'the value written at `messages` holds the key `__proto__`', 'invalid'],
  ])('may not %s', (_what, change, fragment, code) => {
    expect(updateProblems(conversationChanges(change), conversationCtx)).toContainEqual({ code, message: expect.stringContaining(fragment) })
  })

  it('refuses a reply on a channel the member holds no licence for', () => {
    const ctx: UpdateContext = { ...conversationCtx, channel: 'whatsapp' }
    expect(updateProblems(conversationChanges((c) => c.appendMessage(reply())), ctx)).toEqual([{ code: 'forbidden', message: expect.stringContaining('needs the `whatsapp` licence') }])
  })

  it('skips the licence check when the channel is not known', () => {
    const ctx: UpdateContext = { ...conversationCtx, channel: null }
    expect(updateProblems(conversationChanges((c) => c.appendMessage(reply())), ctx)).toEqual([])
  })
})

describe('updateProblems', () => {
  it('refuses any change to the organisation document', () => {
    const change: Change = { kind: 'insert', location: { root: 'users', path: [], key: 'mallory' }, value: {} }
    expect(updateProblems([change], { doc: 'org', user: alice, now: T0 })).toEqual([
      { code: 'forbidden', message: 'the organisation directory is changed by admins through the API, not by sync' },
    ])
  })

  it('accepts an update that changes nothing', () => {
    expect(updateProblems([], inboxCtx)).toEqual([])
  })

  it('reports each distinct problem once and stops after about ten', () => {
    const forged = (i: number): Change => ({
      kind: 'insert',
      location: { root: 'conversations', path: ['c1', 'events'], key: null },
      value: makeEvent('claim', 'bob', 0, { id: `x${i}` }),
    })
    const problems = updateProblems(Array.from({ length: 50 }, (_, i) => forged(i)), inboxCtx)
    expect(problems.length).toBeGreaterThanOrEqual(10)
    expect(problems.length).toBeLessThan(50)
    const same = Array.from({ length: 5 }, () => forged(1))
    expect(updateProblems(same, inboxCtx)).toHaveLength(1)
  })

  it('uses the stamp, not the wall clock, to judge the future', () => {
    const change: Change = { kind: 'insert', location: { root: 'conversations', path: ['c1', 'events'], key: null }, value: makeEvent('claim', 'alice', stampAt(0)) }
    expect(updateProblems([change], { ...inboxCtx, now: T0 - MAX_FUTURE_STAMP_MS - 1 })[0]?.message).toContain('more than a day in the future')
  })
})
