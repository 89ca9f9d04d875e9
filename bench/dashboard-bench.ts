/**
 * Dashboard benchmarks: the real dashboard (Ink, the frame writer) drawing
 * into a terminal in memory of 120×40, on the client library connected to a
 * sync server in its own process that holds one inbox of 10,000 conversations:
 *
 *   first frame    from opening the client to the first frame showing the
 *                  inbox's rows and counts: cold (an empty replica, the inbox
 *                  comes over the network) and warm (the replica on disk)
 *   keypress       a key pressed until the terminal has the updated frame:
 *                  moving through the list (j), switching views (1–4)
 *   remote burst   100 changes made on the server one after another: how many
 *                  frames the dashboard draws for them, the time until the
 *                  frame shows them all, and the render time those frames cost
 *   peak RSS       of this process, holding the client and the dashboard
 *
 * Run with the others by `npm run bench`, or alone: `npm run build && node dist/bench/run.js dashboard`.
 */
import { EventEmitter } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { Instance } from 'ink'
import type { AssignmentEvent } from '../core/assignment-event.js'
import { formatHlc } from '../core/hlc.js'
import { InboxDoc } from '../core/inbox-doc.js'
import { HuddleClient } from '../cli/client/huddle-client.js'
import { LevelReplicaStore } from '../cli/client/level-replica-store.js'
import { prepareDashboardProcess } from '../cli/dashboard/dashboard-process.js'
import { clientSource } from '../cli/dashboard/dashboard-source.js'
import { FrameOutput } from '../cli/dashboard/frame-output.js'
import { SeenMarks } from '../cli/dashboard/seen-marks.js'
import { themeFor } from '../cli/dashboard/theme.js'
import type { Directory } from '../core/directory.js'
import { benchEvent, benchToken, BIG_CONVERSATIONS, BIG_INBOX, bigInboxDirectory, conversationId, serveBigInbox, VIEWER } from './big-inbox.js'
import { peakRssMiBOf, startChild } from './child-server.js'
import { single, summarise, type Figure, type Suite } from './report.js'

const SUITE = 'dashboard'
const CONVERSATIONS = BIG_CONVERSATIONS
const BURST = 100
const COLD_RUNS = 3
const WARM_RUNS = 5
const MOVES = 200
const VIEW_SWITCHES = 40
const COLUMNS = 120
const ROWS = 40
const AGENTS = [VIEWER, 'agent-1', 'agent-2'] as const
const INBOX = BIG_INBOX
const token = benchToken
const directory = (): Directory => bigInboxDirectory(AGENTS, (id) => (id === VIEWER ? 'Viewer' : `Agent ${id.slice(-1)}`))

/** A mix of views: a third unassigned, a third the viewer's, the rest others' or archived. */
function eventsOf(i: number): AssignmentEvent[] {
  const event = (n: number, kind: AssignmentEvent['kind'], actor: string): AssignmentEvent => benchEvent(i, n, kind, actor)
  switch (i % 6) {
    case 2:
    case 3:
      return [event(1, 'claim', VIEWER)]
    case 4:
      return [event(1, 'claim', 'agent-2')]
    case 5:
      return [event(1, 'claim', 'agent-2'), event(2, 'archive', 'agent-2')]
    default:
      return []
  }
}

/** The bench's sync server (run in a child process), with `POST /burst`: 100 claims by agent-1, each its own change. */
async function serve(dataDir: string): Promise<void> {
  let burst = 0
  const shape = {
    directory: directory(),
    eventsOf,
    channelOf: (i: number) => (['sms', 'whatsapp', 'chat'] as const)[i % 3]!,
    contactNameOf: (i: number) => (i % 2 === 0 ? `Customer ${i}` : null),
  }
  await serveBigInbox(dataDir, shape, 'Dashboard bench server', (sync, request, response) => {
    if (request.method !== 'POST' || request.url !== '/burst') return void response.writeHead(404).end()
    void (async () => {
      const round = burst++
      const unassigned = Array.from({ length: CONVERSATIONS }, (_, i) => i).filter((i) => i % 6 < 2)
      for (let n = 0; n < BURST; n++) {
        const i = unassigned[round * BURST + n]!
        await sync.change(INBOX, (doc) =>
          new InboxDoc(doc).appendEvent(conversationId(i), { id: `burst-${round}-${n}`, kind: 'claim', actor: 'agent-1', at: formatHlc({ ms: Date.now(), counter: n }), saw: null }),
        )
      }
      response.writeHead(200).end()
    })()
  })
}

