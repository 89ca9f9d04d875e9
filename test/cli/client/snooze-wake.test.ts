/**
 * Snooze end to end: a real server and two real clients, all on one injected
 * clock that the test moves forward, so a snooze's time comes without waiting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HuddleClient } from '../../../cli/client/huddle-client.js'
import { WakeTimer } from '../../../cli/client/wake-timer.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { OpenClients, until } from '../../helpers/client-replica.js'

const HOUR = 3_600_000
const SALES = 'inbox/sales'
/** How far the test has moved every clock forward. */
let shift = 0
const clock = (): number => Date.now() + shift
let server: TestServer
let team: Team
const opened = new OpenClients()

beforeEach(async () => {
  shift = 0
  server = await startTestServer({ now: clock })
  team = await seedTeam(server, ['alice', 'bob'], ['alice', 'bob'])
})

afterEach(async () => {
  await opened.closeAll()
  await server.close()
})

function open(user: string): Promise<HuddleClient> {
  return opened.open(server.url, team.tokens[user]!, { wallClock: clock })
}

const viewOf = (client: HuddleClient, id: string): string | undefined => client.conversationRow(id)?.view

describe('a snoozed conversation', () => {
  it('wakes on both replicas when its time comes, keeping its assignee, offline too, and tells its holder', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice')
    const bob = await open('bob')
    await (await alice.claim(c1)).acknowledged
    await (await alice.snooze(c1, alice.now() + HOUR)).acknowledged
    await until(() => viewOf(bob, c1) === 'snoozed', 'bob sees the snooze')
    expect(viewOf(alice, c1)).toBe('snoozed')
    expect(alice.counts(SALES)).toMatchObject({ mine: 0, snoozed: 1 })
    expect(alice.rows(SALES, 'snoozed').map((r) => r.id)).toEqual([c1])

    await server.stop()
    shift += HOUR - 60_000
    expect([viewOf(alice, c1), viewOf(bob, c1)]).toEqual(['snoozed', 'snoozed'])
    expect(alice.notices().filter((n) => n.kind === 'woke')).toEqual([])
    shift += 60_000
    // Offline, each replica decides the wake from its own corrected clock.
    expect([viewOf(alice, c1), viewOf(bob, c1)]).toEqual(['mine', 'others'])
    expect(alice.conversationRow(c1)?.assignee).toBe('alice')
    expect(alice.notices().filter((n) => n.kind === 'woke')).toEqual([expect.objectContaining({ conversation: c1, reason: 'time' })])
    expect(bob.notices().filter((n) => n.kind === 'woke')).toEqual([])
  })

  it('wakes on both replicas when a customer message newer than the snooze arrives', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice')
    const bob = await open('bob')
    await (await bob.claim(c1)).acknowledged
    await (await alice.snooze(c1, 'reply')).acknowledged
    await until(() => viewOf(bob, c1) === 'snoozed', 'bob sees the snooze')
    shift += 100 * HOUR
    expect(viewOf(alice, c1)).toBe('snoozed')
    await customerWrites(server, '+15555550001', 'Any news?')
    await until(() => viewOf(alice, c1) === 'others' && viewOf(bob, c1) === 'mine', 'both see it wake')
    expect(bob.notices().filter((n) => n.kind === 'woke')).toEqual([expect.objectContaining({ conversation: c1, reason: 'customer' })])
  })

  it('wakes when unsnoozed, and an archive ends a snooze for good', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice')
    const bob = await open('bob')
    await (await alice.snooze(c1, alice.now() + HOUR)).acknowledged
    await until(() => viewOf(bob, c1) === 'snoozed', 'bob sees the snooze')
    await (await bob.unsnooze(c1)).acknowledged
    await until(() => viewOf(alice, c1) === 'unassigned', 'alice sees it woken')
    await (await alice.snooze(c1, 'reply')).acknowledged
    await (await alice.archive(c1)).acknowledged
    await (await alice.unarchive(c1)).acknowledged
    await until(() => viewOf(bob, c1) === 'unassigned' && bob.conversationRow(c1)?.status === 'open', 'bob sees it open and awake')
    await expect(alice.snooze(c1, alice.now() - 1)).rejects.toThrow('must wake in the future')
  })
})

describe('the wake timer', () => {
  it('calls at the soonest wake, then aims at the next, and not at all once nothing sleeps', async () => {
    const start = Date.now()
    const wakes = [start + 30, start + 60]
    const fired: number[] = []
    const timer = new WakeTimer(
      () => wakes.find((at) => at > Date.now()) ?? null,
      () => Date.now(),
      () => fired.push(Date.now()),
    )
    timer.reschedule()
    await until(() => fired.length === 2, 'both wakes fire')
    expect(fired[0]!).toBeGreaterThanOrEqual(wakes[0]!)
    expect(fired[1]!).toBeGreaterThanOrEqual(wakes[1]!)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fired).toHaveLength(2)
    timer.stop()
  })
})
