import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ASSIGNMENT_KINDS } from '../../core/assignment-event.js'
import { INBOX_ROOT, InboxDoc, summaryFieldProblems, type ConversationSummary } from '../../core/inbox-doc.js'
import { ENTRY_KEYS, FIXED_TUPLE_FIELDS, MUTABLE_SUMMARY_KEYS, ORIGINAL_EVENTS_KEY } from '../../core/inbox-layout.js'
import { isMemberOf, makeEvent, makeSummary, stampAt, T0 } from '../helpers/core-fixtures.js'
import { inboxDocProblems } from '../helpers/doc-problems.js'
import { addOriginalEntry } from '../helpers/original-layout.js'

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

/** Writes one summary field of a compact entry in place, as a hostile or broken writer might. */
function setStoredField(inbox: InboxDoc, id: string, field: string, value: unknown): void {
  const entry = inbox.conversations.get(id)!
  const position = (FIXED_TUPLE_FIELDS as readonly string[]).indexOf(field)
  if (position >= 0) {
    const tuple = [...(entry.get(ENTRY_KEYS.fixed) as unknown[])]
    tuple[position] = value
    entry.set(ENTRY_KEYS.fixed, tuple)
  } else entry.set((MUTABLE_SUMMARY_KEYS as readonly string[]).includes(field) ? ENTRY_KEYS[field as (typeof MUTABLE_SUMMARY_KEYS)[number]] : field, value)
}

function inboxWith(...ids: string[]): InboxDoc {
  const inbox = new InboxDoc(new Y.Doc())
  for (const id of ids) inbox.addConversation(makeSummary(id))
  return inbox
}

