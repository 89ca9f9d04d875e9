/**
 * The dashboard's search screen on the real client library, against a real
 * server and its real search index: results as the agent types, the matched
 * words emphasised, Enter opens the conversation, Esc goes back, and offline
 * it searches the replica and says so.
 */
import { createElement } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../../../../cli/api-client.js'
import type { HuddleClient } from '../../../../cli/client/huddle-client.js'
import { createSearcher } from '../../../../cli/client/search-client.js'
import { clientSource } from '../../../../cli/dashboard/dashboard-source.js'
import { SeenMarks } from '../../../../cli/dashboard/seen-marks.js'
import { themeFor } from '../../../../cli/dashboard/theme.js'
import { makeReplicaHome, openClient, until, type ReplicaHome } from '../../../helpers/client-replica.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../../helpers/client-server.js'
import { searchUntil } from '../../../helpers/search-api.js'

// Ink decides on colour when it is first loaded: load it with colour on, to see what is emphasised.
process.env.FORCE_COLOR = '1'
const { render } = await import('ink-testing-library')
const { Dashboard } = await import('../../../../cli/dashboard/components/Dashboard.js')

const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g
const ESC = '\u001B'
let server: TestServer
let team: Team
let home: ReplicaHome
let alice: HuddleClient
let unmount: () => void = () => {}

beforeEach(async () => {
  server = await startTestServer({ searchDebounceMs: 20 })
  team = await seedTeam(server, ['alice'])
  home = await makeReplicaHome()
})

afterEach(async () => {
  unmount()
  await alice.close()
  await server.close()
  await home.remove()
})

function show(client: HuddleClient) {
  const element = createElement(Dashboard, {
    source: clientSource(client),
    seen: SeenMarks.inMemory(),
    server: server.url,
    theme: themeFor({}),
    onQuit: vi.fn(),
    columns: 120,
    rows: 40,
    isBackgroundSync: false,
    search: createSearcher(createApiClient({ server: server.url, token: team.tokens.alice!, fetch }), client),
    searchDebounceMs: 30,
  })
  const app = render(element)
  Object.defineProperty(app.stdout, 'columns', { value: 120 })
  app.rerender(element)
  unmount = () => app.unmount()
  const raw = (): string => app.lastFrame() ?? ''
  const frame = (): string => raw().replace(ANSI, '')
  const press = async (...keys: string[]): Promise<void> => {
    for (const key of keys) {
      app.stdin.write(key)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return { raw, frame, press }
}

describe('the search screen', () => {
  it('finds as the agent types, emphasises the match, opens the result with Enter and goes back with Esc', async () => {
    await customerWrites(server, '+15551234510', 'Where is my order?')
    const wanted = await customerWrites(server, '+15551234520', 'Le remboursement de la crème, svp')
    await customerWrites(server, '+15551234530', 'Thanks!')
    await searchUntil(server, team.tokens.alice!, { q: 'crem' }, (a) => a.body.results?.length === 1, 'the index has it')
    alice = await openClient(server.url, team.tokens.alice!, home.folder, { batchMs: 16 })
    await alice.settle(5000)
    const { raw, frame, press } = show(alice)
    await until(() => /3 Unassigned +3/.test(frame()), 'the dashboard shows the inbox')
    await press('S')
    await until(() => frame().includes('Type words to search'), 'the search screen opens')
    await press('c', 'R', 'E', 'M')
    await until(() => frame().includes('1 result, newest first.'), 'the result is shown')
    expect(frame()).toContain('+15551234520')
    expect(frame()).toContain('Le remboursement de la crème, svp')
    // The matched word alone is underlined.
    expect(raw()).toMatch(/\u001B\[4m(\u001B\[[0-9;]*m)*crème/)
    expect(raw()).not.toMatch(/\u001B\[4m(\u001B\[[0-9;]*m)*Le /)
    await press('\r')
    await until(() => !frame().includes('newest first') && frame().includes('Le remboursement de la crème, svp'), 'Enter opens the conversation')
    await until(() => alice.conversation(wanted)?.isLoaded === true, 'the conversation is open')
    await press('S')
    await until(() => frame().includes('> cREM█'), 'the search screen keeps the last query')
    await press(ESC)
    await until(() => !frame().includes('> cREM█'), 'Esc goes back')
  })

  it('searches this computer’s copy offline, and says so', async () => {
    const id = await customerWrites(server, '+15551234540', 'Parcel arrived damaged')
    alice = await openClient(server.url, team.tokens.alice!, home.folder, { batchMs: 16 })
    await alice.settle(5000)
    await alice.loadConversation(id)
    await until(() => alice.conversation(id)?.messages.length === 1, 'the replica holds the message')
    const { frame, press } = show(alice)
    await until(() => /3 Unassigned +1/.test(frame()), 'the dashboard shows the inbox')
    await server.stop()
    await press('S', 'd', 'a', 'm', 'a')
    await until(() => frame().includes('1 result, newest first on this computer’s copy only'), 'the local result is shown, marked as local')
    expect(frame()).toContain('Parcel arrived damaged')
  })
})
