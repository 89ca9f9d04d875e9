import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { HybridClock } from '../../../core/hlc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import type { User } from '../../../core/users.js'
import { InboundPipeline } from '../../../server/inbound/inbound-pipeline.js'
import { parseInbound, type InboundInput } from '../../../core/inbound-message.js'
import { startServices, type Services } from '../http/api-fixture.js'
import { HistoryStore } from '../../../server/history/history-store.js'

let s: Services
let admin: User
const clock = new HybridClock(Date.now)

beforeEach(async () => {
  s = await startServices()
  admin = s.access.directory.users.admin!
  await s.admin.users.addUser(admin, { id: 'alice', name: 'Alice', licences: ['sms', 'whatsapp'] })
  await s.admin.inboxes.createInbox(admin, { name: 'Sales' })
  await s.admin.inboxes.createInbox(admin, { name: 'Support' })
  await s.admin.inboxes.changeMembers(admin, 'sales', { add: ['alice'], remove: [] })
  await s.admin.routing.addRule(admin, { address: '+15550100', conditions: { keyword: 'help' }, target: { kind: 'inbox', inbox: 'support' } })
  await s.admin.routing.addRule(admin, { address: '+15550100', conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true })
})

afterEach(async () => {
  await s.outbound.stop()
})

function message(fields: Partial<Record<'channel' | 'from' | 'to' | 'body' | 'id' | 'name', string>> = {}): InboundInput {
  return parseInbound({ channel: 'sms', from: '+447700900001', to: '+15550100', body: 'Hello', ...fields }, 'request')
}

function archive(conversation: string, inboxDoc = 'inbox/sales'): void {
  s.hub.clientChange(inboxDoc, 'alice', (doc) =>
    new InboxDoc(doc).appendEvent(conversation, { id: `a-${conversation}`, kind: 'archive', actor: 'alice', at: clock.tick(), saw: null }),
  )
}

describe('threading', () => {
  it('routes the first message and joins later ones to the open conversation wherever it is', async () => {
    const first = await s.inbound.receive(message({ body: 'I need help' }))
    expect(first).toMatchObject({ inbox: 'support', routed: 'rule 1' })
    // Later messages join even when the rules would now send them elsewhere.
    const second = await s.inbound.receive(message({ body: 'Also a quote please', name: 'Jo' }))
    expect(second).toEqual({ conversation: first.conversation, inbox: 'support', routed: 'existing' })
    const summary = new InboxDoc(s.hub.doc('inbox/support')).summary(first.conversation!)!
    const messages = new ConversationDoc(s.hub.doc(`conversation/${first.conversation}`)).readMessages()
    expect(messages.map((m) => m.body)).toEqual(['I need help', 'Also a quote please'])
    expect(summary).toMatchObject({ preview: 'Also a quote please', lastInboundId: messages[1]!.id, contactName: 'Jo', linkedTo: null })
    expect(new InboxDoc(s.hub.doc('inbox/sales')).ids()).toEqual([])
  })

  it('keeps conversations apart by channel, address and contact', async () => {
    const a = await s.inbound.receive(message())
    const b = await s.inbound.receive(message({ from: '+447700900002' }))
    const c = await s.inbound.receive(message({ channel: 'whatsapp' }))
    expect(new Set([a.conversation, b.conversation, c.conversation]).size).toBe(3)
  })

  it('after an archived conversation starts a new one linked to it, by default', async () => {
    const first = await s.inbound.receive(message())
    archive(first.conversation!)
    const next = await s.inbound.receive(message({ body: 'Back again' }))
    expect(next.routed).toBe('default')
    expect(next.conversation).not.toBe(first.conversation)
    expect(new InboxDoc(s.hub.doc('inbox/sales')).summary(next.conversation!)?.linkedTo).toBe(first.conversation)
  })

  it('reopens the archived conversation, keeping its assignee, when the inbox says so', async () => {
    await s.admin.inboxes.editInbox(admin, 'sales', { reopenArchived: true })
    const first = await s.inbound.receive(message())
    s.hub.clientChange('inbox/sales', 'alice', (doc) =>
      new InboxDoc(doc).appendEvent(first.conversation!, { id: 'c1', kind: 'claim', actor: 'alice', at: clock.tick(), saw: null }),
    )
    archive(first.conversation!)
    const next = await s.inbound.receive(message({ body: 'Back again' }))
    expect(next).toEqual({ conversation: first.conversation, inbox: 'sales', routed: 'existing' })
    const inbox = new InboxDoc(s.hub.doc('inbox/sales'))
    const state = inbox.state(first.conversation!, (id) => id === 'alice')
    expect(state).toMatchObject({ status: 'open', assignee: 'alice' })
    expect(inbox.events(first.conversation!).at(-1)).toMatchObject({ kind: 'unarchive', actor: 'system', saw: 'alice' })
  })

  it('routes afresh when the earlier conversation’s inbox was deleted', async () => {
    const first = await s.inbound.receive(message())
    await s.admin.inboxes.deleteInbox(admin, 'sales', true)
    await s.admin.inboxes.createInbox(admin, { name: 'Sales' })
    await s.admin.routing.addRule(admin, { address: '+15550100', conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true })
    const next = await s.inbound.receive(message())
    expect(next.conversation).not.toBe(first.conversation)
    expect(new InboxDoc(s.hub.doc('inbox/sales')).summary(next.conversation!)?.linkedTo).toBeNull()
  })
})

