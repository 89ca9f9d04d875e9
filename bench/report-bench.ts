/**
 * Report benchmark: an inbox with 100,000 conversations in its life (400
 * days of them, 250 a day), kept 7 days once archived, so nearly all are in
 * history; its SLA policy counts business hours in London. Written straight
 * into a real server's LevelDB, then served in this process:
 *
 *   server compute   `GET /api/v1/reports` over the last 30 days (about 7,500
 *                    conversations, most of them history records), p50 over
 *                    repeated requests once the inbox document is loaded; the
 *                    first request, which loads it, apart
 *   screen           the reports screen's first frame: R pressed in a real
 *                    dashboard (120×40, in memory) on a connected client, until
 *                    the frame shows the last 7 days' figures; then t until it
 *                    shows the last 30 days'
 *
 * Run with the others by `npm run bench`, or alone: `npm run build && node dist/bench/run.js report`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import type { AssignmentEvent } from '../core/assignment-event.js'
import { formatHlc } from '../core/hlc.js'
import type { HistoryRecord } from '../core/history.js'
import { InboxDoc, type ConversationSummary } from '../core/inbox-doc.js'
import { readReport } from '../core/http-contract/report-contract.js'
import { seededRandom } from '../core/seeded-random.js'
import { HuddleClient } from '../cli/client/huddle-client.js'
import { LevelReplicaStore } from '../cli/client/level-replica-store.js'
import { HistoryStore } from '../server/history/history-store.js'
import { startServer } from '../server/start.js'
import { Database } from '../server/store/database.js'
import { loadDashboard, mount } from './dashboard-bench.js'
import { single, summarise, type Figure, type Suite } from './report.js'

const SUITE = 'report'
const INBOX = 'inbox/big'
const ADMIN_TOKEN = 'bench-report-admin-token'
const AGENTS = ['viewer', 'agent-1', 'agent-2'] as const
const TOTAL = 100_000
const LIFE_DAYS = 400
const KEEP_ARCHIVED_DAYS = 7
const OPEN_DAYS = 2
const RUNS = 15
const SCREEN_RUNS = 5
const BATCH = 5000
const MINUTE = 60_000
const DAY_MS = 24 * 60 * MINUTE

type Planned = { readonly summary: ConversationSummary; readonly events: AssignmentEvent[]; readonly archivedAt: number | null; readonly assignee: string }

/** Conversation i: arrives in the day's busy hours, is answered within minutes to hours, archived within three days unless recent. */
function plan(i: number, now: number, random: () => number): Planned {
  const day = Math.floor((i * LIFE_DAYS) / TOTAL)
  // Arrivals peak in the working day: hours 7–20 UTC, most around midday.
  const hour = 7 + Math.floor((random() + random() + random()) * 4.6)
  // Days counted back from today's midnight (UTC), the last of them yesterday.
  const createdAt = Math.floor(now / DAY_MS) * DAY_MS - (LIFE_DAYS - day) * DAY_MS + hour * 60 * MINUTE + Math.floor(random() * 60) * MINUTE
  const replyAt = createdAt + (2 + Math.floor(random() * random() * 600)) * MINUTE
  const archivedAt = createdAt + (1 + Math.floor(random() * 72)) * 60 * MINUTE
  const isOpen = createdAt > now - OPEN_DAYS * DAY_MS || archivedAt >= now
  const assignee = AGENTS[1 + (i % 2)]!
  const event = (n: number, kind: AssignmentEvent['kind'], at: number): AssignmentEvent => ({ id: `e-${i}-${n}`, kind, actor: assignee, at: formatHlc({ ms: at, counter: 0 }), saw: null })
  const events = [event(0, 'claim', createdAt + MINUTE), ...(isOpen ? [] : [event(1, 'archive', archivedAt)])]
  const summary: ConversationSummary = {
    id: `c-${String(i).padStart(6, '0')}`,
    channel: 'sms',
    contact: `+1555${String(i).padStart(7, '0')}`,
    contactName: null,
    address: '+15550100',
    createdAt,
    linkedTo: null,
    lastMessageAt: Math.min(replyAt, now),
    lastInboundAt: createdAt,
    lastInboundId: `m-${i}`,
    preview: `Question number ${i} about an order`,
    responses: replyAt < now ? [replyAt, replyAt, null] : null,
  }
  return { summary, events, archivedAt: isOpen ? null : archivedAt, assignee }
}

