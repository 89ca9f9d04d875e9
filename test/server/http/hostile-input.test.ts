import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADDRESS, ADMIN_TOKEN, startTestServer, type TestServer } from '../../helpers/client-server.js'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
  await server.api('POST', '/inboxes', { name: 'Sales' })
  await server.api('POST', '/routing/rules', { address: ADDRESS, toInbox: 'Sales', isDefault: true })
})

afterAll(async () => {
  await server.close()
})

type Answer = { status: number; body: { error?: { code: string; message: string } } & Record<string, unknown>; text: string }

/** Sends `text` as it is, as a hostile client would, and reads the answer. */
async function send(method: string, path: string, text: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: text,
  })
  const body = await response.text()
  return { status: response.status, body: body === '' ? {} : JSON.parse(body), text: body }
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

describe('JSON bodies nested too deep', () => {
  it.each([
    ['/api/v1/users', (deep: string) => `{"id":"deep","name":${deep}}`],
    ['/api/v1/inboxes', (deep: string) => `{"name":${deep}}`],
    ['/api/v1/inbound', (deep: string) => `{"channel":"sms","from":"+447700900123","to":"${ADDRESS}","body":${deep}}`],
  ])('POST %s with a value 20,000 levels deep answers 400 with a sentence, and stores nothing', async (path, body) => {
    const answer = await send('POST', path, body(nested(20_000)))
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toMatch(/^The request body is nested deeper than 32 levels at `[a-z]+(\[0\])+`; send a flatter JSON object\.$/)
    expect((await server.api('GET', '/users')).map((u: { id: string }) => u.id)).toEqual(['admin'])
    expect((await server.api('GET', '/inboxes')).map((i: { name: string }) => i.name)).toEqual(['Sales'])
  })

  it('still takes bodies nested as deep as the limit allows', async () => {
    const answer = await send('POST', '/api/v1/inboxes', `{"name":"Deep","description":${nested(31)}}`)
    // Read as plain data, then refused by the inbox rule: the depth was no reason.
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toContain('Inbox description is not valid')
  })
})

describe('JSON keys that reach a prototype', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s, naming it, wherever it sits', async (key) => {
    const top = await send('POST', '/api/v1/inboxes', `{"name":"Proto","${key}":{"description":"inherited"}}`)
    expect(top.status).toBe(400)
    expect(top.body.error?.message).toBe(`The request body holds the key \`${key}\`, which is never accepted as it names an object's prototype; rename or remove it.`)
    const deep = await send('POST', '/api/v1/inboxes/sales/members', `{"add":[{"${key}":{"id":"admin"}}],"remove":[]}`)
    expect(deep.status).toBe(400)
    expect(deep.body.error?.message).toContain(`holds the key \`${key}\` at \`add[0]\``)
    expect((await server.api('GET', '/inboxes')).map((i: { name: string }) => i.name)).toEqual(['Sales'])
  })

  it('refuses it in a chat visitor’s body too', async () => {
    await server.api('POST', '/routing/rules', { address: 'proto-web', channel: 'chat', toInbox: 'Sales' })
    const response = await fetch(`${server.url}/chat/proto-web/api/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"name":"x"}}' })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("holds the key `__proto__`, which is never accepted as it names an object's prototype")
  })
})

describe('names with control characters', () => {
  it.each([
    ['ESC', '\u001b[2JSales', 'U+001B'],
    ['NUL', 'Sa\u0000les', 'U+0000'],
    ['CR/LF', 'Sales\r\nBilling', 'U+000D'],
    ['a C1 control', 'Sales\u009b31m', 'U+009B'],
    ['a bidi override', '\u202eselaS', 'U+202E'],
  ])('an inbox name with %s is refused with 400 naming the character', async (_what, name, code) => {
    const answer = await send('POST', '/api/v1/inboxes', JSON.stringify({ name }))
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toContain(`holds the control character ${code}`)
    // The sentence quotes the name with the character made visible, so it is safe to print.
    expect(answer.body.error?.message).not.toMatch(/[\u0000-\u001f\u009b\u202e]/)
  })

  it('a user name with ESC is refused when added and when changed', async () => {
    const added = await send('POST', '/api/v1/users', JSON.stringify({ id: 'eve', name: 'Eve\u001b]0;owned\u0007' }))
    expect(added.status).toBe(400)
    expect(added.body.error?.message).toContain('User name')
    expect(added.body.error?.message).toContain('U+001B')
    const changed = await send('PATCH', '/api/v1/users/admin', JSON.stringify({ name: 'Admin\u0085' }))
    expect(changed.status).toBe(400)
    expect(changed.body.error?.message).toContain('U+0085')
    expect((await server.api('GET', '/whoami')).name).toBe('Administrator')
  })

  it('a contact name with ESC is refused on the JSON endpoint', async () => {
    const answer = await send('POST', '/api/v1/inbound', JSON.stringify({ channel: 'sms', from: '+447700900999', to: ADDRESS, body: 'hi', name: 'Ann\u001b[2J' }))
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toContain('Contact name')
  })

  it('a chat visitor’s name with ESC is refused', async () => {
    await server.api('POST', '/routing/rules', { address: 'names-web', channel: 'chat', toInbox: 'Sales' })
    const response = await fetch(`${server.url}/chat/names-web/api/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ann\u001b]52;c;bad\u0007' }) })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('U+001B')
  })
})

