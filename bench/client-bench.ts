/**
 * Client benchmarks, against a sync server in its own process holding one
 * inbox of 10,000 conversations (this file, run as `serve`):
 *
 *   cold start     a client with an empty replica: open, connect, receive the
 *                  inbox, until its four view counts are correct (goal < 1 s)
 *   warm start     the same with the replica on disk from an earlier run
 *                  (goal < 200 ms): answered by the replica's view cache; also
 *                  the time until the inbox document itself is loaded, and
 *                  until the client is back in sync
 *   reconnect      1,000 actions made offline, then connecting: the time until
 *                  the server has acknowledged every one (goal < 2 s)
 *
 * Run with the others by `npm run bench`, or alone:
 * `npm run build && node dist/bench/client-bench.js`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { AssignmentEvent } from '../core/assignment-event.js'
import type { ViewCounts } from '../core/views.js'
import { HuddleClient } from '../cli/client/huddle-client.js'
import { LevelReplicaStore } from '../cli/client/level-replica-store.js'
import { benchEvent, benchToken, BIG_CONVERSATIONS, BIG_INBOX, bigInboxDirectory, conversationId, serveBigInbox, VIEWER } from './big-inbox.js'
import { startChild } from './child-server.js'
import { summarise, type Figure, type Suite } from './report.js'

const SUITE = 'client'
const CONVERSATIONS = BIG_CONVERSATIONS
const OFFLINE_ACTIONS = 1_000
const COLD_RUNS = 5
const WARM_RUNS = 7
const RECONNECT_RUNS = 3
const AGENTS = [VIEWER, 'agent-1', 'agent-2', 'agent-3'] as const
const INBOX = BIG_INBOX

/** Conversation i's events: a fixed mix of unassigned, mine, others', archived and taken-over ones. */
function eventsOf(i: number): AssignmentEvent[] {
  const other = AGENTS[1 + (i % 3)]!
  const event = (n: number, kind: AssignmentEvent['kind'], actor: string): AssignmentEvent => benchEvent(i, n, kind, actor)
  switch (i % 6) {
    case 2:
      return [event(1, 'claim', VIEWER)]
    case 3:
      return [event(1, 'claim', other)]
    case 4:
      return [event(1, 'claim', other), event(2, 'archive', other)]
    case 5:
      return [event(1, 'claim', VIEWER), event(2, 'takeover', other)]
    default:
      return []
  }
}

/** The view counts the viewer must see once the inbox is in. */
function expectedCounts(): ViewCounts {
  const counts: ViewCounts = { mine: 0, others: 0, unassigned: 0, archived: 0, snoozed: 0 }
  for (let i = 0; i < CONVERSATIONS; i++) counts[(['unassigned', 'unassigned', 'mine', 'others', 'archived', 'others'] as const)[i % 6]!]++
  return counts
}

async function openClient(port: number, folder: string, connect: boolean): Promise<HuddleClient> {
  const server = `http://127.0.0.1:${port}`
  return HuddleClient.open({
    server,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    token: benchToken(VIEWER),
    store: await LevelReplicaStore.open(folder),
    connect,
    maxBackoffMs: 200,
  })
}

