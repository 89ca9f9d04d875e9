import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_STREAM_LIMITS } from '../../../core/chat-stream-limits.js'
import { StreamSlots } from '../../../server/chat/stream-slots.js'
import { startVisitor, type ChatVisitor } from '../../helpers/chat-visitor.js'
import { startTestServer, type TestServer } from '../../helpers/client-server.js'
import { refusalOf } from '../../helpers/core-fixtures.js'

const KEY = 'acme-web'
/** Small enough to reach in a test; the per-visitor cap stays at its default. */
const TOTAL = 7
let server: TestServer
/** Open streams with their responses held: undici cancels the body of a response that is garbage collected, which would close the stream. */
const open: Array<{ controller: AbortController; response: Response }> = []

beforeEach(async () => {
  server = await startTestServer({ chatStreams: { total: TOTAL } })
  await server.api('POST', '/inboxes', { name: 'Web' })
  await server.api('POST', '/routing/rules', { address: KEY, channel: 'chat', toInbox: 'Web' })
})

afterEach(async () => {
  for (const { controller } of open.splice(0)) controller.abort()
  await server.close()
})

type Opened = { readonly status: number; readonly code: string | null; readonly message: string | null; close(): void }

/** Asks for an event stream of `visitor`; an accepted one stays open until closed (or the test ends). */
async function openStream(visitor: ChatVisitor): Promise<Opened> {
  const controller = new AbortController()
  const response = await fetch(`${server.url}/chat/${KEY}/api/events`, { headers: { authorization: visitor.authorization }, signal: controller.signal })
  if (!response.ok) {
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    return { status: response.status, code: error.code, message: error.message, close: () => {} }
  }
  open.push({ controller, response })
  return { status: response.status, code: null, message: null, close: () => controller.abort() }
}

async function openStreams(visitor: ChatVisitor, count: number): Promise<Opened[]> {
  const opened: Opened[] = []
  for (let i = 0; i < count; i++) opened.push(await openStream(visitor))
  return opened
}

/** Opens a stream as soon as the server has a slot for it: it frees one when it sees the closed stream's socket go. */
async function openOnceFreed(visitor: ChatVisitor): Promise<Opened> {
  const started = Date.now()
  for (;;) {
    const attempt = await openStream(visitor)
    if (attempt.status === 200 || Date.now() - started > 5000) return attempt
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('open chat event streams', () => {
  it('are capped at five per visitor: a sixth is refused 429, saying to close a chat window', async () => {
    const ada = await startVisitor(server.url, KEY, 'Ada')
    expect((await openStreams(ada, 5)).map((s) => s.status)).toEqual([200, 200, 200, 200, 200])
    expect(await openStream(ada)).toMatchObject({
      status: 429,
      code: 'too-many',
      message: 'Too many chat windows are open: you have 5, the most one visitor may have at once. Close one of them and this one will connect.',
    })
    // Another visitor is not held back by Ada's windows.
    expect((await openStream(await startVisitor(server.url, KEY))).status).toBe(200)
  })

  it('free their slot when they close, and a refused one takes none', async () => {
    const ada = await startVisitor(server.url, KEY)
    const [first] = await openStreams(ada, 5)
    expect((await openStream(ada)).status).toBe(429)
    expect((await openStream(ada)).status).toBe(429)
    first!.close()
    expect((await openOnceFreed(ada)).status).toBe(200)
    expect((await openStream(ada)).status).toBe(429)
  })

  it('free their slot when the visitor leaves before the stream starts', async () => {
    const ada = await startVisitor(server.url, KEY)
    // Gone after 0–3 ms: some before the server reads the request, some while it checks the secret, some once streaming.
    for (let i = 0; i < 40; i++) {
      const controller = new AbortController()
      const asked = fetch(`${server.url}/chat/${KEY}/api/events`, { headers: { authorization: ada.authorization }, signal: controller.signal }).catch(() => null)
      setTimeout(() => controller.abort(), i % 4)
      await asked
    }
    const streams: Opened[] = []
    for (let i = 0; i < 5; i++) streams.push(await openOnceFreed(ada))
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200])
  })

  it('are capped for the whole server: past it, any visitor is refused 503 until a stream closes', async () => {
    const ada = await startVisitor(server.url, KEY)
    const bob = await startVisitor(server.url, KEY)
    const adas = await openStreams(ada, 5)
    expect((await openStreams(bob, 2)).map((s) => s.status)).toEqual([200, 200])
    const full = { status: 503, code: 'unavailable', message: `The chat is at its limit of ${TOTAL} open chat windows just now; try again in a few minutes.` }
    expect(await openStream(bob)).toMatchObject(full)
    const carol = await startVisitor(server.url, KEY)
    expect(await openStream(carol)).toMatchObject(full)
    adas[0]!.close()
    expect((await openOnceFreed(carol)).status).toBe(200)
    expect(await openStream(bob)).toMatchObject(full)
  })
})