describe('dedupe and races', () => {
  it('stores the same carrier id once and answers the same conversation', async () => {
    const first = await s.inbound.receive(message({ id: 'SM1' }))
    const again = await s.inbound.receive(message({ id: 'SM1', body: 'changed in transit' }))
    expect(again).toEqual(first)
    expect(new ConversationDoc(s.hub.doc(`conversation/${first.conversation}`)).messages.length).toBe(1)
  })

  it('keeps no dedupe record for a message without a carrier id', async () => {
    await s.inbound.receive(message())
    expect(await s.records.list('inbound/message/')).toEqual([])
    expect(await s.records.list('inbound/pending/')).toEqual([])
  })

  it('stores an unrouted message once too', async () => {
    await s.inbound.receive(message({ id: 'SM2', to: '+19990000' }))
    await s.inbound.receive(message({ id: 'SM2', to: '+19990000' }))
    expect(await s.inbound.listUnrouted()).toHaveLength(1)
  })

  it('opens one conversation for messages racing from the same contact', async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => s.inbound.receive(message({ body: `msg ${n}`, id: `SM-race-${n}` }))))
    expect(new Set(answers.map((a) => a.conversation)).size).toBe(1)
    expect(new InboxDoc(s.hub.doc('inbox/sales')).ids()).toHaveLength(1)
    expect(new ConversationDoc(s.hub.doc(`conversation/${answers[0]!.conversation}`)).messages.length).toBe(5)
  })
})

describe('crash safety', () => {
  it('a retry after a failed write reuses the planned conversation instead of duplicating it', async () => {
    s.hub.failNextChange = new Error('disk full')
    await expect(s.inbound.receive(message({ id: 'SM3' }))).rejects.toThrow('disk full')
    const retried = await s.inbound.receive(message({ id: 'SM3' }))
    const inbox = new InboxDoc(s.hub.doc('inbox/sales'))
    expect(inbox.ids()).toEqual([retried.conversation])
    expect(new ConversationDoc(s.hub.doc(`conversation/${retried.conversation}`)).messages.length).toBe(1)
  })

  it('a restart finishes a message whose documents were not all written', async () => {
    // Let the conversation document be written, then fail the inbox entry.
    const hub = s.hub
    let calls = 0
    const change = hub.change.bind(hub)
    hub.change = async (name, fn) => {
      if (++calls === 2) throw new Error('power cut')
      return change(name, fn)
    }
    await expect(s.inbound.receive(message({ id: 'SM4' }))).rejects.toThrow('power cut')
    hub.change = change
    expect(new InboxDoc(hub.doc('inbox/sales')).ids()).toEqual([])
    await InboundPipeline.open({ records: s.records, hub, directory: s.access, history: new HistoryStore(s.records) })
    const ids = new InboxDoc(hub.doc('inbox/sales')).ids()
    expect(ids).toHaveLength(1)
    expect(new ConversationDoc(hub.doc(`conversation/${ids[0]}`)).messages.length).toBe(1)
    expect(await s.records.list('inbound/pending/')).toEqual([])
  })

  it('answers only after the documents are stored', async () => {
    let stored = 0
    const change = s.hub.change.bind(s.hub)
    s.hub.change = async (name, fn) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      await change(name, fn)
      stored++
    }
    await s.inbound.receive(message())
    expect(stored).toBe(2)
  })
})
