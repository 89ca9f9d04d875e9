import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import type { Message } from '../../../core/message.js'
import { ADDRESS, startTestServer, type TestServer } from '../../helpers/client-server.js'
import { until } from '../../helpers/client-replica.js'

const HOUR = 3_600_000
let server: TestServer
let token: string
/** How far the server's clock runs ahead: replies dated past the window must be within a day of it. */
let serverAhead = 0
const providers: WebsocketProvider[] = []

beforeEach(async () => {
  serverAhead = 0
  server = await startTestServer({ now: () => Date.now() + serverAhead })
  token = (await server.api('POST', '/users', { id: 'alice', name: 'Alice', licences: ['sms', 'whatsapp'] })).token
  const inbox = await server.api('POST', '/inboxes', { name: 'Sales' })
  await server.api('POST', `/inboxes/${inbox.id}/members`, { add: ['alice'], remove: [] })
  await server.api('POST', '/routing/rules', { address: ADDRESS, toInbox: inbox.id, isDefault: true })
  await server.api('POST', '/templates', { name: 'order_shipped', channel: 'whatsapp', body: 'Hi {{name}}, order {{order}} has shipped.' })
})

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  await server.close()
})

/** A stock y-websocket provider on a conversation, as a client that skips the library's own checks. */
async function connect(conversation: string): Promise<ConversationDoc> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, `conversation/${conversation}`, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  providers.push(provider)
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  return new ConversationDoc(doc)
}

async function customerWrites(channel: 'sms' | 'whatsapp', body: string): Promise<string> {
  return (await server.api('POST', '/inbound', { channel, from: '+447700900001', to: ADDRESS, body })).conversation
}

function reply(doc: ConversationDoc, overrides: Partial<Message>): Message {
  return { id: `r-${Math.random().toString(36).slice(2, 10)}`, direction: 'out', author: 'alice', body: 'Hello', at: Date.now(), basis: { assignee: null, lastInbound: doc.lastInbound()!.id }, ...overrides }
}

/** Appends the reply and waits until the server either refused it (log) or recorded its delivery. */
async function attempt(conversation: string, message: Message): Promise<{ refusal: string | null; stored: boolean }> {
  const doc = await connect(conversation)
  const logged = server.logs.length
  doc.appendMessage({ ...message, basis: { assignee: null, lastInbound: doc.lastInbound()!.id } })
  await until(() => server.logs.slice(logged).some((l) => l.startsWith('Refused')) || doc.delivery.has(message.id), 'the server answered the reply')
  const refusal = server.logs.slice(logged).find((l) => l.startsWith('Refused')) ?? null
  const fresh = await connect(conversation)
  return { refusal, stored: fresh.hasMessage(message.id) }
}

describe('the sync server refuses replies the channel forbids', () => {
  it('refuses a free-text WhatsApp reply outside the 24-hour window', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    const doc = await connect(c)
    serverAhead = 25 * HOUR
    const { refusal, stored } = await attempt(c, reply(doc, { at: Date.now() + 25 * HOUR }))
    expect(refusal).toContain('a free-text reply cannot be sent; only a structured template can')
    expect(stored).toBe(false)
  })

  it('accepts a free-text WhatsApp reply within the window', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    const doc = await connect(c)
    const { refusal, stored } = await attempt(c, reply(doc, {}))
    expect(refusal).toBeNull()
    expect(stored).toBe(true)
  })

  it('accepts a structured template outside the window, refusing one whose text was changed', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    const doc = await connect(c)
    const template = { name: 'order_shipped', params: { name: 'Ada', order: '#1' } }
    serverAhead = 30 * HOUR
    const later = Date.now() + 30 * HOUR
    expect((await attempt(c, reply(doc, { at: later, body: 'Hi Ada, order #1 has shipped.', template }))).stored).toBe(true)
    const changed = await attempt(c, reply(doc, { at: later, body: 'Hi Ada, order #1 has shipped. Sorry!', template }))
    expect(changed.refusal).toContain('is structured: only its placeholders may change')
    expect(changed.stored).toBe(false)
  })

  it('refuses an SMS reply to a contact who texted STOP, until START', async () => {
    const c = await customerWrites('sms', 'Hello')
    await customerWrites('sms', 'STOP')
    const doc = await connect(c)
    const refused = await attempt(c, reply(doc, { at: Date.now() + 1000 }))
    expect(refused.refusal).toContain('texted STOP')
    expect(refused.stored).toBe(false)
    await customerWrites('sms', 'START')
    expect((await attempt(c, reply(doc, { at: Date.now() + 1000 }))).stored).toBe(true)
  })

  it('refuses a reply naming a template that does not exist', async () => {
    const c = await customerWrites('sms', 'Hello')
    const doc = await connect(c)
    const { refusal } = await attempt(c, reply(doc, { template: { name: 'nope', params: {} } }))
    expect(refusal).toContain('There is no template `nope`')
  })
})
