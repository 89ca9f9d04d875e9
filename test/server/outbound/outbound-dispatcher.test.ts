import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { HybridClock } from '../../../core/hlc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import type { Message } from '../../../core/message.js'
import { parseInbound } from '../../../core/inbound-message.js'
import { startApi, startServices, type ApiFixture } from '../http/api-fixture.js'

let api: ApiFixture
const clock = new HybridClock(Date.now)

beforeEach(async () => {
  api = await startApi()
  await api.call('POST', '/api/v1/users', { body: { id: 'alice', name: 'Alice', licences: ['sms'] } })
  await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob', licences: ['sms'] } })
  await api.call('POST', '/api/v1/inboxes', { body: { name: 'Sales' } })
  await api.call('POST', '/api/v1/inboxes/sales/members', { body: { add: ['alice', 'bob'] } })
  await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Sales', isDefault: true } })
})

afterEach(async () => {
  await api.close()
})

async function customerWrites(body: string, from = '+447700900001'): Promise<string> {
  const answer = await api.call('POST', '/api/v1/inbound', { body: { channel: 'sms', from, to: '+15550100', body } })
  return answer.body.conversation as string
}

function lastInboundId(conversation: string): string | null {
  return new ConversationDoc(api.hub.doc(`conversation/${conversation}`)).lastInbound()?.id ?? null
}

function reply(conversation: string, id: string, author: string, basis: Message['basis']): void {
  api.hub.clientChange(`conversation/${conversation}`, author, (doc) =>
    new ConversationDoc(doc).appendMessage({ id, direction: 'out', author, body: `Reply ${id}`, at: Date.now(), ...(basis ? { basis } : {}) }),
  )
}

function deliveryOf(conversation: string, id: string) {
  return new ConversationDoc(api.hub.doc(`conversation/${conversation}`)).delivery.get(id)
}

describe('outbound replies', () => {
  it('sends a fresh reply through the outbox and marks it sent', async () => {
    const conversation = await customerWrites('Hello?')
    reply(conversation, 'r1', 'alice', { assignee: null, lastInbound: lastInboundId(conversation) })
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')?.status).toBe('sent')
    const outbox = await api.call('GET', '/api/v1/outbox')
    expect(outbox.body).toHaveLength(1)
    expect(outbox.body[0]).toMatchObject({ conversation, messageId: 'r1', channel: 'sms', from: '+15550100', to: '+447700900001', body: 'Reply r1', status: 'sent' })
    expect(outbox.body[0].id).toMatch(/^SM[0-9a-f]{32}$/)
  })

  it('never sends a reply whose body is inherited rather than its own (stored before updates were parsed), and marks it failed', async () => {
    const conversation = await customerWrites('Hello?')
    const basis = { assignee: null, lastInbound: lastInboundId(conversation) }
    const planted = Object.assign(Object.create({ body: 'Your code is 1234' }) as object, { id: 'r1', direction: 'out', author: 'alice', at: Date.now(), basis })
    api.hub.clientChange(`conversation/${conversation}`, 'alice', (doc) => new ConversationDoc(doc).messages.push([planted as Message]))
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')).toMatchObject({ status: 'failed', reason: expect.stringContaining('the stored reply is malformed: message body must be') })
    expect((await api.call('GET', '/api/v1/outbox')).body).toEqual([])
  })

  it('holds a reply written before the customer wrote again', async () => {
    const conversation = await customerWrites('Hello?')
    const seen = lastInboundId(conversation)
    await customerWrites('Anyone there?')
    reply(conversation, 'r1', 'alice', { assignee: null, lastInbound: seen })
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')).toMatchObject({ status: 'held', reason: expect.stringContaining('customer has written again') })
    expect((await api.call('GET', '/api/v1/outbox')).body).toEqual([])
  })

  it('holds a reply to a conversation taken over by someone else since', async () => {
    const conversation = await customerWrites('Hello?')
    api.hub.clientChange('inbox/sales', 'bob', (doc) =>
      new InboxDoc(doc).appendEvent(conversation, { id: 'e1', kind: 'takeover', actor: 'bob', at: clock.tick(), saw: null }),
    )
    reply(conversation, 'r1', 'alice', { assignee: null, lastInbound: lastInboundId(conversation) })
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')).toMatchObject({ status: 'held', reason: expect.stringContaining('now assigned to bob') })
  })

  async function heldReply(): Promise<string> {
    const conversation = await customerWrites('Hello?')
    const seen = lastInboundId(conversation)
    await customerWrites('Anyone there?')
    reply(conversation, 'r1', 'alice', { assignee: null, lastInbound: seen })
    await api.outbound.idle()
    return conversation
  }

  function decide(conversation: string, actor: string, decision: 'send' | 'discard'): void {
    api.hub.clientChange(`conversation/${conversation}`, actor, (doc) =>
      new ConversationDoc(doc).appendDecision({ id: `d-${actor}-${decision}`, message: 'r1', decision, actor, at: Date.now() }),
    )
  }

  it('sends a held reply once its author confirms it', async () => {
    const conversation = await heldReply()
    decide(conversation, 'alice', 'send')
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')?.status).toBe('sent')
    expect((await api.call('GET', '/api/v1/outbox')).body).toHaveLength(1)
  })

  it('never sends a held reply its author discarded', async () => {
    const conversation = await heldReply()
    decide(conversation, 'alice', 'discard')
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')?.status).toBe('discarded')
    expect((await api.call('GET', '/api/v1/outbox')).body).toEqual([])
  })

  it('ignores a decision about a held reply by someone other than its author', async () => {
    const conversation = await heldReply()
    decide(conversation, 'bob', 'send')
    await api.outbound.idle()
    expect(deliveryOf(conversation, 'r1')?.status).toBe('held')
  })

  it('records a failed send with the carrier’s reason', async () => {
    const services = await startServices({ adapters: { sms: { send: async () => Promise.reject(new Error('number is not reachable')) } } })
    await services.admin.users.addUser(services.access.directory.users.admin!, { id: 'alice', name: 'Alice', licences: ['sms'] })
    const admin = services.access.directory.users.admin!
    await services.admin.routing.addRule(admin, { address: '+15550100', conditions: {}, target: { kind: 'user', user: 'alice' } })
    const { conversation } = await services.inbound.receive(parseInbound({ channel: 'sms', from: '+447700900001', to: '+15550100', body: 'Hi' }, 'request'))
    const name = `conversation/${conversation}`
    const lastInbound = new ConversationDoc(services.hub.doc(name)).lastInbound()!.id
    services.hub.clientChange(name, 'alice', (doc) =>
      new ConversationDoc(doc).appendMessage({ id: 'r1', direction: 'out', author: 'alice', body: 'Hello', at: Date.now(), basis: { assignee: null, lastInbound } }),
    )
    await services.outbound.idle()
    expect(new ConversationDoc(services.hub.doc(name)).delivery.get('r1')).toMatchObject({ status: 'failed', reason: 'number is not reachable' })
    await services.outbound.stop()
  })

  it('leaves customer messages without a delivery status', async () => {
    const conversation = await customerWrites('Hello?')
    await api.outbound.idle()
    expect(new ConversationDoc(api.hub.doc(`conversation/${conversation}`)).delivery.size).toBe(0)
  })
})