describe('look-alikes of an existing inbox name', () => {
  it.each([
    ['Cyrillic letters', 'S\u0430l\u0435s'],
    ['a Greek alpha', 'S\u03b1les'],
    ['a zero-width space', 'Sa\u200bles'],
    ['full-width letters', 'ＳＡＬＥＳ'],
    ['other case and spacing', '  sales '],
  ])('%s: refused as taken (409), and no second inbox exists', async (_what, name) => {
    const answer = await send('POST', '/api/v1/inboxes', JSON.stringify({ name }))
    expect(answer.status).toBe(409)
    expect(answer.body.error?.message).toContain('An inbox named `Sales` already exists')
    expect((await server.api('GET', '/inboxes')).map((i: { name: string }) => i.name)).toEqual(['Sales'])
  })

  it('renaming another inbox to a look-alike is refused too', async () => {
    await server.api('POST', '/inboxes', { name: 'Billing' })
    const answer = await send('PATCH', '/api/v1/inboxes/billing', JSON.stringify({ name: 'S\u0430les' }))
    expect(answer.status).toBe(409)
    await server.api('DELETE', '/inboxes/billing')
  })
})

describe('SMS and WhatsApp senders', () => {
  it('threads `+44 7700 900123` with `+447700900123`, stored in E.164', async () => {
    const first = await server.api('POST', '/inbound', { channel: 'sms', from: '+44 7700 900123', to: ADDRESS, body: 'hello' })
    const second = await server.api('POST', '/inbound', { channel: 'sms', from: '+447700900123', to: ADDRESS, body: 'again' })
    const third = await server.api('POST', '/inbound', { channel: 'sms', from: '+44 7700-900.123', to: ADDRESS, body: 'and again' })
    expect(first.conversation).not.toBeNull()
    expect(second).toMatchObject({ conversation: first.conversation, routed: 'existing' })
    expect(third).toMatchObject({ conversation: first.conversation, routed: 'existing' })
  })

  it('accepts fictional numbers such as the 555 range used by demos and tests', async () => {
    const answer = await server.api('POST', '/inbound', { channel: 'whatsapp', from: 'whatsapp:+1 555 656 4672', to: ADDRESS, body: 'hi' })
    expect(answer.routed).toBe('default')
  })

  it.each(['hello', '<b>+1</b>', '+1\u001b[2J5556564672', '+44 7700', 'javascript:alert(1)'])(
    'the JSON endpoint refuses sender %j with 400 saying what a number looks like, and stores nothing',
    async (from) => {
      const answer = await send('POST', '/api/v1/inbound', JSON.stringify({ channel: 'sms', from, to: ADDRESS, body: 'x', id: `SM-bad-${from.length}` }))
      expect(answer.status).toBe(400)
      expect(answer.body.error?.message).toMatch(/^Sender `.*` is not a phone number: .*`\+44 7700 900123`\.$/s)
      expect(answer.body.error?.message).not.toContain('\u001b')
      expect(await server.api('GET', '/routing/unrouted')).toEqual([])
    },
  )

  it('a carrier webhook from a sender that is not a number is answered 200 and kept as unrouted with the reason, once', async () => {
    const form = { From: 'FreeGift<script>', To: ADDRESS, Body: 'You won', MessageSid: 'SM-not-a-number' }
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${server.url}/webhooks/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<Response/>')
    }
    const unrouted = await server.api('GET', '/routing/unrouted')
    expect(unrouted).toHaveLength(1)
    expect(unrouted[0]).toMatchObject({ channel: 'sms', from: 'FreeGift<script>', body: 'You won', externalId: 'SM-not-a-number' })
    expect(unrouted[0].reason).toContain('Sender `FreeGift<script>` is not a phone number')
  })

  it('a WhatsApp webhook sender is normalised to E.164 and threads with the JSON form', async () => {
    const form = { From: 'whatsapp:+44 7700 900456', To: `whatsapp:${ADDRESS}`, Body: 'hi', MessageSid: 'SM-wa-1', ProfileName: 'Ann\u001b[2J Lee' }
    const response = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })
    expect(response.status).toBe(200)
    const later = await server.api('POST', '/inbound', { channel: 'whatsapp', from: '+447700900456', to: ADDRESS, body: 'me again' })
    expect(later.routed).toBe('existing')
  })
})
