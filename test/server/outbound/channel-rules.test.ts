import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { HybridClock } from '../../../core/hlc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import type { Message } from '../../../core/message.js'
import { renderTemplate, type TemplateUse } from '../../../core/template.js'
import type { Channel } from '../../../core/users.js'
import type { DirectoryAccess } from '../../../server/directory/directory-access.js'
import { readConsent } from '../../../server/inbound/consent-records.js'
import { InboundPipeline } from '../../../server/inbound/inbound-pipeline.js'
import { OutboundDispatcher } from '../../../server/outbound/outbound-dispatcher.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'
import { MemoryHub } from '../../helpers/memory-hub.js'
import { HistoryStore } from '../../../server/history/history-store.js'
import { openDirectory } from '../../helpers/open-directory.js'

const HOUR = 3_600_000
const T0 = Date.UTC(2025, 10, 25, 12, 0, 0)
const ADDRESS = '+15550100'
const CONTACT = '+447700900001'

let now = T0
let records: MemoryRecordStore
let hub: MemoryHub
let access: DirectoryAccess
let inbound: InboundPipeline
let outbound: OutboundDispatcher
let sequence = 0

beforeEach(async () => {
  now = T0
  records = new MemoryRecordStore()
  hub = new MemoryHub()
  const directory = await openDirectory(records, hub, () => now)
  access = directory.access
  const { firstAdmin, users, inboxes, routing, templates } = directory.admin
  await firstAdmin.bootstrap('hud_channel-rules-admin')
  const admin = access.directory.users.admin!
  await users.addUser(admin, { id: 'alice', name: 'Alice', licences: ['sms', 'whatsapp'] })
  await inboxes.createInbox(admin, { name: 'Sales' })
  await inboxes.changeMembers(admin, 'sales', { add: ['alice'], remove: [] })
  await routing.addRule(admin, { address: ADDRESS, conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true })
  await templates.addTemplate(admin, { name: 'order_shipped', channel: 'whatsapp', body: 'Hi {{name}}, order {{order}} has shipped.' })
  await templates.addTemplate(admin, { name: 'follow_up', channel: 'whatsapp', body: 'Anything else, {{name}}?', kind: 'flexible' })
  inbound = await InboundPipeline.open({ records, hub, directory: access, history: new HistoryStore(records), now: () => now })
  outbound = OutboundDispatcher.start({ records, hub, directory: access, now: () => now })
})

afterEach(async () => {
  await outbound.stop()
})

async function customerWrites(channel: Channel, body: string): Promise<string> {
  const result = await inbound.receive({ channel, from: CONTACT, to: ADDRESS, body, externalId: null, contactName: null })
  return result.conversation!
}

function conversationOf(id: string): ConversationDoc {
  return new ConversationDoc(hub.doc(`conversation/${id}`))
}

/** A reply as a client would append it (validation is the sync server's, not under test here). */
async function reply(conversation: string, body: string, at: number, template?: TemplateUse): Promise<string> {
  const id = `r${++sequence}`
  const message: Message = {
    id,
    direction: 'out',
    author: 'alice',
    body,
    at,
    basis: { assignee: null, lastInbound: conversationOf(conversation).lastInbound()!.id },
    ...(template ? { template } : {}),
  }
  hub.clientChange(`conversation/${conversation}`, 'alice', (doc) => new ConversationDoc(doc).appendMessage(message))
  await outbound.idle()
  return id
}

