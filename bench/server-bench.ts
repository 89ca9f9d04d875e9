/**
 * Stage 2 benchmark: 100 clients on 20 inbox documents, each sending 10 small
 * updates a second for 20 s, against huddle's server and, in the same run, the
 * stock y-websocket server with and without its LevelDB persistence.
 */
import { createServer } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { InboxDoc } from '../core/inbox-doc.js'
import { startChild, type ChildServer } from './child-server.js'
import { percentile, summarise, type Figure, type Suite } from './report.js'
import { runSyncLoad, runThroughput, type LoadClientSpec, type LoadResult } from './sync-load.js'

const CLIENTS = 100
const DOCS = 20
const RATE = 10
const DURATION_MS = Number(process.env.HUDDLE_BENCH_SECONDS ?? 20) * 1000

type ServerRun = {
  readonly server: string
  readonly fanoutP50: number
  readonly fanoutP99: number
  readonly ackP50: number | null
  readonly ackP99: number | null
  readonly sent: number
  readonly delivered: string
  readonly cpuSeconds: number
  readonly peakRssMiB: number
  readonly durablePerSecond: number | null
}


async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address ? address.port : 0
}

async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as T
}

/** Users, inboxes, members, routing and one conversation per inbox, through the HTTP API. */
async function seedHuddle(base: string, adminToken: string): Promise<LoadClientSpec[]> {
  const tokens: string[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const user = await api<{ token: string }>(base, adminToken, 'POST', '/api/v1/users', { id: `u${i}`, name: `User ${i}`, licences: ['sms'] })
    tokens.push(user.token)
  }
  const specs: LoadClientSpec[] = []
  for (let d = 0; d < DOCS; d++) {
    const inbox = await api<{ id: string }>(base, adminToken, 'POST', '/api/v1/inboxes', { name: `Bench ${d}` })
    const members = Array.from({ length: CLIENTS / DOCS }, (_, k) => `u${d * (CLIENTS / DOCS) + k}`)
    await api(base, adminToken, 'POST', `/api/v1/inboxes/${inbox.id}/members`, { add: members, remove: [] })
    const address = `+1555${String(d).padStart(6, '0')}`
    await api(base, adminToken, 'POST', '/api/v1/routing/rules', { address, toInbox: inbox.id })
    const inbound = await api<{ conversation: string }>(base, adminToken, 'POST', '/api/v1/inbound', { channel: 'sms', from: '+15555550001', to: address, body: 'Hi' })
    for (const user of members) specs.push({ user, token: tokens[Number(user.slice(1))]!, docName: `inbox/${inbox.id}`, conversation: inbound.conversation })
  }
  return specs
}

