/**
 * `huddle demo`: the server in this process with its data in a local folder,
 * the sample organisation on first run, simulated customers and colleagues
 * at a throttled pace, and the dashboard as one of the agents.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { HuddleError } from '../../core/errors.js'
import { HuddleClient } from '../client/huddle-client.js'
import { LevelReplicaStore } from '../client/level-replica-store.js'
import { syncUrlOf } from '../client/replica-location.js'
import type { CliIo } from '../io.js'
import { SeenMarks } from '../dashboard/seen-marks.js'
import type { RunningServer } from '../../server/server-options.js'
import { startColleagues } from './colleague-simulator.js'
import { startCustomers } from './customer-simulator.js'
import { demoApi } from './demo-api.js'
import { closeDemoClients, openDemoClients } from './demo-clients.js'
import { DemoClock } from './demo-clock.js'
import { openDemoLog } from './demo-log.js'
import { DEMO_USERS } from './demo-org.js'
import { seededRandom } from '../../core/seeded-random.js'
import { seedDemo } from './demo-seed.js'
import { loadDemoState, saveDemoState, type DemoState } from './demo-state.js'

export type DemoOptions = {
  readonly dataDir: string
  /** 0: the port of the last run, else a free one. */
  readonly port: number
  readonly as: string
  readonly isHeadless: boolean
  readonly io: CliIo
  /** Opens the dashboard; resolves when the agent quits. */
  readonly openDashboard: (client: HuddleClient, seen: SeenMarks, server: string, token: string) => Promise<void>
}

async function startDemoServer(dataDir: string, adminToken: string, port: number, isRemembered: boolean, clock: DemoClock, log: (line: string) => void): Promise<RunningServer> {
  const { startServer } = await import('../../server/start.js')
  const start = (on: number): Promise<RunningServer> => startServer({ host: '127.0.0.1', port: on, dataDir: join(dataDir, 'server'), adminToken, log, now: clock.now })
  try {
    return await start(port)
  } catch (error) {
    // The port of the last run is taken now: any other will do.
    if (isRemembered && error instanceof HuddleError && error.code === 'unavailable') return start(0)
    throw error
  }
}

export async function runDemo(options: DemoOptions): Promise<void> {
  const { io, dataDir } = options
  const say = (line: string): void => io.stderr(`${line}\n`)
  // Every simulated agent's connected documents listen for the process's exit; the demo holds many.
  process.setMaxListeners(0)
  await mkdir(dataDir, { recursive: true })
  const log = openDemoLog(join(dataDir, 'demo.log'))
  let state = await loadDemoState(dataDir)
  if (state && !state.tokens[options.as])
    throw new HuddleError('invalid', `The demo has no agent \`${options.as}\`. Choose one of ${Object.keys(state.tokens).join(', ')} with \`--as\`.`)
  if (!state && !DEMO_USERS.some((u) => u.id === options.as))
    throw new HuddleError('invalid', `The demo has no agent \`${options.as}\`. Choose one of ${DEMO_USERS.map((u) => u.id).join(', ')} with \`--as\`.`)
  const adminToken = state?.adminToken ?? `hud_demo-${randomBytes(16).toString('hex')}`
  const clock = new DemoClock()
  const server = await startDemoServer(dataDir, adminToken, options.port || state?.port || 0, options.port === 0 && state !== null, clock, log.line)
  const agentFolder = join(dataDir, 'agents', options.as)
  let unread: readonly string[] | null = null
  const clients = new Map<string, HuddleClient>()
  let stopSimulators = async (): Promise<void> => {}
  try {
    if (!state) {
      say(`First run: setting up a sample organisation in ${dataDir} (about a minute)…`)
      await rm(join(dataDir, 'agents'), { recursive: true, force: true })
      const seeded = await seedDemo(server.url, adminToken, dataDir, clock, say)
      state = { version: 1, port: server.port, adminToken, tokens: seeded.tokens, conversations: seeded.conversations }
      unread = seeded.unread
      await saveDemoState(dataDir, state)
    } else if (state.port !== server.port) {
      // The agent's local copy belongs to the old address; the server has everything it held that was synced.
      await rm(join(dataDir, 'agents'), { recursive: true, force: true })
      state = { ...state, port: server.port }
      await saveDemoState(dataDir, state)
    }
    const current: DemoState = state
    say(`Starting the demo on ${server.url}: customers and colleagues are getting ready…`)
    const conversations = [...current.conversations]
    for (const [id, client] of await openDemoClients(
      server.url,
      current.tokens,
      DEMO_USERS.map((u) => u.id).filter((id) => id !== options.as),
    ))
      clients.set(id, client)
    const random = seededRandom(Date.now() % 2 ** 31)
    const api = demoApi(server.url, adminToken)
    let saving = Promise.resolve()
    // After every line said, so that the next run carries on each script where this one stopped.
    const onSaid = (): void => {
      saving = saving.then(() => saveDemoState(dataDir, { ...current, conversations })).catch(log.error)
    }
    const customers = startCustomers({ api, random, conversations, onSaid, onError: log.error })
    const colleagues = startColleagues({ clients, random, conversations, onSaid, onError: log.error })
    stopSimulators = async () => {
      await Promise.all([customers.stop(), colleagues.stop()])
      await saving
    }

    if (options.isHeadless) {
      say(`The demo runs on ${server.url} (data in ${dataDir}); customers and colleagues are busy. Ctrl-C stops it.`)
      say(`Open the dashboard as an agent elsewhere with: huddle dashboard --server ${server.url} --token TOKEN`)
      for (const [id, token] of Object.entries(current.tokens)) say(`  ${id.padEnd(8)} ${token}`)
      say(`  admin    ${adminToken}`)
      await io.untilStopped()
    } else {
      await runAgentDashboard(options, server.url, current, agentFolder, unread)
    }
  } finally {
    await stopSimulators()
    await closeDemoClients(clients)
    await server.close()
    const failure = await log.close()
    if (failure) say(failure)
  }
  say(`The demo stopped; its data stays in ${dataDir}. Run \`npm start\` again to carry on, or delete the folder to start afresh.`)
}

/** The dashboard as the demo's agent, on a local copy kept in the demo's folder; on first run, all but `unread` count as seen. */
async function runAgentDashboard(options: DemoOptions, server: string, state: DemoState, folder: string, unread: readonly string[] | null): Promise<void> {
  const store = await LevelReplicaStore.open(folder)
  const seen = await SeenMarks.load(store)
  if (unread !== null) {
    const keep = new Set(unread)
    const now = Date.now()
    for (const c of state.conversations) if (!keep.has(c.id)) seen.markSeen(c.id, now)
  }
  const client = await HuddleClient.open({ server, syncUrl: syncUrlOf(server), token: state.tokens[options.as]!, store })
  try {
    await options.openDashboard(client, seen, server, state.tokens[options.as]!)
  } finally {
    await client.close()
  }
}
