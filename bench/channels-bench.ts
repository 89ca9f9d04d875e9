/**
 * Channels benchmark, on loopback against a real server (LevelDB in a
 * temporary folder):
 *
 *   chat round trip   a visitor posts over HTTP; an agent (a y-websocket
 *                     provider on the conversation) sees it and replies; the
 *                     visitor's event stream delivers the reply. Median and
 *                     p95 of 48 round trips, 4 each from 12 visitors (the
 *                     widget's per-visitor rate limit allows a burst of 10).
 *   carrier sends/s   replies pushed through the carrier adapter (attempt
 *                     recorded durably before and after each send) against a
 *                     loopback HTTP server speaking the Messages API; one at
 *                     a time and 16 in flight.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConversationDoc } from '../core/conversation-doc.js'
import { CarrierAdapter } from '../server/outbound/carrier-adapter.js'
import { startServer } from '../server/start.js'
import { Database } from '../server/store/database.js'
import { single, summarise, type Figure, type Suite } from './report.js'

const SUITE = 'channels'
const KEY = 'bench-widget'
const ADMIN = 'hud_bench-admin-token'
const VISITORS = 12
const ROUND_TRIPS_PER_VISITOR = 4
const SENDS = 2_000
const IN_FLIGHT = 16

type Feed = { next(check: (m: { from: string; body: string }) => boolean): Promise<void>; close(): void }

async function followEvents(url: string, authorization: string): Promise<Feed> {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { authorization }, signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`)
  const waiting: Array<{ check: (m: { from: string; body: string }) => boolean; resolve: () => void }> = []
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data:'))
          buffer = buffer.slice(end + 2)
          if (!data) continue
          for (const message of (JSON.parse(data.slice(5)) as { messages: Array<{ from: string; body: string }> }).messages)
            for (const w of [...waiting]) if (w.check(message)) waiting.splice(waiting.indexOf(w), 1) && w.resolve()
        }
      }
    } catch {
      // Aborted at the end.
    }
  })()
  return { next: (check) => new Promise((resolve) => waiting.push({ check, resolve })), close: () => controller.abort() }
}

/** The agent: follows the inbox, joins each new conversation, and answers every `ping N` with `pong N`. */
function startAgent(url: string, token: string): { close(): void } {
  const providers: WebsocketProvider[] = []
  const open = (name: string, doc: Y.Doc): WebsocketProvider => {
    const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/sync`, name, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true })
    providers.push(provider)
    return provider
  }
  const inbox = new Y.Doc()
  const joined = new Set<string>()
  open('inbox/web', inbox)
  inbox.getMap('conversations').observe(() => {
    for (const id of inbox.getMap('conversations').keys()) {
      if (joined.has(id)) continue
      joined.add(id)
      const doc = new Y.Doc()
      const conversation = new ConversationDoc(doc)
      const answered = new Set<string>()
      const answer = (): void => {
        for (const m of conversation.messages.toArray()) {
          if (m.direction !== 'in' || answered.has(m.id) || !m.body.startsWith('ping')) continue
          answered.add(m.id)
          conversation.appendMessage({
            id: `r-${randomBytes(6).toString('hex')}`,
            direction: 'out',
            author: 'agent',
            body: m.body.replace('ping', 'pong'),
            at: Date.now(),
            basis: { assignee: null, lastInbound: m.id },
          })
        }
      }
      conversation.messages.observe(answer)
      open(`conversation/${id}`, doc).once('sync', answer)
    }
  })
  // Destroying the documents stops their awareness timers, which would keep the process alive.
  return { close: () => providers.forEach((p) => (p.destroy(), p.doc.destroy())) }
}

async function chatRoundTrips(log: (line: string) => void): Promise<number[]> {
  const folder = await mkdtemp(join(tmpdir(), 'huddle-bench-chat-'))
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: folder, adminToken: ADMIN })
  const call = async (method: string, path: string, body?: unknown, authorization = `Bearer ${ADMIN}`): Promise<any> => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { authorization, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
    return response.json()
  }
  const agentToken = (await call('POST', '/api/v1/users', { id: 'agent', name: 'Agent', licences: ['chat'] })).token as string
  await call('POST', '/api/v1/inboxes', { name: 'Web' })
  await call('POST', '/api/v1/inboxes/web/members', { add: ['agent'], remove: [] })
  await call('POST', '/api/v1/routing/rules', { address: KEY, channel: 'chat', toInbox: 'web' })
  const agent = startAgent(server.url, agentToken)
  const samples: number[] = []
  try {
    for (let v = 0; v < VISITORS + 1; v++) {
      const { visitor, secret } = await call('POST', `/chat/${KEY}/api/visitors`, { name: `Visitor ${v}` }, '')
      const authorization = `Visitor ${visitor}.${secret}`
      const feed = await followEvents(`${server.url}/chat/${KEY}/api/events`, authorization)
      for (let i = 0; i < ROUND_TRIPS_PER_VISITOR; i++) {
        const body = `ping ${v}-${i}`
        const started = performance.now()
        const answered = feed.next((m) => m.from === 'agent' && m.body === body.replace('ping', 'pong'))
        await call('POST', `/chat/${KEY}/api/messages`, { body }, authorization)
        await answered
        // The first visitor warms up (the agent joins its conversation during its first round trip).
        if (v > 0) samples.push(performance.now() - started)
      }
      feed.close()
    }
    log(`chat: ${samples.length} round trips from ${VISITORS} visitors`)
  } finally {
    agent.close()
    await server.close()
    await rm(folder, { recursive: true, force: true })
  }
  return samples
}

/** A loopback carrier that takes every message: `201 {sid}`. */
async function startCarrier(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

async function carrierSendsPerSecond(inFlight: number, log: (line: string) => void): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), 'huddle-bench-carrier-'))
  const db = await Database.open(folder)
  const carrier = await startCarrier()
  const adapter = new CarrierAdapter({ url: carrier.url, accountSid: 'ACbench', authToken: 'token', records: db.records })
  try {
    let next = 0
    const started = performance.now()
    const worker = async (): Promise<void> => {
      while (next < SENDS) {
        const n = next++
        await adapter.send({ conversation: 'c-bench', messageId: `r-${inFlight}-${n}`, channel: 'sms', from: '+15550100', to: '+447700900001', body: `Reply ${n}`, author: 'agent' })
      }
    }
    await Promise.all(Array.from({ length: inFlight }, worker))
    const rate = SENDS / ((performance.now() - started) / 1000)
    log(`carrier: ${SENDS} sends, ${inFlight} in flight: ${rate.toFixed(0)}/s`)
    return rate
  } finally {
    carrier.server.closeAllConnections()
    await new Promise<void>((resolve) => carrier.server.close(() => resolve()))
    await db.close()
    await rm(folder, { recursive: true, force: true })
  }
}

export const channelsSuite: Suite = {
  name: SUITE,
  async run(log) {
    const roundTrips = await chatRoundTrips(log)
    const sequential = await carrierSendsPerSecond(1, log)
    const parallel = await carrierSendsPerSecond(IN_FLIGHT, log)
    const figures: Figure[] = [
      { suite: SUITE, name: 'chat round trip visitor → agent → visitor', unit: 'ms', ...summarise(roundTrips), goal: 100 },
      single(SUITE, 'carrier sends/s (1 at a time)', '/s', sequential, { isHigherBetter: true, samples: SENDS }),
      single(SUITE, `carrier sends/s (${IN_FLIGHT} in flight)`, '/s', parallel, { isHigherBetter: true, samples: SENDS }),
    ]
    return figures
  },
}
