/**
 * One run of the sync workload against one server in its own process:
 * huddle's (seeded through its HTTP API) or the stock y-websocket server,
 * with or without its LevelDB persistence (seeded by a setup client).
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
import type { Pinning } from './cpu-pinning.js'
import { percentile } from './report.js'
import { runSyncLoad, runThroughput, type LoadClientSpec, type LoadResult } from './sync-load.js'

/** The workload: `clients` spread evenly over `docs` documents, each sending `rate` updates a second for `durationMs`. */
export type LoadShape = { readonly clients: number; readonly docs: number; readonly rate: number; readonly durationMs: number }

export type ServerKind = 'huddle' | 'stock' | 'stock+leveldb'

export type ServerRun = {
  readonly server: ServerKind
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

export async function freePort(): Promise<number> {
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
export async function seedHuddle(base: string, adminToken: string, shape: LoadShape): Promise<LoadClientSpec[]> {
  const perDoc = shape.clients / shape.docs
  const tokens: string[] = []
  for (let i = 0; i < shape.clients; i++) {
    const user = await api<{ token: string }>(base, adminToken, 'POST', '/api/v1/users', { id: `u${i}`, name: `User ${i}`, licences: ['sms'] })
    tokens.push(user.token)
  }
  const specs: LoadClientSpec[] = []
  for (let d = 0; d < shape.docs; d++) {
    const inbox = await api<{ id: string }>(base, adminToken, 'POST', '/api/v1/inboxes', { name: `Bench ${d}` })
    const members = Array.from({ length: perDoc }, (_, k) => `u${d * perDoc + k}`)
    await api(base, adminToken, 'POST', `/api/v1/inboxes/${inbox.id}/members`, { add: members, remove: [] })
    const address = `+1555${String(d).padStart(6, '0')}`
    await api(base, adminToken, 'POST', '/api/v1/routing/rules', { address, toInbox: inbox.id })
    const inbound = await api<{ conversation: string }>(base, adminToken, 'POST', '/api/v1/inbound', { channel: 'sms', from: '+15555550001', to: address, body: 'Hi' })
    for (const user of members) specs.push({ user, token: tokens[Number(user.slice(1))]!, docName: `inbox/${inbox.id}`, conversation: inbound.conversation })
  }
  return specs
}

/** The same structure on the stock server: one conversation entry per document, created by a setup client. */
async function seedStock(url: string, shape: LoadShape): Promise<LoadClientSpec[]> {
  const perDoc = shape.clients / shape.docs
  const specs: LoadClientSpec[] = []
  for (let d = 0; d < shape.docs; d++) {
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
    for (let k = 0; k < perDoc; k++) specs.push({ user: `u${d * perDoc + k}`, docName: `inbox/bench-${d}`, conversation: 'c-1' })
  }
  return specs
}

function runOf(server: ServerKind, child: ChildServer, cpuBefore: number, load: LoadResult, durablePerSecond: number | null): ServerRun {
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

/**
 * Node flags for huddle's server: `HUDDLE_BENCH_PROFILE=<folder>` writes a
 * CPU profile of every huddle server run there (open it in Chrome's DevTools).
 */
function huddleNodeFlags(): string[] {
  const folder = process.env.HUDDLE_BENCH_PROFILE
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : []
}

/** huddle's server under the load; with `burstPerClient`, then the durable rate of that many updates per client sent at once. */
export async function runHuddle(shape: LoadShape, pinning: Pinning, burstPerClient: number | null): Promise<ServerRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'huddle-bench-'))
  const adminToken = `hud_${randomBytes(32).toString('base64url')}`
  const started = pinning.wrap('node', [...huddleNodeFlags(), 'dist/cli/main.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir])
  const child = await startChild(started.command, started.args, { HUDDLE_ADMIN_TOKEN: adminToken }, /Listening on http:\/\/[^:\s]+:(\d+)/)
  try {
    const base = `http://127.0.0.1:${child.port}`
    const specs = await seedHuddle(base, adminToken, shape)
    const cpuBefore = child.cpuSeconds()
    const load = await runSyncLoad(`ws://127.0.0.1:${child.port}/sync`, specs, { isHuddle: true, ratePerSecond: shape.rate, durationMs: shape.durationMs })
    const run = runOf('huddle', child, cpuBefore, load, null)
    if (burstPerClient === null) return run
    return { ...run, durablePerSecond: await runThroughput(`ws://127.0.0.1:${child.port}/sync`, specs, burstPerClient) }
  } finally {
    await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** The stock y-websocket server under the same load, persisting to y-leveldb when `isPersisted`. */
export async function runStock(shape: LoadShape, pinning: Pinning, isPersisted: boolean): Promise<ServerRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ystock-bench-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { HOST: '127.0.0.1', PORT: String(port), ...(isPersisted ? { YPERSISTENCE: dataDir } : {}) }
  const started = pinning.wrap('node', ['node_modules/@y/websocket-server/src/server.js'])
  const child = await startChild(started.command, started.args, env, /running at .* on port (\d+)/)
  try {
    const url = `ws://127.0.0.1:${port}`
    const specs = await seedStock(url, shape)
    const cpuBefore = child.cpuSeconds()
    const load = await runSyncLoad(url, specs, { isHuddle: false, ratePerSecond: shape.rate, durationMs: shape.durationMs })
    return runOf(isPersisted ? 'stock+leveldb' : 'stock', child, cpuBefore, load, null)
  } finally {
    await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
