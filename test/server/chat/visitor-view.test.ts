import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import type { DeliveryStatus } from '../../../core/delivery.js'
import { visitorMessages } from '../../../server/chat/visitor-view.js'

const T0 = Date.UTC(2025, 10, 25, 12)

function conversationWith(replies: Array<[string, DeliveryStatus | null]>): ConversationDoc {
  const c = new ConversationDoc(new Y.Doc())
  c.appendMessage({ id: 'm1', direction: 'in', author: 'v-1', body: 'Hello', at: T0 })
  replies.forEach(([id, status], i) => {
    c.appendMessage({ id, direction: 'out', author: 'alice', body: `Reply ${id}`, at: T0 + i + 1, basis: { assignee: null, lastInbound: 'm1' } })
    if (status) c.setDelivery(id, { status, at: T0 + 10 })
  })
  c.appendNote({ id: 'n1', author: 'alice', body: 'Internal', at: T0 + 20, mentions: [] })
  return c
}

describe('what a visitor sees', () => {
  it('shows their messages and replies handed to the channel, with the agent’s name', () => {
    const c = conversationWith([['r1', 'sent'], ['r2', 'delivered']])
    expect(visitorMessages(c, 'Ada', (id) => (id === 'alice' ? 'Alice Martin' : null))).toEqual([
      { id: 'm1', from: 'visitor', name: 'Ada', body: 'Hello', at: T0 },
      { id: 'r1', from: 'agent', name: 'Alice Martin', body: 'Reply r1', at: T0 + 1 },
      { id: 'r2', from: 'agent', name: 'Alice Martin', body: 'Reply r2', at: T0 + 2 },
    ])
  })

  it('hides replies not yet sent, held, failed or discarded, and notes', () => {
    const c = conversationWith([['r1', null], ['r2', 'queued'], ['r3', 'held'], ['r4', 'failed'], ['r5', 'discarded']])
    expect(visitorMessages(c, null, () => 'Alice').map((m) => m.id)).toEqual(['m1'])
  })
})
