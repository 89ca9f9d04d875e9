/**
 * History (docs/design.md, "Where a conversation lives over its life"): an
 * inbox whose life held N conversations (default 100,000;
 * `HUDDLE_BENCH_HISTORY=1000000` for the million), shaped like the
 * issue's — 0.5 % open, 2 % archived within the retention, the rest
 * in history — against today's design where all N stay in the inbox
 * document (measured up to 100,000: beyond, it does not fit a laptop's heap).
 *
 * In memory: what one live conversation costs in the inbox document, the
 * live document's size and load time, and the move as the mover does it (the
 * next epoch rebuilt from a document holding 100,000 due conversations, and
 * their records written to a real LevelDB). Through the real parts
 * (history-served.ts): client cold and warm start, the dashboard's first
 * frame and memory, the server's memory, the Archived view's first page.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import type { HistoryRecord } from '../core/history.js'
import { InboxDoc } from '../core/inbox-doc.js'
import { nextEpochUpdate } from '../core/live-epoch.js'
import { HistoryStore } from '../server/history/history-store.js'
import { Database } from '../server/store/database.js'
import { benchEvent, conversationId } from './big-inbox.js'
import { servedFigures } from './history-served.js'
import { single, summarise, type Figure, type Suite } from './report.js'

const INBOX = 'inbox/big'
const SUITE = 'history'
/** Today's design keeps every conversation in the inbox document; beyond this it does not fit a laptop's heap. */
const TODAYS_LARGEST = 100_000

function summaryOf(i: number): Parameters<InboxDoc['addConversation']>[0] {
  return {
    id: conversationId(i), channel: 'sms', contact: `+1555${String(i).padStart(7, '0')}`, contactName: null, address: '+15550100',
    createdAt: i, linkedTo: null, lastMessageAt: i, lastInboundAt: i, lastInboundId: `m-${i}`, preview: `Question number ${i} about an order`,
  }
}

function eventsOf(i: number, isArchived: boolean): ReturnType<typeof benchEvent>[] {
  return [benchEvent(i, 0, 'claim', 'agent-1'), benchEvent(i, 1, 'unassign', 'agent-1'), benchEvent(i, 2, 'claim', 'agent-2'), ...(isArchived ? [benchEvent(i, 3, 'archive', 'agent-2')] : [])]
}

function buildDoc(from: number, to: number, isArchived: (i: number) => boolean): Y.Doc {
  const doc = new Y.Doc()
  const inbox = new InboxDoc(doc)
  doc.transact(() => {
    for (let i = from; i < to; i++) inbox.addConversation(summaryOf(i), eventsOf(i, isArchived(i)))
  })
  return doc
}

function record(i: number): HistoryRecord {
  const events = eventsOf(i, true)
  return { ...summaryOf(i), inbox: INBOX, status: 'archived', assignee: 'agent-2', archivedStamp: events[3]!.at, events }
}

/**
 * What one live conversation costs in the inbox document: its summary (an
 * entry with no events) and its 4 events, encoded, per conversation.
 */
function entryCostFigures(count: number, log: (line: string) => void): Figure[] {
  const encodedPer = (withEvents: boolean): number => {
    const doc = new Y.Doc()
    const inbox = new InboxDoc(doc)
    doc.transact(() => {
      for (let i = 0; i < count; i++) inbox.addConversation(summaryOf(i), withEvents ? eventsOf(i, true) : [])
    })
    const bytes = Y.encodeStateAsUpdate(doc).byteLength / count
    doc.destroy()
    return bytes
  }
  const summary = encodedPer(false)
  const events = encodedPer(true) - summary
  log(`a live conversation costs ${(summary + events).toFixed(0)} bytes: summary ${summary.toFixed(0)}, 4 events ${events.toFixed(0)}`)
  return [
    single(SUITE, 'a live conversation in the inbox document: summary', 'bytes', summary),
    single(SUITE, 'a live conversation in the inbox document: 4 assignment events', 'bytes', events),
  ]
}

