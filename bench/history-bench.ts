/**
 * History (docs/design.md, "Where a conversation lives over its life"): an
 * inbox whose life held N conversations (default 100,000;
 * `HUDDLE_BENCH_HISTORY=1000000` for the million), shaped like the
 * issue's — 0.5 % open, 2 % archived within the retention, the rest
 * in history — against today's design where all N stay in the inbox
 * document (measured up to 100,000: beyond, it does not fit a laptop's heap).
 *
 * Built straight into the stores: the live document with InboxDoc, history
 * records in a real LevelDB through HistoryStore, in batches of 5,000.
 * The move is measured as the mover does it: the next epoch rebuilt from a
 * document holding the due conversations, and their records written.
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
import { single, summarise, type Figure, type Suite } from './report.js'

const INBOX = 'inbox/big'
const SUITE = 'history'

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
    const figures: Figure[] = []
    const label = `${total.toLocaleString('en')} in a life`

    if (total <= 100_000) {
      const today = buildDoc(0, total, (i) => i >= open)
      figures.push(...docFigures(`today's design, ${label}`, today, log))
      today.destroy()
    }
    const live = buildDoc(0, open + recent, (i) => i >= open)
    figures.push(...docFigures(`history design, ${label}`, live, log))
    live.destroy()

    const dataDir = await mkdtemp(join(tmpdir(), 'huddle-bench-history-'))
    const db = await Database.open(dataDir)
    try {
      const history = new HistoryStore(db.records)
      const started = performance.now()
      for (let from = open + recent; from < total; from += 5000) {
        const batch: HistoryRecord[] = []
        for (let i = from; i < Math.min(total, from + 5000); i++) batch.push(record(i))
        await history.put(batch)
      }
      const seconds = (performance.now() - started) / 1000
      const stored = total - open - recent
      log(`history store: ${stored.toLocaleString('en')} records in ${seconds.toFixed(1)} s`)
      figures.push(single(SUITE, `history design, ${label}: history records built`, 'records/s', stored / seconds, { isHigherBetter: true }))
      const pages: number[] = []
      for (let r = 0; r < 20; r++) {
        const t = performance.now()
        await history.page(INBOX, null, 50)
        pages.push(performance.now() - t)
      }
      figures.push({ suite: SUITE, name: `history design, ${label}: first Archived page (50) from history`, unit: 'ms', ...summarise(pages), goal: 300 })

      // The move: a live document holding `moving` due conversations besides the live ones.
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
    return figures
  },
}