describe('InboxDoc', () => {
  it('reads back a conversation summary it created, in this replica and in another', () => {
    const server = inboxWith()
    const summary = makeSummary('c1', { channel: 'whatsapp', contactName: 'Ann', linkedTo: 'c0', preview: 'Hi there' })
    server.addConversation(summary)
    const replica = new InboxDoc(new Y.Doc())
    sync(server.doc, replica.doc)
    for (const inbox of [server, replica]) {
      expect(inbox.summary('c1')).toEqual(summary)
      expect(inbox.summaries()).toEqual([summary])
      expect(inbox.ids()).toEqual(['c1'])
      expect(inbox.has('c1')).toBe(true)
      expect(inbox.events('c1')).toEqual([])
    }
  })

  it('answers nothing for a conversation it does not hold', () => {
    const inbox = inboxWith('c1')
    expect(inbox.has('c2')).toBe(false)
    expect(inbox.summary('c2')).toBeUndefined()
    expect(inbox.events('c2')).toEqual([])
    expect(inbox.state('c2', () => true)).toMatchObject({ status: 'open', assignee: null })
  })

  it('reads an entry stored in the original layout, takes appends and summary updates on it, and folds it the same', () => {
    const summary = makeSummary('c1', { contactName: 'Ann', linkedTo: 'c0' })
    const claim = makeEvent('claim', 'alice', 0)
    const doc = new Y.Doc()
    addOriginalEntry(doc, summary, [claim])
    const inbox = new InboxDoc(doc)
    expect(inbox.summary('c1')).toEqual(summary)
    expect(inbox.events('c1')).toEqual([claim])
    const assign = makeEvent('assign', 'alice', 10, { to: 'bob' })
    inbox.appendEvent('c1', assign)
    inbox.updateSummary('c1', { preview: 'Later', lastMessageAt: T0 + 10 })
    expect(inbox.events('c1')).toEqual([claim, assign])
    expect(inbox.summary('c1')).toEqual({ ...summary, preview: 'Later', lastMessageAt: T0 + 10 })
    expect(inbox.state('c1', isMemberOf(['alice', 'bob']))).toMatchObject({ assignee: 'bob' })
    expect(inboxDocProblems(doc)).toEqual([])
  })

  it('stores a new entry compactly: its fixed summary in one tuple, short keys, events as tuples', () => {
    const inbox = inboxWith('c1')
    const assign = makeEvent('assign', 'alice', 0, { to: 'bob' })
    inbox.appendEvent('c1', assign)
    const entry = inbox.conversations.get('c1')!
    expect([...entry.keys()].sort()).toEqual(Object.values(ENTRY_KEYS).sort())
    expect(inbox.storedEvents('c1')!.toArray()).toEqual([[assign.id, 2, 'alice', T0, 0, null, 'bob']])
  })

  it('stores an automatic assignment as a tuple with its kind index and its `to` in the assign slot, and reads it back', () => {
    const inbox = inboxWith('c1')
    const auto = makeEvent('auto-assign', 'system', 0, { to: 'bob' })
    inbox.appendEvent('c1', auto)
    expect(inbox.storedEvents('c1')!.toArray()).toEqual([[auto.id, ASSIGNMENT_KINDS.indexOf('auto-assign'), 'system', T0, 0, null, 'bob']])
    expect(inbox.events('c1')).toEqual([auto])
  })

  it('stores a snooze’s wake time in the argument slot an assign’s `to` takes, and reads both forms alike', () => {
    const inbox = inboxWith('c1')
    const timed = { ...makeEvent('snooze', 'alice', 0), until: T0 + 3_600_000 }
    const untilReply = { ...makeEvent('snooze', 'alice', 1), until: 'reply' as const }
    const wake = makeEvent('unsnooze', 'bob', 2)
    for (const event of [timed, untilReply, wake]) inbox.appendEvent('c1', event)
    expect(inbox.storedEvents('c1')!.toArray()).toEqual([
      [timed.id, 6, 'alice', T0, 0, null, T0 + 3_600_000],
      [untilReply.id, 6, 'alice', T0 + 1, 0, null, 'reply'],
      [wake.id, 7, 'bob', T0 + 2, 0, null],
    ])
    expect(inbox.events('c1')).toEqual([timed, untilReply, wake])
    inbox.storedEvents('c1')!.push([{ ...makeEvent('snooze', 'carol', 3, { id: 'obj' }), until: 'reply' }])
    expect(inbox.events('c1').at(-1)).toMatchObject({ id: 'obj', kind: 'snooze', until: 'reply' })
  })

  it('stores a label’s id and a priority in the argument slot, and reads tuples and objects alike', () => {
    const inbox = inboxWith('c1')
    const added = makeEvent('label', 'alice', 0, { label: 'vip' })
    const removed = makeEvent('unlabel', 'bob', 1, { label: 'vip' })
    const urgent = makeEvent('priority', 'carol', 2, { priority: 'urgent' })
    for (const event of [added, removed, urgent]) inbox.appendEvent('c1', event)
    expect(inbox.storedEvents('c1')!.toArray()).toEqual([
      [added.id, 9, 'alice', T0, 0, null, 'vip'],
      [removed.id, 10, 'bob', T0 + 1, 0, null, 'vip'],
      [urgent.id, 11, 'carol', T0 + 2, 0, null, 'urgent'],
    ])
    expect(inbox.events('c1')).toEqual([added, removed, urgent])
    inbox.storedEvents('c1')!.push([makeEvent('priority', 'carol', 3, { id: 'obj', priority: 'low' })])
    expect(inbox.events('c1').at(-1)).toMatchObject({ id: 'obj', kind: 'priority', priority: 'low' })
    expect(inbox.state('c1', () => true)).toMatchObject({ labels: [], priority: 'low' })
  })

  it('fills in defaults for summary fields a document lacks', () => {
    const doc = new Y.Doc()
    const entry = new Y.Map<unknown>()
    doc.getMap(INBOX_ROOT).set('c1', entry)
    entry.set('id', 'c1')
    expect(new InboxDoc(doc).summary('c1')).toEqual({
      id: 'c1',
      channel: 'sms',
      contact: '',
      contactName: null,
      address: '',
      createdAt: 0,
      linkedTo: null,
      lastMessageAt: 0,
      lastInboundAt: null,
      lastInboundId: null,
      preview: '',
    })
  })

  it('appends events that every replica reads and folds the same way', () => {
    const server = inboxWith('c1')
    const a = new InboxDoc(new Y.Doc())
    const b = new InboxDoc(new Y.Doc())
    sync(server.doc, a.doc)
    sync(server.doc, b.doc)
    const late = makeEvent('claim', 'alice', 200)
    const early = makeEvent('claim', 'bob', 100)
    a.appendEvent('c1', late)
    b.appendEvent('c1', early)
    sync(a.doc, b.doc)
    sync(b.doc, a.doc)
    const members = isMemberOf(['alice', 'bob'])
    for (const inbox of [a, b]) {
      expect(inbox.events('c1')).toHaveLength(2)
      expect(inbox.state('c1', members)).toMatchObject({ assignee: 'bob', lostClaims: [{ event: late, winner: 'bob' }] })
    }
  })

  it('passes membership through to the fold', () => {
    const inbox = inboxWith('c1')
    inbox.appendEvent('c1', makeEvent('claim', 'alice', 0))
    expect(inbox.state('c1', isMemberOf(['alice'])).assignee).toBe('alice')
    expect(inbox.state('c1', isMemberOf([])).assignee).toBeNull()
  })

  it('skips malformed events when reading', () => {
    const inbox = inboxWith('c1')
    const events = inbox.storedEvents('c1')!
    const good = makeEvent('claim', 'alice', 0)
    events.push([{ kind: 'claim' }, good, 'junk', { ...good, id: 'e2', at: 5 }, ['e3', 0], ['e4', 42, 'alice', T0, 0, null]])
    expect(inbox.events('c1')).toEqual([good])
  })

  it('keeps an event whose stamp is not a clock stamp in the object form rather than fail to store it', () => {
    const odd = { ...makeEvent('claim', 'alice', 0), at: 'yesterday' }
    const inbox = inboxWith()
    inbox.addConversation(makeSummary('c1'), [odd])
    expect(inbox.events('c1')).toEqual([odd])
  })

  it('refuses to append to a conversation it does not hold, rather than create its events', () => {
    const inbox = inboxWith()
    expect(() => inbox.appendEvent('c9', makeEvent('claim', 'alice', 0))).toThrow(/c9 has no events array/)
    expect(inbox.has('c9')).toBe(false)
  })

  it('updates mutable summary fields, writing only the ones that change', () => {
    const inbox = inboxWith('c1')
    let updates = 0
    inbox.doc.on('update', () => updates++)
    inbox.updateSummary('c1', { preview: 'Hello', lastMessageAt: T0 })
    expect(updates).toBe(0)
    inbox.updateSummary('c1', { preview: 'New message', lastMessageAt: T0 + 10, lastInboundId: 'm2', contactName: 'Ann' })
    expect(updates).toBe(1)
    expect(inbox.summary('c1')).toMatchObject({ preview: 'New message', lastMessageAt: T0 + 10, lastInboundId: 'm2', contactName: 'Ann' })
    inbox.updateSummary('missing', { preview: 'x' })
    expect(inbox.has('missing')).toBe(false)
  })
})