/** A terminal in memory: keeps the screen the frame writer draws, and when it last changed. */
export class MemoryTerminal {
  readonly screen: string[] = Array.from({ length: ROWS }, () => '')
  writes = 0
  lastWriteAt = 0
  private readonly waiters = new Set<{ test: () => boolean; resolve: () => void }>()
  readonly writable = true
  readonly writableLength = 0
  readonly writableEnded = false
  readonly destroyed = false

  write(data: string | Uint8Array, callback?: () => void): boolean {
    const text = String(data)
    for (const match of text.matchAll(/\u001B\[(\d+);1H\u001B\[2K([^\u001B]*(?:\u001B\[[0-9;]*m[^\u001B]*)*)/g))
      this.screen[Number(match[1]) - 1] = match[2]!.replace(/\u001B\[[0-9;]*m/g, '')
    if (text.includes('\u001B[2K')) {
      this.writes++
      this.lastWriteAt = performance.now()
    }
    for (const waiter of [...this.waiters]) if (waiter.test()) waiter.resolve()
    callback?.()
    return true
  }

  text(): string {
    return this.screen.join('\n')
  }

  until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (test()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer)
          this.waiters.delete(waiter)
          resolve()
        },
      }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        reject(new Error(`The dashboard bench timed out waiting until ${what}. Screen:\n${this.text()}`))
      }, timeoutMs)
      this.waiters.add(waiter)
    })
  }
}