/** The same structure on the stock server: one conversation entry per document, created by a setup client. */
async function seedStock(url: string): Promise<LoadClientSpec[]> {
  const specs: LoadClientSpec[] = []
  for (let d = 0; d < DOCS; d++) {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(url, `inbox/bench-${d}`, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    new InboxDoc(doc).addConversation({
      id: 'c-1', channel: 'sms', contact: '+15555550001', contactName: null, address: '+1555', createdAt: 0, linkedTo: null,
      lastMessageAt: 0, lastInboundAt: 0, lastInboundId: null, preview: 'Hi',
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    provider.destroy()
    doc.destroy()
    for (let k = 0; k < CLIENTS / DOCS; k++) specs.push({ user: `u${d * (CLIENTS / DOCS) + k}`, docName: `inbox/bench-${d}`, conversation: 'c-1' })
  }
  return specs
}

function runOf(server: string, child: ChildServer, cpuBefore: number, load: LoadResult, durablePerSecond: number | null): ServerRun {
  return {
    server,
    fanoutP50: percentile(load.fanoutMs, 50),
    fanoutP99: percentile(load.fanoutMs, 99),
    ackP50: load.ackMs.length > 0 ? percentile(load.ackMs, 50) : null,
    ackP99: load.ackMs.length > 0 ? percentile(load.ackMs, 99) : null,
    sent: load.sent,
    delivered: `${load.deliveries}/${load.expectedDeliveries}`,
    cpuSeconds: child.cpuSeconds() - cpuBefore,
    peakRssMiB: child.peakRssMiB(),
    durablePerSecond,
  }
}

async function benchHuddle(): Promise<ServerRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'huddle-bench-'))
  const adminToken = `hud_${randomBytes(32).toString('base64url')}`
  const child = await startChild('node', ['dist/cli/main.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir], { HUDDLE_ADMIN_TOKEN: adminToken }, /Listening on http:\/\/[^:\s]+:(\d+)/)
  try {
    const base = `http://127.0.0.1:${child.port}`
    const specs = await seedHuddle(base, adminToken)
    const cpuBefore = child.cpuSeconds()
    const load = await runSyncLoad(`ws://127.0.0.1:${child.port}/sync`, specs, { isHuddle: true, ratePerSecond: RATE, durationMs: DURATION_MS })
    const run = runOf('huddle (auth, validation, fsync)', child, cpuBefore, load, null)
    const durable = await runThroughput(`ws://127.0.0.1:${child.port}/sync`, specs, 200)
    return { ...run, durablePerSecond: durable }
  } finally {
    await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function benchStock(isPersisted: boolean): Promise<ServerRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ystock-bench-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { HOST: '127.0.0.1', PORT: String(port), ...(isPersisted ? { YPERSISTENCE: dataDir } : {}) }
  const child = await startChild('node', ['node_modules/@y/websocket-server/src/server.js'], env, /running at .* on port (\d+)/)
  try {
    const url = `ws://127.0.0.1:${port}`
    const specs = await seedStock(url)
    const cpuBefore = child.cpuSeconds()
    const load = await runSyncLoad(url, specs, { isHuddle: false, ratePerSecond: RATE, durationMs: DURATION_MS })
    return runOf(`stock y-websocket${isPersisted ? ' + y-leveldb' : ''}`, child, cpuBefore, load, null)
  } finally {
    await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

const SUITE = 'server'
const ROUNDS = Number(process.env.HUDDLE_BENCH_ROUNDS ?? 3)

/** One figure over the rounds: its median is the median of the per-round values. */
function overRounds(name: string, unit: string, values: readonly number[], extra: Partial<Figure> = {}): Figure {
  return { suite: SUITE, name, unit, ...summarise(values), ...extra }
}

function figuresOf(runs: readonly ServerRun[], label: string): Figure[] {
  const of = (pick: (run: ServerRun) => number | null): number[] => runs.map(pick).filter((v): v is number => v !== null)
  const detail = { server: runs[0]!.server, delivered: runs.map((r) => r.delivered) }
  const acks = of((r) => r.ackP99)
  const durable = of((r) => r.durablePerSecond)
  return [
    overRounds(`fan-out p50 (${label})`, 'ms', of((r) => r.fanoutP50), { detail }),
    overRounds(`fan-out p99 (${label})`, 'ms', of((r) => r.fanoutP99)),
    ...(acks.length === 0 ? [] : [overRounds(`ack p50 (${label})`, 'ms', of((r) => r.ackP50)), overRounds(`ack p99 (${label})`, 'ms', acks, { goal: 20 })]),
    ...(durable.length === 0 ? [] : [overRounds(`durable updates/s, burst (${label})`, '/s', durable, { goal: 10_000, isHigherBetter: true })]),
    overRounds(`server CPU during load (${label})`, 's', of((r) => r.cpuSeconds)),
    overRounds(`server peak RSS (${label})`, 'MiB', of((r) => r.peakRssMiB)),
  ]
}

/**
 * Runs the three servers in turn, round after round, so that whatever else
 * the machine is doing falls on all of them alike; reports medians over the
 * rounds and per-round ratios.
 */
export const serverSuite: Suite = {
  name: SUITE,
  run: async (log) => {
    log(`${CLIENTS} clients on ${DOCS} documents, ${RATE} updates/s each for ${DURATION_MS / 1000} s, per server, ${ROUNDS} round(s)`)
    const huddle: ServerRun[] = []
    const stock: ServerRun[] = []
    const persisted: ServerRun[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      huddle.push(await benchHuddle())
      stock.push(await benchStock(false))
      persisted.push(await benchStock(true))
      const p99 = (runs: ServerRun[]): string => `${runs[runs.length - 1]!.fanoutP99.toFixed(1)} ms`
      log(`round ${round}: fan-out p99 huddle ${p99(huddle)}, stock ${p99(stock)}, stock + y-leveldb ${p99(persisted)}; huddle ack p99 ${huddle[huddle.length - 1]!.ackP99?.toFixed(1)} ms`)
    }
    const ratio = (a: ServerRun[], b: ServerRun[], pick: (run: ServerRun) => number): number[] => a.map((run, i) => pick(run) / pick(b[i]!))
    return [
      ...figuresOf(huddle, 'huddle'),
      ...figuresOf(stock, 'stock'),
      ...figuresOf(persisted, 'stock+leveldb'),
      overRounds('fan-out p99 ratio huddle / stock', '×', ratio(huddle, stock, (r) => r.fanoutP99), { goal: 1.2 }),
      overRounds('fan-out p99 ratio huddle / stock+leveldb', '×', ratio(huddle, persisted, (r) => r.fanoutP99)),
      overRounds('server CPU ratio huddle / stock', '×', ratio(huddle, stock, (r) => r.cpuSeconds)),
    ]
  },
}