/** Encoded size and the time to load it into a fresh document. */
function docFigures(name: string, doc: Y.Doc, log: (line: string) => void): Figure[] {
  const update = Y.encodeStateAsUpdate(doc)
  const loads: number[] = []
  for (let r = 0; r < 3; r++) {
    const started = performance.now()
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, update)
    new InboxDoc(fresh).ids()
    loads.push(performance.now() - started)
    fresh.destroy()
  }
  log(`${name}: ${(update.byteLength / 1048576).toFixed(1)} MiB, loads in ${summarise(loads).median.toFixed(0)} ms`)
  return [
    single(SUITE, `${name}: live document encoded`, 'MiB', update.byteLength / 1048576),
    { suite: SUITE, name: `${name}: live document load into a fresh Y.Doc`, unit: 'ms', ...summarise(loads) },
  ]
}

export const historySuite: Suite = {
  name: SUITE,
  async run(log) {
    const total = Number(process.env.HUDDLE_BENCH_HISTORY ?? 100_000)
    const open = Math.round(total * 0.005)
    const recent = Math.round(total * 0.02)
    const todays = Math.min(total, TODAYS_LARGEST)
    const todaysOpen = Math.round(todays * 0.005)
    const label = `${total.toLocaleString('en')} in a life`
    const todaysLabel = `today's design, ${todays.toLocaleString('en')} in a life`
    const figures: Figure[] = [...entryCostFigures(open + recent, log)]

    const today = buildDoc(0, todays, (i) => i >= todaysOpen)
    figures.push(...docFigures(todaysLabel, today, log))
    today.destroy()
    const live = buildDoc(0, open + recent, (i) => i >= open)
    figures.push(...docFigures(`history design, ${label}`, live, log))
    live.destroy()

    // The move: a live document holding `moving` due conversations besides the live ones.
    const dataDir = await mkdtemp(join(tmpdir(), 'huddle-bench-history-'))
    const db = await Database.open(dataDir)
    try {
      const history = new HistoryStore(db.records)
      const moving = Math.min(100_000, total - open - recent)
      const before = buildDoc(0, open + recent + moving, (i) => i >= open)
      const beforeBytes = Y.encodeStateAsUpdate(before).byteLength
      const due = new Set<string>()
      for (let i = open + recent; i < open + recent + moving; i++) due.add(conversationId(i))
      const t = performance.now()
      const next = nextEpochUpdate(before, (id) => !due.has(id))
      const moved: HistoryRecord[] = []
      for (let i = open + recent; i < open + recent + moving; i++) moved.push(record(i))
      await history.put(moved)
      const moveSeconds = (performance.now() - t) / 1000
      log(`move of ${moving.toLocaleString('en')}: ${(beforeBytes / 1048576).toFixed(1)} MiB → ${(next.byteLength / 1048576).toFixed(1)} MiB in ${moveSeconds.toFixed(1)} s`)
      figures.push(
        single(SUITE, `move of ${moving.toLocaleString('en')} to history: conversations moved`, 'conv/s', moving / moveSeconds, { isHigherBetter: true }),
        single(SUITE, `move of ${moving.toLocaleString('en')}: live document before`, 'MiB', beforeBytes / 1048576),
        single(SUITE, `move of ${moving.toLocaleString('en')}: live document after (next epoch)`, 'MiB', next.byteLength / 1048576),
      )
      before.destroy()
    } finally {
      await db.close()
      await rm(dataDir, { recursive: true, force: true })
    }

    // Through the real server and client: the history design at `total`, today's at up to 100,000.
    figures.push(...(await servedFigures(`history design, ${label}`, { total, open, liveArchived: recent }, log)))
    figures.push(...(await servedFigures(todaysLabel, { total: todays, open: todaysOpen, liveArchived: todays - todaysOpen }, log)))
    return figures
  },
}
