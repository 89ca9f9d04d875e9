import { afterEach, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { webhookSignature } from '../../../server/http/webhook-signature.js'
import { startApi, type ApiFixture } from './api-fixture.js'

const SECRET = 'carrier-secret'
let api: ApiFixture
let started: ApiFixture | undefined

afterEach(async () => {
  await started?.close()
  started = undefined
})

async function withSalesDefault(options: Parameters<typeof startApi>[0] = {}): Promise<void> {
  api = await startApi(options)
  started = api
  await api.call('POST', '/api/v1/inboxes', { body: { name: 'Sales' } })
  await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Sales', isDefault: true } })
}

const sms = { From: '+447700900001', To: '+15550100', Body: 'Where is my order?', MessageSid: 'SM0001' }

function signed(url: string, fields: Record<string, string>, secret = SECRET): Record<string, string> {
  return { 'x-twilio-signature': webhookSignature(secret, url, new URLSearchParams(fields)) }
}

describe('message webhooks', () => {
  it('stores an SMS and answers empty TwiML', async () => {
    await withSalesDefault()
    const answer = await api.postForm('/webhooks/sms', sms)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toContain('text/xml')
    expect(answer.text).toContain('<Response/>')
    const inbox = new InboxDoc(api.hub.doc('inbox/sales'))
    const [summary] = inbox.summaries()
    expect(summary).toMatchObject({ channel: 'sms', contact: '+447700900001', address: '+15550100', preview: 'Where is my order?' })
    const messages = new ConversationDoc(api.hub.doc(`conversation/${summary!.id}`)).readMessages()
    expect(messages).toMatchObject([{ direction: 'in', author: '+447700900001', body: 'Where is my order?', externalId: 'SM0001' }])
  })

  it('strips the whatsapp: prefix and keeps the profile name', async () => {
    await withSalesDefault()
    await api.postForm('/webhooks/whatsapp', { ...sms, From: 'whatsapp:+447700900001', To: 'whatsapp:+15550100', ProfileName: 'Jo Bloggs' })
    const [summary] = new InboxDoc(api.hub.doc('inbox/sales')).summaries()
    expect(summary).toMatchObject({ channel: 'whatsapp', contact: '+447700900001', address: '+15550100', contactName: 'Jo Bloggs' })
  })

  it('stores the same MessageSid once', async () => {
    await withSalesDefault()
    expect((await api.postForm('/webhooks/sms', sms)).status).toBe(200)
    expect((await api.postForm('/webhooks/sms', sms)).status).toBe(200)
    const inbox = new InboxDoc(api.hub.doc('inbox/sales'))
    expect(inbox.ids()).toHaveLength(1)
    expect(new ConversationDoc(api.hub.doc(`conversation/${inbox.ids()[0]}`)).messages.length).toBe(1)
  })

  it('refuses a message without sender with 400', async () => {
    await withSalesDefault()
    const answer = await api.postForm('/webhooks/sms', { To: '+15550100', Body: 'x', MessageSid: 'SM9' })
    expect(answer.status).toBe(400)
    expect(answer.body.error.message).toContain('Sender')
  })
})

describe('webhook signatures', () => {
  it('accepts a valid signature over the Host-header URL', async () => {
    await withSalesDefault({ webhookSecret: SECRET })
    const url = `${api.url}/webhooks/sms`
    const answer = await api.postForm('/webhooks/sms', sms, signed(url, sms))
    expect(answer.status).toBe(200)
  })

  it('accepts a valid signature over the configured public URL', async () => {
    await withSalesDefault({ webhookSecret: SECRET, publicUrl: 'https://huddle.example.com/' })
    const answer = await api.postForm('/webhooks/sms', sms, signed('https://huddle.example.com/webhooks/sms', sms))
    expect(answer.status).toBe(200)
  })

  it('refuses a missing signature with 403, storing nothing', async () => {
    await withSalesDefault({ webhookSecret: SECRET })
    const answer = await api.postForm('/webhooks/sms', sms)
    expect(answer.status).toBe(403)
    expect(answer.body.error.message).toContain('X-Twilio-Signature')
    expect(new InboxDoc(api.hub.doc('inbox/sales')).ids()).toEqual([])
  })

  it('refuses a signature made with another secret, or over other fields, with 403', async () => {
    await withSalesDefault({ webhookSecret: SECRET })
    const url = `${api.url}/webhooks/sms`
    const wrongSecret = await api.postForm('/webhooks/sms', sms, signed(url, sms, 'other-secret'))
    expect(wrongSecret.status).toBe(403)
    expect(wrongSecret.body.error.message).toContain('does not match')
    const tampered = await api.postForm('/webhooks/sms', { ...sms, Body: 'changed' }, signed(url, sms))
    expect(tampered.status).toBe(403)
    expect(new InboxDoc(api.hub.doc('inbox/sales')).ids()).toEqual([])
  })

  it('computes the carrier signature as documented', () => {
    // The example of the carrier's documentation of its request validation.
    const params = new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' })
    expect(webhookSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=')
  })
})
