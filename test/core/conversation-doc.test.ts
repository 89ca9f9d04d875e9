import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CONVERSATION_ROOTS, ConversationDoc, type ConversationMeta } from '../../core/conversation-doc.js'
import type { Message } from '../../core/message.js'
import type { Note } from '../../core/note.js'
import { T0 } from '../helpers/core-fixtures.js'
import { conversationDocProblems } from '../helpers/doc-problems.js'

const meta: ConversationMeta = { id: 'c1', inbox: 'inbox/sales', channel: 'sms', contact: '+447700900123', address: '+15550100' }

function inbound(id: string, at: number): Message {
  return { id, direction: 'in', author: '+447700900123', body: `customer ${id}`, at }
}

function reply(id: string, at: number): Message {
  return { id, direction: 'out', author: 'alice', body: `reply ${id}`, at, basis: { assignee: 'alice', lastInbound: null } }
}

function note(id: string, at: number): Note {
  return { id, author: 'bob', body: `note ${id}`, at, mentions: [] }
}

function roundTrip(conversation: ConversationDoc): ConversationDoc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(conversation.doc))
  return new ConversationDoc(copy)
}

describe('ConversationDoc', () => {
  it('reads back its meta, here and in another replica', () => {
    const conversation = new ConversationDoc(new Y.Doc())
    expect(conversation.readMeta()).toBeUndefined()
    conversation.writeMeta(meta)
    expect(conversation.readMeta()).toEqual(meta)
    expect(roundTrip(conversation).readMeta()).toEqual(meta)
  })

  it('lists messages in time order, then by id, with their delivery status', () => {
    const conversation = new ConversationDoc(new Y.Doc())
    conversation.appendMessage(reply('m3', T0 + 20))
    conversation.appendMessage(inbound('m2', T0 + 10))
    conversation.appendMessage(inbound('m1', T0 + 10))
    conversation.setDelivery('m3', { status: 'sent', at: T0 + 21 })
    for (const doc of [conversation, roundTrip(conversation)]) {
      const messages = doc.readMessages()
      expect(messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3'])
      expect(messages[2]).toEqual({ ...reply('m3', T0 + 20), delivery: { status: 'sent', at: T0 + 21 } })
      expect(messages[0]).not.toHaveProperty('delivery')
    }
  })

  it('lists notes in time order', () => {
    const conversation = new ConversationDoc(new Y.Doc())
    conversation.appendNote(note('n2', T0 + 2))
    conversation.appendNote(note('n1', T0 + 1))
    expect(roundTrip(conversation).readNotes()).toEqual([note('n1', T0 + 1), note('n2', T0 + 2)])
  })

  it('knows which messages it holds and the newest customer message', () => {
    const conversation = new ConversationDoc(new Y.Doc())
    expect(conversation.lastInbound()).toBeNull()
    conversation.appendMessage(inbound('m2', T0 + 10))
    conversation.appendMessage(inbound('m1', T0 + 5))
    conversation.appendMessage(reply('m3', T0 + 20))
    expect(conversation.hasMessage('m1')).toBe(true)
    expect(conversation.hasMessage('m9')).toBe(false)
    expect(conversation.lastInbound()?.id).toBe('m2')
  })

  it('keeps decisions on held replies in the order they were appended', () => {
    const conversation = new ConversationDoc(new Y.Doc())
    conversation.appendDecision({ id: 'd1', message: 'm1', decision: 'discard', actor: 'alice', at: T0 })
    expect(roundTrip(conversation).decisions.toArray()).toEqual([{ id: 'd1', message: 'm1', decision: 'discard', actor: 'alice', at: T0 }])
  })

  it('overwrites a delivery status with the latest one set', () => {
    const conversation = new ConversationDoc(new Y.Doc())
    conversation.appendMessage(reply('m1', T0))
    conversation.setDelivery('m1', { status: 'queued', at: T0 })
    conversation.setDelivery('m1', { status: 'failed', at: T0 + 1, reason: 'unreachable' })
    expect(roundTrip(conversation).readMessages()[0]!.delivery).toEqual({ status: 'failed', at: T0 + 1, reason: 'unreachable' })
  })
})

describe('conversationDocProblems', () => {
  function valid(): ConversationDoc {
    const conversation = new ConversationDoc(new Y.Doc())
    conversation.writeMeta(meta)
    conversation.appendMessage(inbound('m1', T0))
    conversation.appendMessage(reply('m2', T0 + 1))
    conversation.appendNote(note('n1', T0 + 2))
    conversation.setDelivery('m2', { status: 'delivered', at: T0 + 3 })
    return conversation
  }

  it('finds nothing wrong with a document built through ConversationDoc', () => {
    expect(conversationDocProblems(valid().doc)).toEqual([])
    expect(conversationDocProblems(new Y.Doc())).toEqual([])
  })

  it('knows its roots', () => {
    expect(Object.values(CONVERSATION_ROOTS)).toEqual(['meta', 'messages', 'notes', 'delivery', 'decisions', 'events'])
  })

  it('flags each malformed decision on a held reply by position', () => {
    const conversation = valid()
    conversation.appendDecision({ id: 'd1', message: 'm2', decision: 'send', actor: 'alice', at: T0 + 4 })
    conversation.decisions.push([{ id: 'd2', message: 'm2', decision: 'maybe', actor: 'alice', at: T0 + 5 }] as never)
    expect(conversationDocProblems(conversation.doc)).toEqual(['decision 2: decision `maybe` is not `send` or `discard`'])
  })

  it('flags an unknown root', () => {
    const conversation = valid()
    conversation.doc.getText('draft').insert(0, 'x')
    expect(conversationDocProblems(conversation.doc)).toEqual(['unknown root `draft`'])
  })

  it('flags each malformed message and note by position', () => {
    const conversation = valid()
    conversation.messages.push([{ ...inbound('m3', T0), body: '' }])
    conversation.notes.push([{ ...note('n2', T0), mentions: 'bob' } as unknown as Note])
    expect(conversationDocProblems(conversation.doc)).toEqual([
      'message 3: message body must be 1–4096 characters',
      'note 2: note mentions must be a list of user ids',
    ])
  })

  it.each([
    ['an unknown status', { status: 'read', at: T0 }],
    ['no time', { status: 'sent' }],
    ['not an object', 'sent'],
  ])('flags a delivery with %s', (_what, delivery) => {
    const conversation = valid()
    ;(conversation.delivery as Y.Map<unknown>).set('m2', delivery)
    expect(conversationDocProblems(conversation.doc)).toEqual(['delivery of `m2` is malformed'])
  })

  it.each([
    ['channel', 'fax', 'meta field `channel` has a malformed value'],
    ['inbox', 'conversation/c2', 'meta field `inbox` has a malformed value'],
    ['inbox', '../org', 'meta field `inbox` has a malformed value'],
    ['id', '', 'meta field `id` has a malformed value'],
    ['contact', 42, 'meta field `contact` has a malformed value'],
    ['address', '', 'meta field `address` has a malformed value'],
    ['owner', 'alice', 'meta has an unknown field `owner`'],
    ['constructor', 'x', 'meta has an unknown field `constructor`'],
  ])('flags meta field `%s` set to %j', (key, value, problem) => {
    const conversation = valid()
    conversation.meta.set(key, value)
    expect(conversationDocProblems(conversation.doc)).toEqual([problem])
  })

  it('accepts a conversation in a personal inbox', () => {
    const conversation = valid()
    conversation.meta.set('inbox', 'personal/alice')
    expect(conversationDocProblems(conversation.doc)).toEqual([])
  })
})