/** Keys for Ink, as a terminal's input would bring them. */
export class MemoryKeyboard extends EventEmitter {
  readonly isTTY = true
  private data: string | null = null
  press(key: string): void {
    this.data = key
    this.emit('readable')
    this.emit('data', key)
  }
  read = (): string | null => {
    const data = this.data
    this.data = null
    return data
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export type Mounted = { readonly terminal: MemoryTerminal; readonly keyboard: MemoryKeyboard; readonly instance: Instance; readonly renderMs: number[] }

/** Ink, React and the dashboard, loaded in a process set up as `huddle dashboard` sets up its own. */
export async function loadDashboard() {
  prepareDashboardProcess()
  const [{ render }, { createElement }, { Dashboard }] = await Promise.all([import('ink'), import('react'), import('../cli/dashboard/components/Dashboard.js')])
  return { render, createElement, Dashboard }
}

export type Loaded = Awaited<ReturnType<typeof loadDashboard>>

export function mount({ render, createElement, Dashboard }: Loaded, client: HuddleClient): Mounted {
  const terminal = new MemoryTerminal()
  const keyboard = new MemoryKeyboard()
  const output = new FrameOutput(terminal as unknown as NodeJS.WriteStream, COLUMNS, ROWS)
  const renderMs: number[] = []
  const instance = render(
    createElement(Dashboard, { source: clientSource(client), seen: SeenMarks.inMemory(), server: 'http://127.0.0.1', theme: themeFor({}), onQuit: () => {}, columns: COLUMNS, rows: ROWS, isBackgroundSync: false }),
    {
      stdout: output as unknown as NodeJS.WriteStream,
      stdin: keyboard as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 120,
      onRender: ({ renderTime }) => renderMs.push(renderTime),
    },
  )
  return { terminal, keyboard, instance, renderMs }
}

async function openClient(port: number, folder: string, as: string): Promise<HuddleClient> {
  return HuddleClient.open({ server: `http://127.0.0.1:${port}`, syncUrl: `ws://127.0.0.1:${port}/sync`, token: as, store: await LevelReplicaStore.open(folder), maxBackoffMs: 200 })
}

/** Who a session signs in as, and the counts its first full frame must show. */
export type SessionTarget = { readonly token: string; readonly unassigned: number; readonly mine: number }

const BIG_TARGET: SessionTarget = { token: token(VIEWER), unassigned: 3334, mine: 3334 }

/** Whether the screen shows the whole inbox: the view counts and a full list. */
function isFullFrame(terminal: MemoryTerminal, target: SessionTarget): boolean {
  const text = terminal.text()
  return (
    new RegExp(`3 Unassigned +${target.unassigned}\\b`).test(text) &&
    new RegExp(`1 Assigned to me +${target.mine}\\b`).test(text) &&
    terminal.screen.filter((l) => /\+1555\d{7}|Customer \d+/.test(l)).length >= 15
  )
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Presses a key and resolves with the time until the terminal has the frame it changes. */
async function keypress(m: Mounted, key: string, changed: () => boolean): Promise<number> {
  const before = m.terminal.writes
  const started = performance.now()
  m.keyboard.press(key)
  await m.terminal.until(() => m.terminal.writes > before && changed(), 5000, `the frame after ${JSON.stringify(key)}`)
  return m.terminal.lastWriteAt - started
}

function figure(name: string, samples: readonly number[], goal?: number, unit = 'ms'): Figure {
  return { suite: SUITE, name, unit, ...summarise(samples), ...(goal === undefined ? {} : { goal }) }
}

export type SessionResult = {
  readonly firstFrameMs: number
  readonly moves?: readonly number[]
  readonly switches?: readonly number[]
  readonly burst?: { readonly frames: number; readonly untilShownMs: number; readonly renderMs: readonly number[] }
  /** This process's own peak RSS until the first full frame (`first`) or the session's end (`full`). */
  readonly peakRssMiB: number
  /** `first` only: its peak RSS once the client has synced, the inbox document applied. */
  readonly syncedPeakRssMiB?: number
}

/**
 * One dashboard session in its own process (`session <port> <folder> first|full`), so its
 * time to the first frame includes loading Ink and React and its peak memory is its own:
 * opens the client, draws until the first full frame and, for `full`, moves, switches
 * views and takes a burst. Prints its result as one JSON line.
 */
async function session(port: number, folder: string, mode: 'first' | 'full', target: SessionTarget): Promise<void> {
  const started = performance.now()
  // As `huddle dashboard` does: Ink and React, then the client.
  const loaded = await loadDashboard()
  const client = await openClient(port, folder, target.token)
  const m = mount(loaded, client)
  await m.terminal.until(() => isFullFrame(m.terminal, target), 180_000, 'the first full frame')
  const firstFrameMs = performance.now() - started
  if (mode === 'first') {
    const peakRssMiB = peakRssMiBOf('self')
    // A cold first frame may come from the server's view rows, before the document is applied: that costs memory too.
    await client.settle(120_000)
    const syncedPeakRssMiB = peakRssMiBOf('self')
    m.instance.unmount()
    await client.close()
    console.log(JSON.stringify({ firstFrameMs, peakRssMiB, syncedPeakRssMiB } satisfies SessionResult))
    return
  }
  await client.settle(20_000)
  await pause(500)

  // Moving through the list: each j moves the cursor one row; the position in the title changes.
  const moves: number[] = []
  m.keyboard.press('3')
  await m.terminal.until(() => /Big · Unassigned/.test(m.terminal.screen[0]!), 5000, 'the Unassigned view')
  for (let i = 0; i < MOVES; i++) {
    await pause(25)
    const position = `${i + 2}/3334`
    moves.push(await keypress(m, 'j', () => m.terminal.screen[0]!.includes(position)))
  }
  const switches: number[] = []
  const views = [
    ['1', 'Assigned to me'],
    ['2', 'Assigned to other'],
    ['4', 'Archived'],
    ['3', 'Unassigned'],
  ] as const
  for (let i = 0; i < VIEW_SWITCHES; i++) {
    await pause(25)
    const [key, title] = views[i % views.length]!
    switches.push(await keypress(m, key, () => m.terminal.screen[0]!.includes(`Big · ${title}`)))
  }

  // A burst of remote changes made on the server, one after another.
  await pause(200)
  const framesBefore = m.terminal.writes
  const rendersBefore = m.renderMs.length
  const burstStarted = performance.now()
  const answer = fetch(`http://127.0.0.1:${port}/burst`, { method: 'POST' })
  await m.terminal.until(() => /2 Assigned to oth\S* +1766/.test(m.terminal.text()), 30_000, 'the burst is on screen')
  const untilShownMs = m.terminal.lastWriteAt - burstStarted
  await answer
  await pause(200)
  const burst = { frames: m.terminal.writes - framesBefore, untilShownMs, renderMs: m.renderMs.slice(rendersBefore) }
  m.instance.unmount()
  await client.close()
  console.log(JSON.stringify({ firstFrameMs, moves, switches, burst, peakRssMiB: peakRssMiBOf('self') } satisfies SessionResult))
}

/** One dashboard session in its own process against the server on `port` (the history bench's server too); `nodeArgs` go to that node (a profiler's flags). */
export async function runSession(port: number, folder: string, mode: 'first' | 'full', target: SessionTarget = BIG_TARGET, nodeArgs: readonly string[] = []): Promise<SessionResult> {
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), 'session', String(port), folder, mode, JSON.stringify(target)], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`The dashboard bench session failed: ${stderr || error.message}`))
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as SessionResult)
    })
  })
}

