/**
 * Auto-assignment: 1,000 conversations arriving over 50 online agents
 * (round robin, capacity 20, so all of them fit). Measures the pure decision
 * (decisions/s over the whole backlog, as when the setting is turned on) and,
 * through a real server, the time from a customer message's arrival to its
 * assignee's client seeing the `auto-assign` event (p50, p99).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { decideAutoAssignments, type Candidate, type Wait } from '../core/auto-assign.js'
import { INBOX_ROOT } from '../core/inbox-doc.js'
import { readEvent } from '../core/inbox-layout.js'
import { HUDDLE_VERSION, MESSAGE } from '../core/wire.js'
import { startServer } from '../server/start.js'
import { percentile, summarise, type Figure, type Suite } from './report.js'

const SUITE = 'auto-assign'
const CONVERSATIONS = 1000
const AGENTS = 50
const CAPACITY = CONVERSATIONS / AGENTS
const ADMIN = 'hud_bench-auto-assign-admin'
const ADDRESS = '+15550100'
const DECISION_ROUNDS = 20

function decisionFigures(): Figure[] {
  const waiting: Wait[] = Array.from({ length: CONVERSATIONS }, (_, i) => ({ conversation: `c-${i}`, since: i, arrival: `c-${i}` }))
  const candidates: Candidate[] = Array.from({ length: AGENTS }, (_, i) => ({ user: `u${i}`, availability: 'available', online: true, open: 0 }))
  const rates: number[] = []
  for (let round = 0; round < DECISION_ROUNDS; round++) {
    const started = performance.now()
    const decided = decideAutoAssignments({ setting: { mode: 'round-robin', capacity: CAPACITY }, waiting, candidates, lastAssigned: new Map() })
    const ms = performance.now() - started
    if (decided.length !== CONVERSATIONS) throw new Error(`expected ${CONVERSATIONS} decisions, got ${decided.length}`)
    rates.push(CONVERSATIONS / (ms / 1000))
  }
  return [{ suite: SUITE, name: `decisions/s (${CONVERSATIONS} waiting, ${AGENTS} agents, one pass)`, unit: '/s', ...summarise(rates), isHigherBetter: true }]
}

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as T
}

/** An agent's socket on the inbox: online for the server, and calls `onAssigned` for each automatic assignment to them it sees. */
function agentClient(port: number, user: string, token: string, onAssigned: (conversation: string) => void): { provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, 'inbox/sales', doc, { params: { token, client: HUDDLE_VERSION }, WebSocketPolyfill: WebSocket as never, disableBc: true })
  provider.messageHandlers[MESSAGE.hello] = () => {}
  provider.messageHandlers[MESSAGE.ack] = () => {}
  doc.getMap(INBOX_ROOT).observeDeep((events) => {
    for (const event of events) {
      if (!(event.target instanceof Y.Array)) continue
      const conversation = String(event.path[0])
      for (const item of event.changes.added) for (const value of item.content.getContent()) {
        const read = readEvent(value)
        if (read?.kind === 'auto-assign' && read.to === user) onAssigned(conversation)
      }
    }
  })
  return { provider, synced: new Promise((resolve) => provider.once('sync', () => resolve())) }
}

async function endToEnd(log: (line: string) => void): Promise<Figure[]> {
  const folder = await mkdtemp(join(tmpdir(), 'huddle-bench-auto-assign-'))
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: folder, adminToken: ADMIN })
  const providers: WebsocketProvider[] = []
  try {
    const users = Array.from({ length: AGENTS }, (_, i) => `u${i}`)
    const tokens: string[] = []
    for (const id of users) tokens.push((await api<{ token: string }>(server.url, 'POST', '/users', { id, name: id, licences: ['sms'] })).token)
    await api(server.url, 'POST', '/inboxes', { name: 'Sales' })
    await api(server.url, 'POST', '/inboxes/sales/members', { add: users, remove: [] })
    await api(server.url, 'POST', '/routing/rules', { address: ADDRESS, toInbox: 'sales' })
    await api(server.url, 'PATCH', '/inboxes/sales', { autoAssign: 'round-robin', capacity: CAPACITY })
    const arrivedAt = new Map<string, number>()
    const latencies: number[] = []
    const seen = new Set<string>()
    /** Seen before the arrival's answer named the conversation: matched once it does. */
    const early = new Map<string, number>()
    const record = (conversation: string, at: number, arrived: number): void => {
      seen.add(conversation)
      latencies.push(at - arrived)
    }
    const onAssigned = (conversation: string): void => {
      if (seen.has(conversation) || early.has(conversation)) return
      const arrived = arrivedAt.get(conversation)
      if (arrived === undefined) early.set(conversation, performance.now())
      else record(conversation, performance.now(), arrived)
    }
    const clients = users.map((user, i) => agentClient(server.port, user, tokens[i]!, onAssigned))
    providers.push(...clients.map((c) => c.provider))
    await Promise.all(clients.map((c) => c.synced))
    const online = async (): Promise<boolean> => (await api<Array<{ online: boolean }>>(server.url, 'GET', '/availability?inbox=sales')).every((e) => e.online)
    while (!(await online())) await new Promise((resolve) => setTimeout(resolve, 20))
    const started = performance.now()
    for (let i = 0; i < CONVERSATIONS; i++) {
      const sent = performance.now()
      const answer = await api<{ conversation: string }>(server.url, 'POST', '/inbound', { channel: 'sms', from: `+1555${String(i).padStart(7, '0')}`, to: ADDRESS, body: 'Hello' })
      // The arrival is when the message was sent.
      arrivedAt.set(answer.conversation, sent)
      const seenAt = early.get(answer.conversation)
      if (seenAt !== undefined) record(answer.conversation, seenAt, sent)
    }
    const deadline = performance.now() + 60_000
    while (seen.size < CONVERSATIONS && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    const totalMs = performance.now() - started
    log(`${seen.size} of ${CONVERSATIONS} seen by their assignee in ${totalMs.toFixed(0)} ms; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`)
    return [
      {
        suite: SUITE,
        name: `arrival → assignee sees it (${CONVERSATIONS} over ${AGENTS} agents), p50`,
        unit: 'ms',
        ...summarise(latencies),
        detail: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), seen: seen.size, totalMs, assignedPerSecond: seen.size / (totalMs / 1000) },
      },
      { suite: SUITE, name: `arrival → assignee sees it, p99`, unit: 'ms', ...summarise([percentile(latencies, 99)]) },
    ]
  } finally {
    for (const provider of providers) provider.destroy()
    await server.close()
    await rm(folder, { recursive: true, force: true })
  }
}

export const autoAssignSuite: Suite = {
  name: SUITE,
  async run(log) {
    return [...decisionFigures(), ...(await endToEnd(log))]
  },
}
