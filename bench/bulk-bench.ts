/**
 * Bulk actions: one agent's client claims 500 marked conversations at once
 * (`bulkAssignment`, as the dashboard does), then unassigns them, and so on;
 * three colleagues' clients, each through the dashboard's source
 * (`clientSource`), watch the inbox. All on the real client library and a
 * real sync server (in this process, LevelDB in a temporary folder):
 *
 *   applied here      from the key to the 500 events applied to the agent's replica
 *   acknowledged      until the server has durably stored all 500
 *   shown everywhere  until every one of the 3 other dashboards' sources shows all 500 changed
 *
 * Run with the others by `npm run bench`, or alone: `npm run bench -- bulk`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { AssignmentRequest } from '../core/actions.js'
import { HuddleClient } from '../cli/client/huddle-client.js'
import { LevelReplicaStore } from '../cli/client/level-replica-store.js'
import { syncUrlOf } from '../cli/client/replica-location.js'
import { clientSource, type DashboardSource } from '../cli/dashboard/dashboard-source.js'
import { startServer } from '../server/start.js'
import { summarise, type Suite } from './report.js'

const SUITE = 'bulk'
const MARKED = 500
const OTHERS = 3
const ROUNDS = 8
const ADMIN = 'hud_bench-bulk-admin'
const ADDRESS = '+15550100'
const INBOX = 'inbox/sales'
const AGENT = 'agent'
const SHOWN_TIMEOUT_MS = 120_000

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as T
}

/** Resolves when the dashboard source's rows of the inbox satisfy `isShown`, with the time it did. */
function whenShown(source: DashboardSource, isShown: (assignees: ReadonlyMap<string, string | null>) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`a dashboard source did not show the bulk action within ${SHOWN_TIMEOUT_MS} ms`))
    }, SHOWN_TIMEOUT_MS)
    const unsubscribe = source.subscribe({ kind: 'inbox', inbox: INBOX }, (snapshot) => {
      const assignees = new Map((snapshot?.rows ?? []).map((row) => [row.id, row.assignee]))
      if (!isShown(assignees)) return
      const at = performance.now()
      clearTimeout(timer)
      // Called from inside the listener's batch: unsubscribe once it is over.
      queueMicrotask(unsubscribe)
      resolve(at)
    })
  })
}

export const bulkSuite: Suite = {
  name: SUITE,
  async run(log) {
    const folder = await mkdtemp(join(tmpdir(), 'huddle-bench-bulk-'))
    const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: join(folder, 'server'), adminToken: ADMIN })
    const clients: HuddleClient[] = []
    try {
      const users = [AGENT, ...Array.from({ length: OTHERS }, (_, i) => `colleague-${i + 1}`)]
      const tokens = new Map<string, string>()
      for (const id of users) tokens.set(id, (await api<{ token: string }>(server.url, 'POST', '/users', { id, name: id, licences: ['sms'] })).token)
      await api(server.url, 'POST', '/inboxes', { name: 'Sales' })
      await api(server.url, 'POST', '/inboxes/sales/members', { add: users, remove: [] })
      await api(server.url, 'POST', '/routing/rules', { address: ADDRESS, toInbox: 'sales' })
      const ids: string[] = []
      for (let i = 0; i < MARKED; i++)
        ids.push((await api<{ conversation: string }>(server.url, 'POST', '/inbound', { channel: 'sms', from: `+1555${String(i).padStart(7, '0')}`, to: ADDRESS, body: 'Hello' })).conversation)
      for (const user of users) {
        const store = await LevelReplicaStore.open(join(folder, user))
        clients.push(await HuddleClient.open({ server: server.url, syncUrl: syncUrlOf(server.url), token: tokens.get(user)!, store }))
      }
      await Promise.all(clients.map((client) => client.settle(30_000)))
      const [agent, ...others] = clients as [HuddleClient, ...HuddleClient[]]
      const sources = others.map(clientSource)
      const applied: number[] = []
      const acked: number[] = []
      const shown: number[] = []
      const shownEach: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        const isClaim = round % 2 === 0
        const request: AssignmentRequest = isClaim ? { kind: 'claim' } : { kind: 'unassign' }
        const wanted = isClaim ? AGENT : null
        const isDone = (assignees: ReadonlyMap<string, string | null>): boolean => ids.every((id) => assignees.get(id) === wanted)
        const watching = sources.map((source) => whenShown(source, isDone))
        const started = performance.now()
        const outcomes = await agent.bulkAssignment(ids, () => request)
        applied.push(performance.now() - started)
        const refused = outcomes.filter((o) => 'error' in o).length
        if (refused > 0) throw new Error(`${refused} of ${MARKED} were refused in round ${round + 1}`)
        const receipts = outcomes.flatMap((o) => ('receipt' in o ? [o.receipt] : []))
        const [shownAt] = await Promise.all([Promise.all(watching), Promise.all(receipts.map((r) => r.acknowledged)).then(() => acked.push(performance.now() - started))])
        shown.push(Math.max(...shownAt) - started)
        shownEach.push(...shownAt.map((at) => at - started))
        log(`round ${round + 1} (${request.kind} × ${MARKED}): applied ${applied.at(-1)!.toFixed(0)} ms, acknowledged ${acked.at(-1)!.toFixed(0)} ms, shown by all ${OTHERS} others ${shown.at(-1)!.toFixed(0)} ms`)
      }
      return [
        { suite: SUITE, name: `bulk action on ${MARKED} marked: applied to the agent's replica`, unit: 'ms', ...summarise(applied) },
        { suite: SUITE, name: `bulk action on ${MARKED} marked: all acknowledged by the server`, unit: 'ms', ...summarise(acked) },
        { suite: SUITE, name: `bulk action on ${MARKED} marked: shown by every one of ${OTHERS} other dashboards`, unit: 'ms', ...summarise(shown), detail: { eachDashboard: summarise(shownEach), rounds: ROUNDS } },
      ]
    } finally {
      for (const client of clients) await client.close()
      await server.close()
      await rm(folder, { recursive: true, force: true })
    }
  },
}