export async function dashboardBench(log: (line: string) => void): Promise<Figure[]> {
  const base = await mkdtemp(join(tmpdir(), 'huddle-dashboard-bench-'))
  const child = await startChild(process.execPath, [fileURLToPath(import.meta.url), 'serve', join(base, 'server')], {}, /listening on port (\d+)/)
  try {
    log(`server holds ${CONVERSATIONS.toLocaleString('en')} conversations; each dashboard runs in its own process and draws ${COLUMNS}×${ROWS}`)
    const cold: number[] = []
    for (let run = 0; run < COLD_RUNS; run++) cold.push((await runSession(child.port, join(base, `cold-${run}`), 'first')).firstFrameMs)
    log(`first full frame, cold (from the process's start, Ink and React loaded, inbox over the network): ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms`)
    const warmFolder = join(base, `cold-${COLD_RUNS - 1}`)
    const warm: number[] = []
    for (let run = 0; run < WARM_RUNS; run++) warm.push((await runSession(child.port, warmFolder, 'first')).firstFrameMs)
    log(`first full frame, warm (the replica on disk): ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms`)

    const full = await runSession(child.port, warmFolder, 'full')
    const moves = full.moves ?? []
    const switches = full.switches ?? []
    const burst = full.burst!
    const burstRenderMs = burst.renderMs.reduce((sum, ms) => sum + ms, 0)
    log(`keypress j: median ${summarise(moves).median.toFixed(1)} ms over ${MOVES}; 1–4: median ${summarise(switches).median.toFixed(1)} ms over ${VIEW_SWITCHES}`)
    log(`burst of ${BURST} remote changes: ${burst.frames} frames, on screen after ${burst.untilShownMs.toFixed(0)} ms, ${burstRenderMs.toFixed(1)} ms of rendering`)
    log(`peak RSS of the dashboard's process: ${full.peakRssMiB.toFixed(0)} MiB`)
    return [
      figure('first full frame, cold replica (10k conversations)', cold, 1000),
      figure('first full frame, warm replica (10k conversations)', warm, 1000),
      figure('keypress to frame: move in the list (j)', moves, 30),
      figure('keypress to frame: switch view (1–4)', switches, 30),
      single(SUITE, `remote burst of ${BURST} changes: frames drawn`, 'frames', burst.frames),
      single(SUITE, `remote burst of ${BURST} changes: until on screen`, 'ms', burst.untilShownMs),
      single(SUITE, `remote burst of ${BURST} changes: render time per frame`, 'ms', burst.renderMs.length === 0 ? 0 : burstRenderMs / burst.renderMs.length, { samples: burst.renderMs.length }),
      single(SUITE, 'peak RSS of a dashboard session', 'MiB', full.peakRssMiB, { goal: 250 }),
    ]
  } finally {
    await child.stop()
    await rm(base, { recursive: true, force: true })
  }
}

/** The dashboard suite for bench/run.ts. */
export const dashboardSuite: Suite = { name: SUITE, run: dashboardBench }

// Run directly: `serve <dataDir>` is the child server, `session …` one dashboard; no argument runs the suite and prints its figures.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, ...args] = process.argv.slice(2)
  if (mode === 'serve' && args[0]) await serve(args[0])
  else if (mode === 'session' && args.length === 4) await session(Number(args[0]), args[1]!, args[2] === 'full' ? 'full' : 'first', JSON.parse(args[3]!) as SessionTarget)
  else {
    const { formatTable } = await import('./report.js')
    const figures = await dashboardBench((line) => console.error(`  ${line}`))
    console.log(formatTable(figures))
  }
}
