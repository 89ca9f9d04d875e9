/**
 * One cold start against a served inbox, for profiling: the history bench's
 * inbox (history-served.ts) with `HUDDLE_COLD_LIVE` live conversations
 * (default 25,000: a fifth open, the rest archived within the retention) and a
 * few in history, served by `huddle serve` in its own process; then one
 * client with an empty replica, one warm start on that replica, and one
 * dashboard, each in its own process, timed by phase and sampled for memory.
 *
 *   npm run build && node dist/bench/cold-start.js
 *
 * `HUDDLE_PROFILE=cpu` (or `heap`) runs the server, the clients and the
 * dashboard under node's `--cpu-prof` (`--heap-prof`), writing the profiles
 * to `HUDDLE_PROFILE_DIR` (default ./profiles).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { HuddleClient } from '../cli/client/huddle-client.js'
import { LevelReplicaStore } from '../cli/client/level-replica-store.js'
import type { ViewCounts } from '../core/views.js'
import { startChild } from './child-server.js'
import { runSession } from './dashboard-bench.js'
import { expectedCounts, prepareServed, type ServedShape } from './history-served.js'

const INBOX = 'inbox/big'
const HERE = fileURLToPath(import.meta.url)
const CLI_MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url))
const IN_HISTORY = 1000

/** What one client start measured: milliseconds from its start to each phase, and its peak memory. */
type ClientPhases = {
  readonly opened: number
  readonly counts: number
  readonly settled: number
  readonly closed: number
  readonly peakRssMiB: number
  readonly peakHeapMiB: number
}

function profileArgs(name: string): string[] {
  const kind = process.env.HUDDLE_PROFILE
  const dir = resolve(process.env.HUDDLE_PROFILE_DIR ?? 'profiles')
  if (kind === 'cpu') return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`]
  if (kind === 'heap') return ['--heap-prof', `--heap-prof-dir=${dir}`, `--heap-prof-name=${name}.heapprofile`]
  return []
}

const sameCounts = (a: ViewCounts, b: ViewCounts): boolean => a.mine === b.mine && a.others === b.others && a.unassigned === b.unassigned && a.archived === b.archived

/** The `client` mode: one start on `folder`, printed as one JSON line. */
async function clientStart(port: number, token: string, folder: string, expected: ViewCounts): Promise<void> {
  let peakRss = 0
  let peakHeap = 0
  const sample = (): void => {
    const usage = process.memoryUsage()
    peakRss = Math.max(peakRss, usage.rss)
    peakHeap = Math.max(peakHeap, usage.heapUsed)
  }
  const sampler = setInterval(sample, 5)
  const started = performance.now()
  const client = await HuddleClient.open({
    server: `http://127.0.0.1:${port}`,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    token,
    store: await LevelReplicaStore.open(folder),
    maxBackoffMs: 200,
  })
  const opened = performance.now() - started
  while (!sameCounts(client.counts(INBOX), expected)) await new Promise((resolve) => setTimeout(resolve, 1))
  const counts = performance.now() - started
  await client.settle(120_000)
  const settled = performance.now() - started
  await client.close()
  const closed = performance.now() - started
  clearInterval(sampler)
  sample()
  const phases: ClientPhases = { opened, counts, settled, closed, peakRssMiB: peakRss / 1048576, peakHeapMiB: peakHeap / 1048576 }
  console.log(JSON.stringify(phases))
}

function runClient(name: string, port: number, token: string, folder: string, expected: ViewCounts): Promise<ClientPhases> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...profileArgs(name), HERE, 'client', String(port), token, folder, JSON.stringify(expected)], (error, stdout, stderr) => {
      if (error) return reject(new Error(`The cold-start client failed: ${stderr || error.message}`))
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientPhases)
    })
  })
}

const describe = (p: ClientPhases): string =>
  `open ${p.opened.toFixed(0)} ms, counts ${p.counts.toFixed(0)} ms, settled ${p.settled.toFixed(0)} ms, closed ${p.closed.toFixed(0)} ms; peak RSS ${p.peakRssMiB.toFixed(0)} MiB, heap ${p.peakHeapMiB.toFixed(0)} MiB`

async function main(): Promise<void> {
  const live = Number(process.env.HUDDLE_COLD_LIVE ?? 25_000)
  const shape: ServedShape = { total: live + IN_HISTORY, open: Math.round(live / 5), liveArchived: live - Math.round(live / 5) }
  const base = await mkdtemp(join(tmpdir(), 'huddle-cold-start-'))
  const log = (line: string): void => console.error(line)
  try {
    const dataDir = join(base, 'server')
    const { token } = await prepareServed(dataDir, shape, log)
    const child = await startChild(process.execPath, [...profileArgs('server'), CLI_MAIN, 'serve', '--data', dataDir, '--port', '0'], {}, /Listening on http:\/\/127\.0\.0\.1:(\d+)/)
    try {
      const expected = expectedCounts(shape)
      log(`client cold: ${describe(await runClient('client-cold', child.port, token, join(base, 'client'), expected))}`)
      log(`server peak RSS after the first sync: ${child.peakRssMiB().toFixed(0)} MiB`)
      log(`client warm: ${describe(await runClient('client-warm', child.port, token, join(base, 'client'), expected))}`)
      const dashboard = await runSession(child.port, join(base, 'dashboard'), 'first', { token, unassigned: expected.unassigned, mine: expected.mine }, profileArgs('dashboard'))
      log(`dashboard cold: first full frame ${dashboard.firstFrameMs.toFixed(0)} ms, peak RSS ${dashboard.peakRssMiB.toFixed(0)} MiB at it, ${dashboard.syncedPeakRssMiB!.toFixed(0)} MiB once synced`)
      log(`server peak RSS: ${child.peakRssMiB().toFixed(0)} MiB`)
    } finally {
      await child.stop()
    }
  } finally {
    await rm(base, { recursive: true, force: true })
  }
}

if (process.argv[1] === HERE) {
  const [mode, ...args] = process.argv.slice(2)
  if (mode === 'client' && args.length === 4) await clientStart(Number(args[0]), args[1]!, args[2]!, JSON.parse(args[3]!) as ViewCounts)
  else await main()
}