const sameCounts = (a: ViewCounts, b: ViewCounts): boolean => a.mine === b.mine && a.others === b.others && a.unassigned === b.unassigned && a.archived === b.archived

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = performance.now()
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`The client bench timed out waiting until ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

function figure(name: string, samples: readonly number[], goal?: number, detail?: Readonly<Record<string, unknown>>): Figure {
  return { suite: SUITE, name, unit: 'ms', ...summarise(samples), ...(goal === undefined ? {} : { goal }), ...(detail ? { detail } : {}) }
}

export async function clientBench(log: (line: string) => void): Promise<Figure[]> {
  const base = await mkdtemp(join(tmpdir(), 'huddle-client-bench-'))
  const child = await startChild(process.execPath, [fileURLToPath(import.meta.url), 'serve', join(base, 'server')], {}, /listening on port (\d+)/)
  try {
    const expected = expectedCounts()
    log(`server holds ${CONVERSATIONS.toLocaleString('en')} conversations; the viewer must see ${JSON.stringify(expected)}`)

    // Cold start: an empty replica each time.
    const cold: number[] = []
    for (let run = 0; run < COLD_RUNS; run++) {
      const folder = join(base, `cold-${run}`)
      const started = performance.now()
      const client = await openClient(child.port, folder, true)
      await until(() => sameCounts(client.counts(INBOX), expected), 20_000, 'the cold client’s counts are right')
      cold.push(performance.now() - started)
      await client.close()
    }
    log(`cold start: ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms`)

    // Warm start: the replica written by the last cold run.
    const warmFolder = join(base, `cold-${COLD_RUNS - 1}`)
    const warm: number[] = []
    const warmLoaded: number[] = []
    const warmOnline: number[] = []
    for (let run = 0; run < WARM_RUNS; run++) {
      const started = performance.now()
      const client = await openClient(child.port, warmFolder, true)
      await until(() => sameCounts(client.counts(INBOX), expected), 20_000, 'the warm client’s counts are right')
      warm.push(performance.now() - started)
      await client.ready()
      warmLoaded.push(performance.now() - started)
      await client.settle(20_000)
      warmOnline.push(performance.now() - started)
      await client.close()
    }
    log(`warm start: ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms (from the view cache); inbox document loaded after ${warmLoaded.map((ms) => ms.toFixed(0)).join(', ')} ms; in sync after ${warmOnline.map((ms) => ms.toFixed(0)).join(', ')} ms`)

    // Reconnect: 1,000 actions offline (claim then archive 500 unassigned conversations), then connect.
    const reconnect: number[] = []
    const unassigned = Array.from({ length: CONVERSATIONS }, (_, i) => i).filter((i) => i % 6 < 2)
    for (let run = 0; run < RECONNECT_RUNS; run++) {
      const client = await openClient(child.port, warmFolder, false)
      const ids = unassigned.slice(run * (OFFLINE_ACTIONS / 2), (run + 1) * (OFFLINE_ACTIONS / 2)).map(conversationId)
      const actedAt = performance.now()
      for (const id of ids) await client.claim(id)
      for (const id of ids) await client.archive(id)
      const actingMs = performance.now() - actedAt
      if (client.pendingCount() !== OFFLINE_ACTIONS) throw new Error(`Expected ${OFFLINE_ACTIONS} actions waiting, found ${client.pendingCount()}.`)
      const started = performance.now()
      client.connect()
      await until(() => client.pendingCount() === 0, 30_000, 'every offline action is acknowledged')
      reconnect.push(performance.now() - started)
      log(`reconnect run ${run + 1}: ${OFFLINE_ACTIONS} actions made offline in ${actingMs.toFixed(0)} ms, all acknowledged ${reconnect.at(-1)!.toFixed(0)} ms after connecting`)
      await client.close()
    }

    return [
      figure('cold start to correct view counts (10k conversations)', cold, 1000),
      figure('warm start to correct view counts (10k conversations)', warm, 200),
      figure('warm start until the inbox document is loaded', warmLoaded),
      figure('warm start until back in sync', warmOnline),
      figure('reconnect: 1,000 offline actions until all acknowledged', reconnect, 2000),
    ]
  } finally {
    await child.stop()
    await rm(base, { recursive: true, force: true })
  }
}

/** The client suite for bench/run.ts. */
export const clientSuite: Suite = { name: SUITE, run: clientBench }

// Run directly: `serve <dataDir>` is the child server; no argument runs the suite and prints its figures.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, dataDir] = process.argv.slice(2)
  if (mode === 'serve' && dataDir) await serveBigInbox(dataDir, { directory: bigInboxDirectory(AGENTS), eventsOf }, 'Bench sync server')
  else {
    const { formatTable } = await import('./report.js')
    const figures = await clientBench((line) => console.error(`  ${line}`))
    console.log(formatTable(figures))
  }
}
