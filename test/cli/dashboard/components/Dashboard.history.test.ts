/**
 * The Archived view on the real client library against a real server whose
 * older archived conversations moved to history: they are paged in from the
 * server as the cursor nears the end; offline, a line says they need it.
 */
import { render } from 'ink-testing-library'
import { createElement } from 'react'
import { afterEach, beforeEach, it, vi } from 'vitest'
import type { HuddleClient } from '../../../../cli/client/huddle-client.js'
import { Dashboard } from '../../../../cli/dashboard/components/Dashboard.js'
import { HISTORY_PAGE } from '../../../../cli/dashboard/hooks/use-history-rows.js'
import { clientSource } from '../../../../cli/dashboard/dashboard-source.js'
import { SeenMarks } from '../../../../cli/dashboard/seen-marks.js'
import { themeFor } from '../../../../cli/dashboard/theme.js'
import { makeReplicaHome, openClient, until, type ReplicaHome } from '../../../helpers/client-replica.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../../helpers/client-server.js'

let server: TestServer
let team: Team
const homes: ReplicaHome[] = []
const clients: HuddleClient[] = []
const unmounts: Array<() => void> = []

beforeEach(async () => {
  server = await startTestServer({ historySweepMs: 100 })
  team = await seedTeam(server, ['alice'])
})

afterEach(async () => {
  for (const unmount of unmounts.splice(0)) unmount()
  for (const client of clients.splice(0)) await client.close()
  await server.close()
  for (const home of homes.splice(0)) await home.remove()
})

async function client(): Promise<HuddleClient> {
  const home = await makeReplicaHome()
  homes.push(home)
  const opened = await openClient(server.url, team.tokens.alice!, home.folder, {})
  clients.push(opened)
  await opened.settle(5000)
  return opened
}

/** `count` conversations archived and then moved to history. */
async function archiveIntoHistory(count: number): Promise<void> {
  const alice = await client()
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push(await customerWrites(server, `+1555070${String(i).padStart(4, '0')}`, `Question ${i}`))
  await until(() => ids.every((id) => alice.conversationRow(id) !== null), 'alice holds them all', 15_000)
  for (const id of ids) await (await alice.archive(id)).acknowledged
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  await until(() => server.logs.some((l) => l.includes(`moved ${count} conversations`)), 'they move to history', 15_000)
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 30 })
}

function show(source: HuddleClient) {
  const element = createElement(Dashboard, {
    source: clientSource(source),
    seen: SeenMarks.inMemory(),
    server: server.url,
    theme: themeFor({}),
    onQuit: vi.fn(),
    columns: 120,
    rows: 40,
    isBackgroundSync: false,
  })
  const app = render(element)
  unmounts.push(() => app.unmount())
  const frame = (): string => app.lastFrame() ?? ''
  /** Presses `key` until `isDone` (a key can arrive while the dashboard is busy drawing and be dropped). */
  const pressUntil = async (key: string, isDone: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    while (!isDone()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}:\n${frame()}`)
      app.stdin.write(key)
      await until(isDone, what, 200).catch(() => undefined)
    }
  }
  return { frame, pressUntil }
}

it('pages older archived conversations in from history as the cursor nears the end', async () => {
  const total = HISTORY_PAGE + 5
  await archiveIntoHistory(total)
  // A computer that never held them: its live inbox has none archived.
  const fresh = await client()
  const { frame, pressUntil } = show(fresh)
  await until(() => frame().includes('Unassigned'), 'the dashboard is drawn')
  await pressUntil('4', () => frame().includes(`1/${HISTORY_PAGE}`), 'the first page of history is listed')
  await pressUntil('G', () => frame().includes(`/${total}`), 'the next page is paged in as the cursor nears the end')
  await pressUntil('G', () => frame().includes(`${total}/${total}`) && frame().includes('+15550700000'), 'the cursor reaches the oldest')
  // A conversation in history opens like any other: its messages come from its own document.
  await pressUntil('\r', () => frame().includes('Question 0') && !frame().includes('not on this computer yet'), 'its messages are shown')
})

it('offline, the Archived view says that older archived conversations need the server', async () => {
  await archiveIntoHistory(1)
  const fresh = await client()
  await server.stop()
  await until(() => fresh.connectionState().kind === 'offline', 'the client is offline', 10_000)
  const { frame, pressUntil } = show(fresh)
  await until(() => frame().includes('Unassigned'), 'the dashboard is drawn')
  await pressUntil('4', () => frame().includes('Offline: older ones need the server.'), 'the line about older ones')
})