describe('inboxDocProblems', () => {
  it('finds nothing wrong with a document built through InboxDoc', () => {
    const inbox = inboxWith('c1', 'c2')
    inbox.appendEvent('c1', makeEvent('assign', 'alice', 0, { to: 'bob' }))
    inbox.updateSummary('c2', { contactName: 'Ann' })
    expect(inboxDocProblems(inbox.doc)).toEqual([])
    expect(inboxDocProblems(new Y.Doc())).toEqual([])
  })

  it('flags an unknown root', () => {
    const inbox = inboxWith('c1')
    inbox.doc.getMap('secrets').set('k', 'v')
    expect(inboxDocProblems(inbox.doc)).toEqual(['unknown root `secrets`'])
  })

  it('flags an unknown root that arrives in a remote update', () => {
    const remote = new Y.Doc()
    remote.getArray('extra').push([1])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote))
    expect(inboxDocProblems(doc)).toEqual(['unknown root `extra`'])
  })

  it('flags a conversation that is not a map', () => {
    const doc = new Y.Doc()
    doc.getMap(INBOX_ROOT).set('c1', 'hello')
    expect(inboxDocProblems(doc)).toEqual(['conversation `c1` is not a map'])
  })

  it.each([
    ['channel', 'fax', 'conversation `c1`: conversation field `channel` has a malformed value'],
    ['contact', '', 'conversation `c1`: conversation field `contact` has a malformed value'],
    ['contactName', 'x'.repeat(81), 'conversation `c1`: conversation field `contactName` has a malformed value'],
    ['createdAt', 'yesterday', 'conversation `c1`: conversation field `createdAt` has a malformed value'],
    ['lastInboundAt', Number.NaN, 'conversation `c1`: conversation field `lastInboundAt` has a malformed value'],
    ['preview', 'x'.repeat(201), 'conversation `c1`: conversation field `preview` has a malformed value'],
    ['linkedTo', 7, 'conversation `c1`: conversation field `linkedTo` has a malformed value'],
    ['owner', 'alice', 'conversation `c1`: conversation entry has an unknown field `owner`'],
    ['constructor', 'x', 'conversation `c1`: conversation entry has an unknown field `constructor`'],
    ['toString', 'x', 'conversation `c1`: conversation entry has an unknown field `toString`'],
  ])('flags field `%s` set to %j', (key, value, problem) => {
    const inbox = inboxWith('c1')
    setStoredField(inbox, 'c1', key, value)
    expect(inboxDocProblems(inbox.doc)).toEqual([problem])
  })

  it('flags events that are not a list, and each malformed event', () => {
    const inbox = inboxWith('c1', 'c2')
    inbox.conversations.get('c1')!.set(ENTRY_KEYS.events, 'none')
    const events = inbox.storedEvents('c2')!
    events.push([{ ...makeEvent('claim', 'alice', 0), kind: 'steal' }, { ...makeEvent('claim', 'bob', 0), at: 12 }, ['e9', ASSIGNMENT_KINDS.length, 'bob', T0, 0, null]])
    expect(inboxDocProblems(inbox.doc)).toEqual([
      'conversation `c1` events are not a list',
      `conversation \`c2\`: event kind \`steal\` is not one of ${ASSIGNMENT_KINDS.join(', ')}`,
      'conversation `c2`: event stamp `12` is not a clock timestamp',
      `conversation \`c2\`: event kind \`${ASSIGNMENT_KINDS.length}\` is not one of ${ASSIGNMENT_KINDS.join(', ')}`,
    ])
  })

  it('flags an entry without its events list', () => {
    const inbox = inboxWith('c1')
    inbox.conversations.get('c1')!.delete(ENTRY_KEYS.events)
    expect(inboxDocProblems(inbox.doc)).toEqual([`conversation \`c1\` lacks \`${ENTRY_KEYS.events}\``])
  })

  it('flags a compact entry without its fixed summary, or with a long field name', () => {
    const inbox = inboxWith('c1', 'c2')
    inbox.conversations.get('c1')!.delete(ENTRY_KEYS.fixed)
    inbox.conversations.get('c2')!.set('preview', 'hi')
    expect(inboxDocProblems(inbox.doc)).toContain('conversation `c2`: conversation entry has an unknown field `preview`')
    expect(inboxDocProblems(inbox.doc).some((p) => p.startsWith('conversation `c1`'))).toBe(true)
  })

  it.each(['id', ...FIXED_TUPLE_FIELDS, ORIGINAL_EVENTS_KEY])('flags an original-layout entry lacking `%s`', (key) => {
    const doc = new Y.Doc()
    addOriginalEntry(doc, makeSummary('c1'))
    doc.getMap<Y.Map<unknown>>(INBOX_ROOT).get('c1')!.delete(key)
    expect(inboxDocProblems(doc)).toContain(`conversation \`c1\` lacks \`${key}\``)
  })

  it('flags an original-layout entry that carries another id', () => {
    const doc = new Y.Doc()
    addOriginalEntry(doc, makeSummary('c1') satisfies ConversationSummary)
    doc.getMap<Y.Map<unknown>>(INBOX_ROOT).get('c1')!.set('id', 'c2')
    expect(inboxDocProblems(doc)).toEqual(['conversation `c1` carries another id'])
  })

  it('checks summary fields one by one', () => {
    expect(summaryFieldProblems('lastInboundId', null)).toEqual([])
    expect(summaryFieldProblems('lastMessageAt', stampAt(0))).toEqual(['conversation field `lastMessageAt` has a malformed value'])
    expect(summaryFieldProblems('__proto__', {})).toEqual(['conversation entry has an unknown field `__proto__`'])
  })
})
