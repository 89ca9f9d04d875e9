import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { startVisitor, visitorWith, type EventFeed } from '../../helpers/chat-visitor.js'
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../../helpers/client-server.js'
import { until } from '../../helpers/until.js'

const KEY = 'acme-web'
let server: TestServer
let aliceToken: string
const feeds: EventFeed[] = []
const providers: WebsocketProvider[] = []
/** The server's clock, when a test holds it still; else the wall clock. */
let heldAt: number | null = null

beforeEach(async () => {
  heldAt = null
  server = await startTestServer({ now: () => heldAt ?? Date.now() })
  aliceToken = (await server.api('POST', '/users', { id: 'alice', name: 'Alice Martin', licences: ['chat'] })).token
  const inbox = await server.api('POST', '/inboxes', { name: 'Web' })
  await server.api('POST', `/inboxes/${inbox.id}/members`, { add: ['alice'], remove: [] })
  await server.api('POST', '/routing/rules', { address: KEY, channel: 'chat', toInbox: 'Web' })
})

afterEach(async () => {
  for (const feed of feeds.splice(0)) feed.close()
  for (const provider of providers.splice(0)) provider.destroy()
  await server.close()
})

async function follow(visitor: Awaited<ReturnType<typeof startVisitor>>): Promise<EventFeed> {
  const feed = await visitor.events()
  feeds.push(feed)
  return feed
}

/** Alice replies through a stock provider (the server checks and dispatches it like any reply). */
async function agentReplies(conversation: string, body: string): Promise<void> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, `conversation/${conversation}`, doc, {
    params: { token: aliceToken },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  providers.push(provider)
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  const c = new ConversationDoc(doc)
  c.appendMessage({ id: `r-${Math.random().toString(36).slice(2, 10)}`, direction: 'out', author: 'alice', body, at: Date.now(), basis: { assignee: null, lastInbound: c.lastInbound()!.id } })
}

async function inboxRows(): Promise<Array<{ id: string; channel: string; contact: string; contactName: string | null }>> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, 'inbox/web', doc, { params: { token: aliceToken }, WebSocketPolyfill: WebSocket as never, disableBc: true })
  providers.push(provider)
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  return new InboxDoc(doc).summaries()
}

