/**
 * The web chat widget in a real browser (the Chromium test/helpers/browser.ts
 * finds, driven by playwright-core) against a real server: a visitor writes, an agent sees it
 * in the right inbox through the client library and replies, the visitor
 * sees the reply; a reload continues the conversation; markup is shown as
 * text. Takes a screenshot of the widget: into a temporary folder, or where
 * HUDDLE_SCREENSHOT says (`HUDDLE_SCREENSHOT=docs/chat-widget.png` refreshes the README's).
 */
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { HuddleClient } from '../../cli/client/huddle-client.js'
import { findBrowser, launchBrowser } from '../helpers/browser.js'
import { visitorWith, type EventFeed } from '../helpers/chat-visitor.js'
import { makeReplicaHome, openClient, until, type ReplicaHome } from '../helpers/client-replica.js'
import { startTestServer, type TestServer } from '../helpers/client-server.js'

const BINARY = await findBrowser()
// Under CI a missing browser is a failure, never a skipped suite.
if ('missing' in BINARY && process.env.CI) throw new Error(BINARY.missing)
if ('missing' in BINARY) console.warn(`Skipping the chat widget suite: ${BINARY.missing}`)
const KEY = 'acme-web'
const SCREENSHOT = resolve(process.env.HUDDLE_SCREENSHOT ?? join(tmpdir(), `huddle-chat-widget-${process.pid}.png`))

let browser: Browser
let server: TestServer
let agent: HuddleClient
let home: ReplicaHome
let page: Page

