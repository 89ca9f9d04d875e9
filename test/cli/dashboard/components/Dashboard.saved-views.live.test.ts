/**
 * Saved views in the dashboard on the real client library against a real
 * server: their counts follow the documents as they change (customers
 * writing, colleagues claiming, a view saved on the agent's other computer),
 * and a saved view opens like the five views.
 */
import { render } from 'ink-testing-library'
import { createElement } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HuddleClient } from '../../../../cli/client/huddle-client.js'
import { Dashboard } from '../../../../cli/dashboard/components/Dashboard.js'
import { clientSource } from '../../../../cli/dashboard/dashboard-source.js'
import { SeenMarks } from '../../../../cli/dashboard/seen-marks.js'
import { themeFor } from '../../../../cli/dashboard/theme.js'
import { parseFilterWords, type FilterWords } from '../../../../core/saved-view-filter.js'
import { makeReplicaHome, openClient, until, type ReplicaHome } from '../../../helpers/client-replica.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../../helpers/client-server.js'

const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g

let server: TestServer
let team: Team
const homes: ReplicaHome[] = []
const clients: HuddleClient[] = []
const unmounts: Array<() => void> = []

beforeEach(async () => {
  server = await startTestServer()
  team = await seedTeam(server, ['alice', 'bob'])
})

afterEach(async () => {
  for (const unmount of unmounts.splice(0)) unmount()
  for (const client of clients.splice(0)) await client.close()
  await server.close()
  for (const home of homes.splice(0)) await home.remove()
})

/** A client of `user` on a computer of its own (its own replica). */
async function client(user: string): Promise<HuddleClient> {
  const home = await makeReplicaHome()
  homes.push(home)
  const opened = await openClient(server.url, team.tokens[user]!, home.folder, { batchMs: 16 })
  clients.push(opened)
  await opened.settle(5000)
  return opened
}

async function save(on: HuddleClient, name: string, words: FilterWords): Promise<void> {
  await on.saveView(name, parseFilterWords(words, on.filterNames())).acknowledged
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
  Object.defineProperty(app.stdout, 'columns', { value: 120 })
  app.rerender(element)
  unmounts.push(() => app.unmount())
  const frame = (): string => (app.lastFrame() ?? '').replace(ANSI, '')
  const press = async (...keys: string[]): Promise<void> => {
    for (const key of keys) {
      app.stdin.write(key)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return { frame, press }
}

describe('saved views in the dashboard', () => {
  it('lists them under the agent’s name with counts that follow customers, colleagues and the agent’s other computer', async () => {
    await customerWrites(server, '+15555550001', 'I want a refund')
    await customerWrites(server, '+15555550002', 'Where is my parcel?')
    const alice = await client('alice')
    const bob = await client('bob')
    await save(alice, 'Refunds', { text: 'refund', status: ['unassigned'] })
    const { frame } = show(alice)
    await until(() => /Alice\b/.test(frame()) && /★ Refunds +1/.test(frame()), 'the view shows under Alice with its count')

    const second = await customerWrites(server, '+15555550003', 'Refund please, the box was empty')
    await until(() => /★ Refunds +2/.test(frame()), 'a customer’s new refund request counts at once')

    await until(() => bob.conversationRow(second) !== null, 'bob has the new conversation')
    await (await bob.claim(second)).acknowledged
    await until(() => /★ Refunds +1/.test(frame()), 'a colleague’s claim takes it out of the view')

    const laptop = await client('alice')
    await save(laptop, 'Parcels', { text: 'parcel' })
    await until(() => /★ Parcels +1/.test(frame()), 'a view saved on the agent’s other computer appears with its count')
    await (await laptop.removeView('Refunds')).acknowledged
    await until(() => !frame().includes('★ Refunds'), 'a view removed there goes here too')
  })

  it('opens a saved view like the five views: its conversations across every inbox', async () => {
    const support = await server.api('POST', '/inboxes', { name: 'Support' })
    await server.api('POST', `/inboxes/${support.id}/members`, { add: ['alice'], remove: [] })
    await server.api('POST', '/routing/rules', { address: '+15550200', toInbox: support.id })
    const refund = await customerWrites(server, '+15555550001', 'I want a refund')
    await customerWrites(server, '+15555550002', 'Where is my parcel?')
    const other = (await server.api('POST', '/inbound', { channel: 'sms', from: '+15555550009', to: '+15550200', body: 'Refund for order 7?' })).conversation as string
    const alice = await client('alice')
    await save(alice, 'Refunds', { text: 'refund' })
    const { frame, press } = show(alice)
    await until(() => /★ Refunds +2/.test(frame()), 'the view is listed, counting both inboxes')
    // To the Inboxes pane, down to its last row (the saved view), and open it.
    await press('h', 'G', '\r')
    await until(() => frame().includes('▸ ★ Refunds') && frame().includes(' 1/2 '), 'the list is the saved view’s, focused')
    expect(frame()).toContain('I want a refund')
    expect(frame()).toContain('Refund for order 7?')
    expect(frame()).not.toContain('Where is my parcel?')
    expect(alice.savedView('Refunds')?.rows.map((r) => r.id)).toEqual([other, refund])
    // A view key goes back to the inbox's views.
    await press('3')
    await until(() => frame().includes('▸ Sales · Unassigned'), 'back to the inbox’s view')
    expect(frame()).not.toContain('› ★ Refunds')
  })
})