describe('the WhatsApp window at dispatch', () => {
  it('sends free text within the window', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    now = T0 + 23 * HOUR
    const id = await reply(c, 'Hi there', now)
    expect(conversationOf(c).delivery.get(id)?.status).toBe('sent')
  })

  it('fails a reply written in the window that reaches the server after it closed', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    now = T0 + 25 * HOUR
    const id = await reply(c, 'Written offline yesterday', T0 + 23 * HOUR)
    expect(conversationOf(c).delivery.get(id)).toMatchObject({
      status: 'failed',
      reason: 'the WhatsApp 24-hour window closed at 2025-11-26 12:00Z before this reply could be sent; only a structured template can be sent now',
    })
    expect(await outbound.outbox.list()).toEqual([])
  })

  it('sends a structured template outside the window, but not a flexible one', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    now = T0 + 30 * HOUR
    const params = { name: 'Ada', order: '#1042' }
    const structured = await reply(c, 'Hi Ada, order #1042 has shipped.', now, { name: 'order_shipped', params })
    const flexible = await reply(c, 'Anything else, Ada? Bye', now, { name: 'follow_up', params: { name: 'Ada' } })
    expect(conversationOf(c).delivery.get(structured)?.status).toBe('sent')
    expect(conversationOf(c).delivery.get(flexible)?.status).toBe('failed')
    expect((await outbound.outbox.list()).map((e) => e.body)).toEqual([renderTemplate(access.directory.templates.order_shipped!, params)])
  })
})

describe('SMS consent', () => {
  it('marks the contact opted out on STOP, in the record and the conversation, and keeps the message', async () => {
    const c = await customerWrites('sms', 'Hello')
    now = T0 + HOUR
    expect(await customerWrites('sms', 'Stop')).toBe(c)
    const consent = { status: 'opted-out', at: T0 + HOUR, keyword: 'STOP' }
    expect(await readConsent(records, 'sms', ADDRESS, CONTACT)).toEqual(consent)
    expect(conversationOf(c).readConsent()).toEqual(consent)
    expect(conversationOf(c).readMessages().map((m) => m.body)).toEqual(['Hello', 'Stop'])
  })

  it('fails a reply to an opted-out contact, and sends again after START', async () => {
    const c = await customerWrites('sms', 'Hello')
    const before = await reply(c, 'Written before the STOP arrived', now)
    expect(conversationOf(c).delivery.get(before)?.status).toBe('sent')
    now = T0 + HOUR
    await customerWrites('sms', 'UNSUBSCRIBE')
    // Stamped just before the opt-out, so validation lets it through; the server's record stops it at dispatch.
    const refused = await reply(c, 'Are you sure?', now - 1)
    expect(conversationOf(c).delivery.get(refused)).toMatchObject({
      status: 'failed',
      reason: 'the contact texted UNSUBSCRIBE at 2025-11-25 13:00Z, so SMS replies are refused until they text START',
    })
    now = T0 + 2 * HOUR
    await customerWrites('sms', 'start')
    expect(conversationOf(c).readConsent()).toEqual({ status: 'opted-in', at: T0 + 2 * HOUR, keyword: 'START' })
    const after = await reply(c, 'Welcome back', now)
    expect(conversationOf(c).delivery.get(after)?.status).toBe('sent')
  })

  it('carries an opt-out into the contact’s next conversation', async () => {
    const c1 = await customerWrites('sms', 'Hello')
    await customerWrites('sms', 'STOP')
    const clock = new HybridClock(() => now)
    await hub.change('inbox/sales', (doc) => new InboxDoc(doc).appendEvent(c1, { id: 'a1', kind: 'archive', actor: 'alice', at: clock.tick(), saw: null }))
    const c2 = await customerWrites('sms', 'Where is my parcel?')
    expect(c2).not.toBe(c1)
    expect(conversationOf(c2).readConsent()?.status).toBe('opted-out')
  })

  it('records an opt-out sent to an address no policy routes', async () => {
    await inbound.receive({ channel: 'sms', from: CONTACT, to: '+15559999', body: 'QUIT', externalId: 'SMq', contactName: null })
    expect(await readConsent(records, 'sms', '+15559999', CONTACT)).toMatchObject({ status: 'opted-out', keyword: 'QUIT' })
    expect(await readConsent(records, 'sms', ADDRESS, CONTACT)).toBeNull()
  })

  it('ignores STOP inside a longer message, and on WhatsApp', async () => {
    const c = await customerWrites('sms', 'Please stop sending the wrong size')
    expect(conversationOf(c).readConsent()).toBeNull()
    const w = await customerWrites('whatsapp', 'STOP')
    expect(conversationOf(w).readConsent()).toBeNull()
  })
})
