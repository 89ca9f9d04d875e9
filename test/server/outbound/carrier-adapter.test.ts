import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { CarrierAdapter, type CarrierAdapterOptions } from '../../../server/outbound/carrier-adapter.js'
import type { OutgoingMessage } from '../../../server/outbound/outbound-adapter.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'
import { startLoopbackCarrier, type LoopbackCarrier } from '../../helpers/loopback-carrier.js'
import { startApi, startServices, type ApiFixture } from '../http/api-fixture.js'

let carrier: LoopbackCarrier
let records: MemoryRecordStore
const waits: number[] = []

beforeEach(async () => {
  carrier = await startLoopbackCarrier()
  records = new MemoryRecordStore()
  waits.length = 0
})

afterEach(async () => {
  await carrier.close()
})

function adapter(options: Partial<CarrierAdapterOptions> = {}): CarrierAdapter {
  return new CarrierAdapter({
    url: carrier.url,
    accountSid: carrier.accountSid,
    authToken: carrier.authToken,
    records,
    timeoutMs: 5000,
    backoffMs: 5,
    sleep: async (ms) => void waits.push(ms),
    statusCallback: () => 'https://huddle.example/webhooks/status',
    ...options,
  })
}

const sms: OutgoingMessage = { conversation: 'c-1', messageId: 'r-1', channel: 'sms', from: '+15550100', to: '+447700900001', body: 'Your order ships today.', author: 'alice' }

describe('the carrier adapter', () => {
  it('posts the form with basic auth, an idempotency key and the status callback, and answers the sid', async () => {
    const { externalId } = await adapter().send(sms)
    expect(carrier.messages).toEqual([
      { sid: externalId, from: '+15550100', to: '+447700900001', body: 'Your order ships today.', statusCallback: 'https://huddle.example/webhooks/status' },
    ])
    const [request] = carrier.requests
    expect(request!.path).toBe(`/2010-04-01/Accounts/${carrier.accountSid}/Messages.json`)
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${carrier.accountSid}:${carrier.authToken}`).toString('base64')}`)
    expect(request!.idempotencyKey).toBe('c-1/r-1')
  })

  it('prefixes WhatsApp addresses with whatsapp:', async () => {
    await adapter().send({ ...sms, channel: 'whatsapp' })
    expect(carrier.messages[0]).toMatchObject({ from: 'whatsapp:+15550100', to: 'whatsapp:+447700900001' })
  })

  it('retries after a 500 with backoff, and sends once', async () => {
    carrier.script({ kind: 'fail', status: 500 }, { kind: 'fail', status: 503 })
    const { externalId } = await adapter().send(sms)
    expect(carrier.requests).toHaveLength(3)
    expect(carrier.messages.map((m) => m.sid)).toEqual([externalId])
    expect(waits).toEqual([5, 10])
  })

  it('retries a 429, waiting as long as Retry-After says when that is longer', async () => {
    carrier.script({ kind: 'fail', status: 429, message: 'Too Many Requests', retryAfter: 2 }, { kind: 'fail', status: 429 })
    await adapter().send(sms)
    expect(carrier.requests).toHaveLength(3)
    expect(waits).toEqual([2000, 10])
  })

  it('never sends twice when an answer times out: the retry carries the same key', async () => {
    carrier.script({ kind: 'accept-silently' })
    const { externalId } = await adapter({ timeoutMs: 300 }).send(sms)
    // A loaded machine may time out a later attempt too; every attempt carries the same key.
    expect(carrier.requests.length).toBeGreaterThanOrEqual(2)
    expect(new Set(carrier.requests.map((r) => r.idempotencyKey))).toEqual(new Set(['c-1/r-1']))
    expect(carrier.messages).toHaveLength(1)
    expect(carrier.messages[0]!.sid).toBe(externalId)
  })

  it('fails at once on a 400, with the carrier’s reason', async () => {
    carrier.script({ kind: 'fail', status: 400, code: 21211, message: "The 'To' number +447700900001 is not a valid phone number." })
    await expect(adapter().send(sms)).rejects.toThrow("the carrier refused the message (21211: The 'To' number +447700900001 is not a valid phone number.)")
    expect(carrier.requests).toHaveLength(1)
    expect(carrier.messages).toHaveLength(0)
  })

  it('gives up after its attempts, saying why', async () => {
    carrier.script(...Array.from({ length: 3 }, () => ({ kind: 'fail' as const, status: 502, message: 'Bad Gateway' })))
    await expect(adapter({ attempts: 3 }).send(sms)).rejects.toThrow('the carrier did not take the message after 3 attempts (last: HTTP 502: 502: Bad Gateway)')
    expect(carrier.requests).toHaveLength(3)
  })

  it('retries when the carrier cannot be reached', async () => {
    const url = carrier.url
    await carrier.close()
    await expect(adapter({ url, attempts: 2 }).send(sms)).rejects.toThrow(/after 2 attempts \(last: could not reach the carrier \(ECONNREFUSED\)\)/)
    carrier = await startLoopbackCarrier()
  })

  it('records the attempt durably before sending, and does not send again once a sid is recorded', async () => {
    const first = await adapter().send(sms)
    expect(await records.get('carrier/attempt/c-1/r-1')).toMatchObject({ key: 'c-1/r-1', attempts: 1, sid: first.externalId })
    // A restart that lost the dispatcher's own record asks again: the adapter answers the recorded sid.
    const again = await adapter().send(sms)
    expect(again.externalId).toBe(first.externalId)
    expect(carrier.requests).toHaveLength(1)
  })

  it('refuses wrong credentials as a permanent failure', async () => {
    await expect(adapter({ authToken: 'wrong' }).send(sms)).rejects.toThrow('the carrier refused the message (20003: Authenticate)')
  })
})