describe('status receipts', () => {
  async function sentReply(): Promise<{ conversation: string; sid: string }> {
    const conversation = await customerWrites('Hello?')
    reply(conversation, 'r1', 'alice', { assignee: null, lastInbound: lastInboundId(conversation) })
    await api.outbound.idle()
    const [entry] = (await api.call('GET', '/api/v1/outbox')).body
    return { conversation, sid: entry.id as string }
  }

  it('moves a sent reply to delivered and never back', async () => {
    const { conversation, sid } = await sentReply()
    const delivered = await api.postForm('/webhooks/status', { MessageSid: sid, MessageStatus: 'delivered' })
    expect(delivered.status).toBe(200)
    expect(deliveryOf(conversation, 'r1')?.status).toBe('delivered')
    expect((await api.postForm('/webhooks/status', { MessageSid: sid, MessageStatus: 'sent' })).status).toBe(200)
    expect((await api.postForm('/webhooks/status', { MessageSid: sid, MessageStatus: 'failed', ErrorMessage: 'late' })).status).toBe(200)
    expect(deliveryOf(conversation, 'r1')?.status).toBe('delivered')
    expect((await api.call('GET', '/api/v1/outbox')).body[0].status).toBe('delivered')
  })

  it('records a failure with the carrier’s error message', async () => {
    const { conversation, sid } = await sentReply()
    await api.postForm('/webhooks/status', { MessageSid: sid, MessageStatus: 'undelivered', ErrorMessage: 'Unknown destination handset' })
    expect(deliveryOf(conversation, 'r1')).toMatchObject({ status: 'failed', reason: 'Unknown destination handset' })
  })

  it('refuses an unknown MessageSid with 404 and an unknown status with 400', async () => {
    const { sid } = await sentReply()
    expect((await api.postForm('/webhooks/status', { MessageSid: 'SMnope', MessageStatus: 'delivered' })).status).toBe(404)
    expect((await api.postForm('/webhooks/status', { MessageSid: sid, MessageStatus: 'teleported' })).status).toBe(400)
    expect((await api.postForm('/webhooks/status', { MessageStatus: 'delivered' })).status).toBe(400)
  })
})