beforeAll(async () => {
  if ('missing' in BINARY) return
  browser = await launchBrowser(BINARY)
  console.info(`chat widget suite: Chromium ${browser.version()} from ${BINARY.source}, ${BINARY.path}`)
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

beforeEach(async () => {
  server = await startTestServer()
  const alice = await server.api('POST', '/users', { id: 'alice', name: 'Alice Martin', licences: ['chat'] })
  await server.api('POST', '/inboxes', { name: 'Sales' })
  const web = await server.api('POST', '/inboxes', { name: 'Website' })
  await server.api('POST', `/inboxes/${web.id}/members`, { add: ['alice'], remove: [] })
  await server.api('POST', '/routing/rules', { address: KEY, channel: 'chat', toInbox: 'Website' })
  home = await makeReplicaHome('chat-agent')
  agent = await openClient(server.url, alice.token, home.folder)
  await agent.settle(5000)
  page = await browser.newPage({ viewport: { width: 420, height: 640 } })
}, 30_000)

afterEach(async () => {
  await page?.close()
  await agent?.close()
  await server.close()
  await home.remove()
}, 30_000)

async function startChat(name: string): Promise<void> {
  await page.goto(`${server.url}/chat/${KEY}`)
  await page.fill('#chat-name', name)
  await page.click('#chat-start button')
  await page.waitForSelector('#chat-compose:not([hidden])')
  await page.waitForSelector('body[data-connected="true"]')
}

async function send(text: string): Promise<void> {
  await page.fill('#chat-body', text)
  await page.click('#chat-compose button')
}

function agentMessages(): Promise<string[]> {
  return page.$$eval('.msg-agent .msg-body', (nodes) => nodes.map((n) => n.textContent ?? ''))
}

/** The chat conversation in the agent's Website inbox, once it has synced. */
async function agentConversation(): Promise<string> {
  await until(() => agent.rows('inbox/website').length > 0, 'the chat reached the agent’s inbox')
  return agent.rows('inbox/website')[0]!.id
}

describe.skipIf('missing' in BINARY)('the chat widget in a browser', { timeout: 60_000 }, () => {
  it('carries a visitor’s message to the agent’s inbox and the agent’s reply back live', async () => {
    await startChat('Ada Lovelace')
    await send('Hello! Has my order shipped?')
    await page.waitForSelector('.msg-visitor:not(.pending)')
    const id = await agentConversation()
    expect(agent.rows('inbox/website')[0]).toMatchObject({ channel: 'chat', contactName: 'Ada Lovelace' })
    expect(agent.rows('inbox/sales')).toEqual([])
    await agent.openConversation(id)
    await until(() => (agent.conversation(id)?.messages.length ?? 0) > 0, 'the agent has the messages')
    expect(agent.conversation(id)?.messages.map((m) => m.body)).toEqual(['Hello! Has my order shipped?'])
    await agent.reply(id, 'It left our warehouse this morning, Ada.')
    await page.waitForSelector('.msg-agent')
    expect(await agentMessages()).toEqual(['It left our warehouse this morning, Ada.'])
    expect(await page.textContent('.msg-agent .msg-name')).toBe('Alice Martin')
    await page.screenshot({ path: SCREENSHOT })
    expect(existsSync(SCREENSHOT)).toBe(true)
  })

  it('continues the conversation after a reload', async () => {
    await startChat('Grace')
    await send('First question')
    await page.waitForSelector('.msg-visitor:not(.pending)')
    const id = await agentConversation()
    await page.reload()
    await page.waitForSelector('#chat-compose:not([hidden])')
    // Locators, not string predicates: the page's Content-Security-Policy forbids evaluating strings.
    await page.locator('.msg-visitor').first().waitFor()
    expect(await page.locator('.msg-visitor').count()).toBe(1)
    await send('Second question')
    await page.locator('.msg-visitor:not(.pending)').nth(1).waitFor()
    expect(await page.$$eval('.msg-visitor .msg-body', (nodes) => nodes.map((n) => n.textContent))).toEqual(['First question', 'Second question'])
    await until(() => agent.rows('inbox/website').length === 1 && agent.rows('inbox/website')[0]!.preview === 'Second question', 'the second message joined the same conversation')
    expect(agent.rows('inbox/website')[0]!.id).toBe(id)
  })

  it('shows markup from visitors and agents as text, running nothing', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>'
    await startChat('<i>Mallory</i>')
    await send(payload)
    await page.waitForSelector('.msg-visitor:not(.pending)')
    const id = await agentConversation()
    expect(agent.rows('inbox/website')[0]!.contactName).toBe('<i>Mallory</i>')
    await agent.openConversation(id)
    await until(() => (agent.conversation(id)?.messages.length ?? 0) > 0, 'the agent has the message')
    await agent.reply(id, '<a href="javascript:alert(1)">click</a>')
    await page.waitForSelector('.msg-agent')
    expect(await page.textContent('.msg-visitor .msg-body')).toBe(payload)
    expect(await agentMessages()).toEqual(['<a href="javascript:alert(1)">click</a>'])
    expect(await page.$$('.chat-log img, .chat-log script, .chat-log b, .chat-log a')).toHaveLength(0)
    expect(await page.evaluate(() => Reflect.get(globalThis, '__pwned'))).toBeUndefined()
  })

  it('tells a visitor with too many chat windows open to close one, and connects once one is closed', async () => {
    await startChat('Ada')
    const storage = await page.context().storageState()
    const saved = storage.origins.flatMap((o) => o.localStorage).find((item) => item.name === `huddle-chat:${KEY}`)?.value
    const { visitor, secret } = JSON.parse(saved ?? '{}') as { visitor: string; secret: string }
    // Four more windows of the same visitor elsewhere: five with this page, the most the server lets one visitor hold.
    const elsewhere: EventFeed[] = []
    for (let i = 0; i < 4; i++) elsewhere.push(await visitorWith(`${server.url}/chat/${KEY}/api`, visitor, secret).events())
    // A sixth window with the same saved visitor, as another tab would have.
    const tab = await browser.newContext({ storageState: storage, viewport: { width: 420, height: 640 } })
    const sixth = await tab.newPage()
    try {
      await sixth.goto(`${server.url}/chat/${KEY}`)
      const status = sixth.locator('#chat-status')
      await status.filter({ hasText: 'Too many chat windows are open: you have 5' }).waitFor()
      expect(await status.textContent()).toBe('Too many chat windows are open: you have 5, the most one visitor may have at once. Close one of them and this one will connect.')
      expect(await sixth.getAttribute('body', 'data-connected')).not.toBe('true')
      elsewhere.shift()!.close()
      await sixth.waitForSelector('body[data-connected="true"]', { timeout: 20_000 })
    } finally {
      for (const feed of elsewhere) feed.close()
      await tab.close()
    }
  })
})
