import { afterEach, expect, it } from 'vitest'
import type { HuddleClient } from '../../../cli/client/huddle-client.js'
import { customerWrites, seedTeam, startTestServer, type TestServer } from '../../helpers/client-server.js'
import { makeReplicaHome, openClient, until, type ReplicaHome } from '../../helpers/client-replica.js'

let server: TestServer | null = null
const homes: ReplicaHome[] = []
const clients: HuddleClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
  await server?.close()
  server = null
  for (const h of homes.splice(0)) await h.remove()
})

async function open(token: string, folder?: string, connect = true): Promise<HuddleClient> {
  const home = folder ?? (homes[homes.push(await makeReplicaHome('history')) - 1]!.folder)
  const client = await openClient(server!.url, token, home, { connect })
  clients.push(client)
  return client
}

async function close(client: HuddleClient): Promise<void> {
  clients.splice(clients.indexOf(client), 1)
  await client.close()
}

it('an offline note and unarchive on a conversation that moved to history meanwhile merge after reconnecting, bringing it back', async () => {
  const s = (server = await startTestServer({ historySweepMs: 100 }))
  const team = await seedTeam(s, ['alice', 'bob'])
  const c1 = await customerWrites(s, '+15550501000', 'My order never came')
  const home = await makeReplicaHome('alice')
  homes.push(home)
  let alice = await open(team.tokens.alice!, home.folder)
  await alice.settle(5000)
  await (await alice.archive(c1)).acknowledged
  await close(alice)

  alice = await open(team.tokens.alice!, home.folder, false)
  await alice.ready()
  await alice.note(c1, 'Called the courier, parcel found')
  await alice.unarchive(c1)
  expect(alice.pendingCount()).toBe(2)

  await s.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  await until(() => s.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 1 conversations`)), 'c1 moves to history', 15_000)

  alice.connect()
  await until(() => alice.pendingCount() === 0, 'the carried actions are acknowledged', 15_000)

  const bob = await open(team.tokens.bob!)
  await until(() => bob.conversationRow(c1)?.status === 'open', 'c1 is back in the live document, open', 15_000)
  await bob.loadConversation(c1)
  // Loading opens the conversation's document; its notes arrive once that document has synced.
  await until(() => (bob.conversation(c1)?.notes.length ?? 0) > 0, 'bob receives the note', 15_000)
  expect(bob.conversation(c1)?.notes.map((n) => n.body)).toEqual(['Called the courier, parcel found'])
  const page = await s.api('GET', `/history?inbox=${team.inbox}`, undefined, team.tokens.bob)
  expect(page.records).toEqual([])
})