describe('chat windows and visitors per client address', () => {
  const PER_ADDRESS = 6
  const PER_MINUTE = 4
  let capped: TestServer
  let clock = Date.now()
  const held: Array<() => void> = []

  beforeEach(async () => {
    clock = Date.now()
    capped = await startTestServer({ chatStreams: { perAddress: PER_ADDRESS }, chatVisitorsPerMinute: PER_MINUTE, now: () => clock })
    await capped.api('POST', '/inboxes', { name: 'Web' })
    await capped.api('POST', '/routing/rules', { address: KEY, channel: 'chat', toInbox: 'Web' })
  })

  afterEach(async () => {
    for (const close of held.splice(0)) close()
    await capped.close()
  })

  /** A request from `localAddress` (all of 127.0.0.0/8 reaches this machine), as a browser elsewhere would make it; the answer stays open until closed. */
  function requestFrom(localAddress: string, method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${capped.url}${path}`, { method, localAddress, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        if (res.statusCode === 200 && res.headers['content-type']?.startsWith('text/event-stream')) {
          held.push(() => res.destroy())
          resolve({ status: 200, body: '' })
          return
        }
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.end(method === 'POST' ? '{}' : undefined)
    })
  }

  async function visitorFrom(localAddress: string): Promise<{ status: number; authorization: string; body: string }> {
    const answer = await requestFrom(localAddress, 'POST', `/chat/${KEY}/api/visitors`)
    if (answer.status !== 200) return { status: answer.status, authorization: '', body: answer.body }
    const { visitor, secret } = JSON.parse(answer.body) as { visitor: string; secret: string }
    return { status: 200, authorization: `Visitor ${visitor}.${secret}`, body: answer.body }
  }

  const streamFrom = (localAddress: string, authorization: string) => requestFrom(localAddress, 'GET', `/chat/${KEY}/api/events`, { authorization })

  it('one address holds at most its share of open windows, however many visitors it makes; other addresses still connect', async () => {
    const statuses: number[] = []
    for (let v = 0; v < 2; v++) {
      const visitor = await visitorFrom('127.0.0.1')
      for (let s = 0; s < 3; s++) statuses.push((await streamFrom('127.0.0.1', visitor.authorization)).status)
    }
    expect(statuses).toEqual(Array(PER_ADDRESS).fill(200))
    const third = await visitorFrom('127.0.0.1')
    const refused = await streamFrom('127.0.0.1', third.authorization)
    expect(refused.status).toBe(429)
    expect(JSON.parse(refused.body).error).toEqual({
      code: 'too-many',
      message: `Too many chat windows are open from your network: ${PER_ADDRESS}, the most one address may have at once. Close one of them and this one will connect.`,
      problems: [],
    })
    const elsewhere = await visitorFrom('127.0.0.2')
    expect((await streamFrom('127.0.0.2', elsewhere.authorization)).status).toBe(200)
  })

  it('one address starts at most its number of visitors a minute, then one more as the minute goes on; other addresses are not held back', async () => {
    const statuses: number[] = []
    for (let v = 0; v < PER_MINUTE; v++) statuses.push((await visitorFrom('127.0.0.1')).status)
    expect(statuses).toEqual(Array(PER_MINUTE).fill(200))
    const refused = await visitorFrom('127.0.0.1')
    expect(refused.status).toBe(413)
    expect(JSON.parse(refused.body).error.message).toBe(`Too many chats were started from your network just now (at most ${PER_MINUTE} a minute); wait a minute and try again.`)
    expect((await visitorFrom('127.0.0.2')).status).toBe(200)
    clock += 60_000 / PER_MINUTE
    expect((await visitorFrom('127.0.0.1')).status).toBe(200)
    expect((await visitorFrom('127.0.0.1')).status).toBe(413)
  })
})

describe('StreamSlots', () => {
  it('frees a slot once, however often its release is called', () => {
    const slots = new StreamSlots({ perVisitor: 2, perAddress: 3, total: 3 })
    const release = slots.take('v-1', '192.0.2.1')
    slots.take('v-1', '192.0.2.1')
    release()
    release()
    expect([slots.count('v-1'), slots.count()]).toEqual([1, 1])
    slots.take('v-1', '192.0.2.1')
    expect(refusalOf(() => slots.take('v-1', '192.0.2.1')).code).toBe('too-many')
    // The address's count was freed with the visitor's: another visitor there gets the last slot.
    slots.take('v-2', '192.0.2.1')
    expect(refusalOf(() => slots.take('v-3', '192.0.2.1')).message).toContain('from your network')
    expect(refusalOf(() => slots.take('v-3', '192.0.2.9')).code).toBe('unavailable')
  })

  it('defaults to five streams per visitor, fifty per address and a thousand in all, as documented', () => {
    expect(DEFAULT_STREAM_LIMITS).toEqual({ perVisitor: 5, perAddress: 50, total: 1000 })
  })

  it.each([
    [{ perVisitor: 0, perAddress: 50, total: 10 }, 'The chat stream limit `perVisitor` must be a whole number of at least 1, not `0`.'],
    [{ perVisitor: 5, perAddress: -1, total: 10 }, 'The chat stream limit `perAddress` must be a whole number of at least 1, not `-1`.'],
    [{ perVisitor: 5, perAddress: 50, total: 2.5 }, 'The chat stream limit `total` must be a whole number of at least 1, not `2.5`.'],
    [{ perVisitor: 5, perAddress: 50, total: Number.NaN }, 'The chat stream limit `total` must be a whole number of at least 1, not `NaN`.'],
  ])('refuses limits %j, quoting the bad value', (limits, message) => {
    const error = refusalOf(() => new StreamSlots(limits))
    expect(error.code).toBe('invalid')
    expect(error.message).toBe(message)
  })
})