describe('the widget’s files', () => {
  it('serves the page of a widget key with a strict content security policy', async () => {
    const page = await fetch(`${server.url}/chat/${KEY}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const html = await page.text()
    expect(html).toContain(`data-widget-key="${KEY}"`)
    expect(html).toContain('<script src="/chat/widget.js"></script>')
    expect(html).not.toMatch(/<script>/)
  })

  it('answers 404 for a key no routing policy is bound to', async () => {
    const page = await fetch(`${server.url}/chat/nobody`)
    expect(page.status).toBe(404)
    expect(((await page.json()) as { error: { message: string } }).error.message).toContain('There is no chat widget `nobody`')
    expect((await fetch(`${server.url}/chat/nobody/api/visitors`, { method: 'POST' })).status).toBe(404)
  })

  it('serves the widget script, its style and the embed script', async () => {
    for (const [file, type] of [['widget.js', 'javascript'], ['widget.css', 'css'], ['embed.js', 'javascript']] as const) {
      const answer = await fetch(`${server.url}/chat/${file}`)
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toContain(type)
    }
    expect(await (await fetch(`${server.url}/chat/widget.js`)).text()).toContain('textContent')
  })
})

describe('visitors', () => {
  it('start a chat conversation routed by the widget key’s policy, with their name', async () => {
    const visitor = await startVisitor(server.url, KEY, 'Ada Lovelace')
    const posted = await visitor.post('Hello, is anyone there?')
    expect(posted.status).toBe(200)
    const answer = (await posted.json()) as { message: { from: string; body: string }; routed: string }
    expect(answer).toMatchObject({ routed: 'rule 1', message: { from: 'visitor', body: 'Hello, is anyone there?' } })
    const rows = await inboxRows()
    expect(rows).toEqual([expect.objectContaining({ channel: 'chat', contact: visitor.id, contactName: 'Ada Lovelace', address: KEY })])
  })

  it('see their own messages and agents’ replies, live', async () => {
    const visitor = await startVisitor(server.url, KEY, 'Ada')
    const feed = await follow(visitor)
    await visitor.post('Where is my order?')
    await feed.until((m) => m.body === 'Where is my order?')
    const [row] = await inboxRows()
    await agentReplies(row!.id, 'It ships today, Ada.')
    expect(await feed.until((m) => m.from === 'agent')).toMatchObject({ from: 'agent', name: 'Alice Martin', body: 'It ships today, Ada.' })
    const conversation = (await (await visitor.conversation()).json()) as { visitor: { id: string; name: string }; messages: Array<{ body: string }> }
    expect(conversation.visitor).toEqual({ id: visitor.id, name: 'Ada' })
    expect(conversation.messages.map((m) => m.body)).toEqual(['Where is my order?', 'It ships today, Ada.'])
  })

  it('continue their conversation when they come back', async () => {
    const visitor = await startVisitor(server.url, KEY)
    await visitor.post('First')
    const again = visitorWith(`${server.url}/chat/${KEY}/api`, visitor.id, visitor.secret)
    await again.post('Second')
    const rows = await inboxRows()
    expect(rows).toHaveLength(1)
    const messages = ((await (await again.conversation()).json()) as { messages: Array<{ body: string }> }).messages
    expect(messages.map((m) => m.body)).toEqual(['First', 'Second'])
  })

  it('store a retried message once', async () => {
    const visitor = await startVisitor(server.url, KEY)
    const first = (await (await visitor.post('Once', 'w-1')).json()) as { message: { id: string } }
    const second = (await (await visitor.post('Once', 'w-1')).json()) as { message: { id: string } }
    expect(second.message.id).toBe(first.message.id)
    expect(((await (await visitor.conversation()).json()) as { messages: unknown[] }).messages).toHaveLength(1)
  })

  it('read only their own conversation', async () => {
    const ada = await startVisitor(server.url, KEY, 'Ada')
    await ada.post('Private to Ada')
    const bob = await startVisitor(server.url, KEY, 'Bob')
    expect(((await (await bob.conversation()).json()) as { messages: unknown[] }).messages).toEqual([])
    const feed = await follow(bob)
    await bob.post('Bob here')
    await feed.until((m) => m.body === 'Bob here')
    expect(feed.received.map((m) => m.body)).toEqual(['Bob here'])
  })

  it('are refused without their secret, with another’s, with an agent token or on another widget', async () => {
    await server.api('POST', '/routing/rules', { address: 'other-site', channel: 'chat', toInbox: 'Web' })
    const ada = await startVisitor(server.url, KEY)
    const base = `${server.url}/chat/${KEY}/api`
    const refusals = [
      await fetch(`${base}/conversation`),
      await visitorWith(base, ada.id, 'x'.repeat(43)).conversation(),
      await fetch(`${base}/conversation`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }),
      await fetch(`${base}/conversation`, { headers: { authorization: `Visitor ${ADMIN_TOKEN}` } }),
      await visitorWith(`${server.url}/chat/other-site/api`, ada.id, ada.secret).conversation(),
      await fetch(`${base}/events`, { headers: { authorization: `Bearer ${aliceToken}` } }),
    ]
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401])
  })

  it('do not see replies the server held, nor notes', async () => {
    const visitor = await startVisitor(server.url, KEY)
    await visitor.post('One')
    const [row] = await inboxRows()
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, `conversation/${row!.id}`, doc, { params: { token: aliceToken }, WebSocketPolyfill: WebSocket as never, disableBc: true })
    providers.push(provider)
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const c = new ConversationDoc(doc)
    const seen = c.lastInbound()!.id
    await visitor.post('Two')
    // Written before "Two" arrived here: held, not shown.
    c.appendMessage({ id: 'r-stale', direction: 'out', author: 'alice', body: 'Stale reply', at: Date.now(), basis: { assignee: null, lastInbound: seen } })
    c.appendNote({ id: 'n-1', author: 'alice', body: 'Internal note', at: Date.now(), mentions: [] })
    await until(() => c.delivery.has('r-stale'), 'the server decides on the stale reply')
    expect(c.delivery.get('r-stale')?.status).toBe('held')
    const messages = ((await (await visitor.conversation()).json()) as { messages: Array<{ body: string }> }).messages
    expect(messages.map((m) => m.body)).toEqual(['One', 'Two'])
  })

  it('are limited in length and in rate', async () => {
    // The server's clock stands still, so the limit is judged on it alone, however slowly this machine posts.
    heldAt = Date.now()
    const visitor = await startVisitor(server.url, KEY)
    const long = await visitor.post('x'.repeat(2001))
    expect(long.status).toBe(400)
    expect(((await long.json()) as { error: { message: string } }).error.message).toBe('A message needs 1–2000 characters; yours has 2001.')
    expect((await fetch(`${server.url}/chat/${KEY}/api/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'n'.repeat(81) }) })).status).toBe(400)
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) statuses.push((await visitor.post(`Message ${i}`)).status)
    // A burst of 10 passes; past it, one a second: with no time passing, every other one is refused.
    expect(statuses).toEqual([...Array<number>(10).fill(200), ...Array<number>(15).fill(413)])
    const refused = await visitor.post('One more')
    expect(refused.status).toBe(413)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('You are sending messages too quickly; wait a moment and send again.')
    heldAt += 1000
    expect((await visitor.post('A second later')).status).toBe(200)
    expect((await visitor.post('At once after')).status).toBe(413)
  })
})