async function api(url: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const answer: unknown = await response.json()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`)
  return answer
}

/** The organisation through the API, then the inbox written straight into the stores; answers the viewer's token. */
async function prepare(dataDir: string, now: number, log: (line: string) => void): Promise<string> {
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, adminToken: ADMIN_TOKEN })
  let viewerToken = ''
  try {
    for (const id of AGENTS) {
      const user = (await api(server.url, ADMIN_TOKEN, 'POST', '/users', { id, name: id, licences: ['sms'] })) as { token: string }
      if (id === 'viewer') viewerToken = user.token
    }
    await api(server.url, ADMIN_TOKEN, 'POST', '/inboxes', { name: 'Big' })
    await api(server.url, ADMIN_TOKEN, 'POST', '/inboxes/big/members', { add: [...AGENTS], remove: [] })
    await api(server.url, ADMIN_TOKEN, 'PATCH', '/inboxes/big', { keepArchivedDays: KEEP_ARCHIVED_DAYS })
    await api(server.url, ADMIN_TOKEN, 'PUT', '/inboxes/big/sla', { firstResponseMs: 60 * MINUTE, resolutionMs: 2 * DAY_MS, warnBeforeMs: 0, businessHours: 'Mon-Fri 09:00-17:00@Europe/London' })
  } finally {
    await server.close()
  }
  const started = performance.now()
  const random = seededRandom(15)
  const live: Planned[] = []
  const history: HistoryRecord[] = []
  for (let i = 0; i < TOTAL; i++) {
    const planned = plan(i, now, random)
    if (planned.archivedAt === null || planned.archivedAt > now - KEEP_ARCHIVED_DAYS * DAY_MS) live.push(planned)
    else history.push({ ...planned.summary, inbox: INBOX, status: 'archived', assignee: planned.assignee, archivedStamp: planned.events.at(-1)!.at, events: planned.events })
  }
  const db = await Database.open(dataDir)
  try {
    const doc = new Y.Doc()
    const inbox = new InboxDoc(doc)
    doc.transact(() => {
      inbox.markEpoch(1)
      for (const p of live) inbox.addConversation(p.summary, p.events)
    })
    await db.documents.append(INBOX, Y.encodeStateAsUpdate(doc))
    doc.destroy()
    const store = new HistoryStore(db.records)
    for (let from = 0; from < history.length; from += BATCH) await store.put(history.slice(from, from + BATCH))
  } finally {
    await db.close()
  }
  log(`stores written in ${((performance.now() - started) / 1000).toFixed(1)} s: ${live.length.toLocaleString('en')} live, ${history.length.toLocaleString('en')} in history`)
  return viewerToken
}

async function timedReport(url: string, token: string): Promise<{ ms: number; received: number }> {
  const started = performance.now()
  const report = readReport(await api(url, token, 'GET', '/reports?inbox=Big&since=30d&by=day'))
  return { ms: performance.now() - started, received: report.totals.received }
}

type ScreenTimes = { readonly opened: number[]; readonly switched: number[]; readonly screen: string }

/**
 * On a dashboard already showing the inbox: R pressed until the reports
 * screen shows the last 7 days' figures, then t until it shows the last 30
 * days'; answers each run's times and the last screen.
 */
async function screenFrames(url: string, token: string, folder: string): Promise<ScreenTimes> {
  const loaded = await loadDashboard()
  const client = await HuddleClient.open({ server: url, syncUrl: `${url.replace(/^http/, 'ws')}/sync`, token, store: await LevelReplicaStore.open(folder), maxBackoffMs: 200 })
  const m = mount(loaded, client)
  const opened: number[] = []
  const switched: number[] = []
  const shows = (days: number): boolean => m.terminal.text().includes(`last ${days} days`) && /Received \d+ /.test(m.terminal.text())
  try {
    await m.terminal.until(() => /Big · /.test(m.terminal.text()), 120_000, 'the inbox is shown')
    await client.settle(60_000)
    for (let run = 0; run < SCREEN_RUNS; run++) {
      let started = performance.now()
      m.keyboard.press('R')
      await m.terminal.until(() => shows(7), 60_000, 'the reports screen shows the last 7 days')
      opened.push(m.terminal.lastWriteAt - started)
      started = performance.now()
      m.keyboard.press('t')
      await m.terminal.until(() => shows(30), 60_000, 'the reports screen shows the last 30 days')
      switched.push(m.terminal.lastWriteAt - started)
      if (run === SCREEN_RUNS - 1) break
      m.keyboard.press('\u001B')
      await m.terminal.until(() => !m.terminal.text().includes('Reports ·'), 10_000, 'back to the list')
    }
    return { opened, switched, screen: m.terminal.text() }
  } finally {
    m.instance.unmount()
    await client.close()
  }
}

export async function reportBench(log: (line: string) => void): Promise<Figure[]> {
  const base = await mkdtemp(join(tmpdir(), 'huddle-bench-report-'))
  const dataDir = join(base, 'server')
  const now = Date.now()
  try {
    const token = await prepare(dataDir, now, log)
    const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, adminToken: ADMIN_TOKEN })
    try {
      const first = await timedReport(server.url, token)
      const runs: number[] = []
      for (let run = 0; run < RUNS; run++) runs.push((await timedReport(server.url, token)).ms)
      log(`30 days, ${first.received.toLocaleString('en')} received: first request ${first.ms.toFixed(0)} ms (loads the inbox document); then ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`)
      const screen = await screenFrames(server.url, token, join(base, 'dashboard'))
      log(`reports screen: R until the last 7 days are drawn ${screen.opened.map((ms) => ms.toFixed(0)).join(', ')} ms; t until the last 30 days are ${screen.switched.map((ms) => ms.toFixed(0)).join(', ')} ms`)
      log(`the screen:\n${screen.screen}`)
      return [
        { suite: SUITE, name: 'report over 30 days, 100k in the inbox’s life (server, over HTTP)', unit: 'ms', ...summarise(runs), detail: { received: first.received, total: TOTAL } },
        single(SUITE, 'report over 30 days: first request, loading the inbox document', 'ms', first.ms),
        { suite: SUITE, name: 'reports screen first frame: R until the last 7 days are drawn (120×40)', unit: 'ms', ...summarise(screen.opened) },
        { suite: SUITE, name: 'reports screen: t until the last 30 days are drawn (120×40)', unit: 'ms', ...summarise(screen.switched) },
      ]
    } finally {
      await server.close()
    }
  } finally {
    await rm(base, { recursive: true, force: true })
  }
}

/** The report suite for bench/run.ts. */
export const reportSuite: Suite = { name: SUITE, run: reportBench }
