/**
 * Auto-assignment through a real server and real clients, on the server's
 * injected clock: who gets what, who gets nothing, what waits, and how it
 * merges with a claim made offline.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HuddleClient } from '../../../cli/client/huddle-client.js'
import { makeReplicaHome, openClient, until, type ReplicaHome } from '../../helpers/client-replica.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'

const MINUTE = 60_000
/** Far longer than a pass takes here (debounced 20 ms): what has not happened by then is not happening. */
const QUIET_MS = 400

let server: TestServer
let team: Team
const homes: ReplicaHome[] = []
const clients: HuddleClient[] = []
const clock = { offset: 0 }
const now = (): number => Date.now() + clock.offset

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close()
  await server.close()
  for (const home of homes.splice(0)) await home.remove()
  clock.offset = 0
})

async function start(users: string[]): Promise<void> {
  server = await startTestServer({ now, autoAssignDebounceMs: 20, availabilitySweepMs: 20 })
  team = await seedTeam(server, users)
}

async function open(user: string, folder?: string, options: { connect?: boolean } = {}): Promise<{ client: HuddleClient; folder: string }> {
  let home = folder
  if (home === undefined) {
    const made = await makeReplicaHome()
    homes.push(made)
    home = made.folder
  }
  const client = await openClient(server.url, team.tokens[user]!, home, options)
  clients.push(client)
  return { client, folder: home }
}

async function online(user: string): Promise<HuddleClient> {
  const { client } = await open(user)
  await client.settle(5000)
  await until(() => client.availabilityOf(user)?.online === true, `${user} is online`)
  return client
}

async function close(client: HuddleClient): Promise<void> {
  clients.splice(clients.indexOf(client), 1)
  await client.close()
}

/** A new conversation, a second after the one before by the server's clock, so arrival order is wait order. */
async function arrive(from: string): Promise<string> {
  clock.offset += 1000
  return customerWrites(server, from, 'Hello')
}

function setAutoAssign(body: Record<string, unknown>): Promise<unknown> {
  return server.api('PATCH', `/inboxes/${team.inbox}`, body)
}

const quiet = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, QUIET_MS))

describe('auto-assignment on the server', () => {
  it('round robin over three agents with capacity 2 gives A, B, A, B, then waits; freeing one gives the waiting one to that agent', async () => {
    await start(['alice', 'bob', 'carol'])
    const alice = await online('alice')
    await online('bob')
    const carol = await online('carol')
    // The third agent is busy: the rotation is over the two who take work, and carol gets nothing.
    await carol.setAvailability('busy')
    await setAutoAssign({ autoAssign: 'round-robin', capacity: 2 })
    const ids: string[] = []
    for (let i = 1; i <= 5; i++) ids.push(await arrive(`+1555555000${i}`))
    const assignee = (id: string): string | null | undefined => alice.conversationRow(id)?.assignee
    await until(() => ids.slice(0, 4).every((id) => typeof assignee(id) === 'string'), 'four are assigned')
    expect(ids.map(assignee)).toEqual(['alice', 'bob', 'alice', 'bob', null])
    await quiet()
    expect(assignee(ids[4]!)).toBeNull()
    await (await alice.archive(ids[0]!)).acknowledged
    await until(() => assignee(ids[4]!) === 'alice', 'the waiting one goes to alice, whose capacity freed')
    const detail = alice.conversation(ids[4]!) ?? (await alice.loadConversation(ids[4]!))
    expect(detail?.history.map((h) => [h.kind, h.actor, h.to])).toEqual([['auto-assign', 'system', 'alice']])
  })

  it('turning it on assigns the conversations already waiting, longest-waiting first', async () => {
    await start(['alice', 'bob'])
    const alice = await online('alice')
    await online('bob')
    const first = await arrive('+15555550001')
    const second = await arrive('+15555550002')
    await quiet()
    expect(alice.conversationRow(first)?.assignee).toBeNull()
    await setAutoAssign({ autoAssign: 'round-robin' })
    await until(() => alice.conversationRow(second)?.assignee === 'bob', 'the second goes to bob')
    expect(alice.conversationRow(first)?.assignee).toBe('alice')
  })

  it('gives nothing to agents who are busy, away or offline', async () => {
    await start(['alice', 'bob', 'carol', 'dave'])
    const alice = await online('alice')
    await (await online('bob')).setAvailability('busy')
    await (await online('carol')).setAvailability('away')
    const dave = await online('dave')
    await close(dave)
    // The server sees the socket close a moment later; then past the two-minute grace, by its clock.
    await quiet()
    clock.offset += 3 * MINUTE
    await until(() => alice.availabilityOf('dave')?.online === false, 'dave is offline')
    await setAutoAssign({ autoAssign: 'round-robin' })
    const ids = [await arrive('+15555550001'), await arrive('+15555550002'), await arrive('+15555550003')]
    await until(() => ids.every((id) => alice.conversationRow(id)?.assignee === 'alice'), 'all three go to alice')
  })

  it('breaks a fewest-open tie by who waited longest since their last automatic assignment, never-assigned first', async () => {
    await start(['alice', 'bob', 'carol'])
    const alice = await online('alice')
    await online('bob')
    const carol = await online('carol')
    const held = await arrive('+15555550001')
    await until(() => carol.conversationRow(held) !== null, 'carol sees it')
    await (await carol.claim(held)).acknowledged
    await setAutoAssign({ autoAssign: 'fewest-open' })
    const ids: string[] = []
    for (let i = 2; i <= 5; i++) ids.push(await arrive(`+1555555000${i}`))
    await until(() => ids.every((id) => typeof alice.conversationRow(id)?.assignee === 'string'), 'all four are assigned')
    // Open before each: 0 0 1 → alice (tie with bob, by id); 1 0 1 → bob; 1 1 1 → carol (never
    // assigned automatically); 1 1 2 → alice, whose last automatic assignment is older than bob's.
    expect(ids.map((id) => alice.conversationRow(id)?.assignee)).toEqual(['alice', 'bob', 'carol', 'alice'])
  })

  it('lets an offline claim made before an automatic assignment win after the merge, and tells nobody a claim was lost', async () => {
    await start(['alice', 'bob'])
    const c1 = await arrive('+15555550001')
    const first = await open('alice')
    await first.client.settle(5000)
    const bob = await online('bob')
    await until(() => first.client.conversationRow(c1) !== null && bob.conversationRow(c1) !== null, 'both see the conversation')
    // Busy, so the automatic assignment goes to bob rather than to alice.
    await first.client.setAvailability('busy')
    await close(first.client)
    const { client: alice } = await open('alice', first.folder, { connect: false })
    const claim = await alice.claim(c1)
    clock.offset += 1000
    await setAutoAssign({ autoAssign: 'round-robin' })
    await until(() => bob.conversationRow(c1)?.assignee === 'bob', 'the server gives it to bob meanwhile')
    alice.connect()
    await claim.acknowledged
    await until(() => bob.conversationRow(c1)?.assignee === 'alice' && alice.conversationRow(c1)?.assignee === 'alice', 'both agree on alice')
    await quiet()
    expect(alice.notices().filter((n) => n.kind === 'lost-claim')).toEqual([])
    expect(bob.notices().filter((n) => n.kind === 'lost-claim')).toEqual([])
    const detail = bob.conversation(c1) ?? (await bob.loadConversation(c1))
    expect(detail?.history.map((h) => [h.kind, h.actor, h.outcome])).toEqual([['claim', 'alice', 'applied']])
  })
})