describe('replies through the carrier', () => {
  let api: ApiFixture

  beforeEach(async () => {
    api = await startApi({ adapters: { sms: adapter(), whatsapp: adapter() } })
    await api.call('POST', '/api/v1/users', { body: { id: 'alice', name: 'Alice', licences: ['sms'] } })
    await api.call('POST', '/api/v1/inboxes', { body: { name: 'Sales' } })
    await api.call('POST', '/api/v1/inboxes/sales/members', { body: { add: ['alice'] } })
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Sales', isDefault: true } })
  })

  afterEach(async () => {
    await api.close()
  })

  async function replyToNewConversation(body = 'Reply'): Promise<string> {
    const conversation = (await api.call('POST', '/api/v1/inbound', { body: { channel: 'sms', from: '+447700900001', to: '+15550100', body: 'Hi' } })).body.conversation as string
    const last = new ConversationDoc(api.hub.doc(`conversation/${conversation}`)).lastInbound()!.id
    api.hub.clientChange(`conversation/${conversation}`, 'alice', (doc) =>
      new ConversationDoc(doc).appendMessage({ id: 'r1', direction: 'out', author: 'alice', body, at: Date.now(), basis: { assignee: null, lastInbound: last } }),
    )
    await api.outbound.idle()
    return conversation
  }

  const delivery = (conversation: string) => new ConversationDoc(api.hub.doc(`conversation/${conversation}`)).delivery.get('r1')

  it('sends a reply, leaves the outbox empty, and moves it to delivered on the receipt', async () => {
    const conversation = await replyToNewConversation('On its way')
    expect(delivery(conversation)?.status).toBe('sent')
    expect(carrier.messages).toMatchObject([{ from: '+15550100', to: '+447700900001', body: 'On its way' }])
    expect((await api.call('GET', '/api/v1/outbox')).body).toEqual([])
    const receipt = await api.postForm('/webhooks/status', { MessageSid: carrier.messages[0]!.sid, MessageStatus: 'delivered' })
    expect(receipt.status).toBe(200)
    expect(delivery(conversation)?.status).toBe('delivered')
  })

  it('marks a reply failed with the carrier’s error code from an undelivered receipt', async () => {
    const conversation = await replyToNewConversation()
    await api.postForm('/webhooks/status', { MessageSid: carrier.messages[0]!.sid, MessageStatus: 'undelivered', ErrorCode: '30003' })
    expect(delivery(conversation)).toMatchObject({ status: 'failed', reason: 'carrier error 30003' })
  })

  it('marks a reply the carrier refuses as failed with the reason', async () => {
    carrier.script({ kind: 'fail', status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' })
    const conversation = await replyToNewConversation()
    expect(delivery(conversation)).toMatchObject({ status: 'failed', reason: 'the carrier refused the message (21610: Attempt to send to unsubscribed recipient)' })
  })

  it('does not hand a reply to the carrier again once its sid is recorded (a restart after sending)', async () => {
    const services = await startServices({ adapters: { sms: adapter() } })
    const admin = services.access.directory.users.admin!
    await services.admin.routing.addRule(admin, { address: '+15550100', conditions: {}, target: { kind: 'user', user: 'admin' } })
    const { conversation } = await services.inbound.receive({ channel: 'sms', from: '+447700900002', to: '+15550100', body: 'Hi', externalId: null, contactName: null })
    const name = `conversation/${conversation!}`
    // What a crash between the carrier's answer and marking the reply sent leaves behind.
    await services.records.batch([{ type: 'put', key: `outbound/sent/${conversation!}/r9`, value: { sid: 'SMalready' } }])
    services.hub.clientChange(name, 'admin', (doc) => {
      const c = new ConversationDoc(doc)
      c.appendMessage({ id: 'r9', direction: 'out', author: 'admin', body: 'Once', at: Date.now(), basis: { assignee: null, lastInbound: c.lastInbound()!.id } })
      c.setDelivery('r9', { status: 'queued', at: Date.now() })
    })
    await services.outbound.idle()
    expect(new ConversationDoc(services.hub.doc(name)).delivery.get('r9')?.status).toBe('sent')
    expect(carrier.requests).toHaveLength(0)
    await services.outbound.stop()
  })
})
