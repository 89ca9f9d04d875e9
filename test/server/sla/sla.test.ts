import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HuddleClient } from '../../../cli/client/huddle-client.js'
import { rowSla } from '../../../cli/client/row-sla.js'
import { OpenClients, until } from '../../helpers/client-replica.js'
import { untilAnswered } from '../../helpers/until.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'

const MINUTE = 60_000
const T0 = Date.parse('2026-03-03T10:00:00Z')
let clock = T0
let server: TestServer
let team: Team
const opened = new OpenClients()

beforeEach(async () => {
  clock = T0
  server = await startTestServer({ now: () => clock, slaSweepMs: 25 })
  team = await seedTeam(server, ['alice', 'bob'], ['alice'])
})

afterEach(async () => {
  await opened.closeAll()
  await server.close()
})

function open(user: string): Promise<HuddleClient> {
  return opened.open(server.url, team.tokens[user]!)
}

type Breach = { conversation: string; kind: string; due: number; breachedAt: number; metAt: number | null; overdueMs: number; assignee: string | null; inbox: string }

async function breaches(token?: string): Promise<Breach[]> {
  return server.api('GET', '/sla/breaches', undefined, token)
}

describe('SLA breaches on the server', () => {
  it('a reply clears a first-response breach from the list, but the breach stays recorded with how late it was met', async () => {
    await server.api('PUT', `/inboxes/${team.inbox}/sla`, { firstResponseMs: 30 * MINUTE, warnBeforeMs: 10 * MINUTE })
    const id = await customerWrites(server, '+447700900001', 'Where is my order?')
    const inbox = `inbox/${team.inbox}`
    const due = T0 + 30 * MINUTE
    clock = T0 + 31 * MINUTE
    const recorded = await untilAnswered(async () => ((await breaches()).length === 1 ? await breaches() : null), 'the sweep records the breach')
    expect(recorded).toEqual([
      { conversation: id, inbox, kind: 'first-response', startedAt: T0, due, breachedAt: T0 + 31 * MINUTE, metAt: null, overdueMs: MINUTE, assignee: null },
    ])

    // Opened now, alice's clock follows the server's.
    const alice = await open('alice')
    const policy = () => alice.findInbox('Sales')!.sla
    await until(() => policy() !== null && alice.rows(inbox).length === 1, 'alice sees the conversation and the policy')
    const row = () => alice.rows(inbox)[0]!
    expect(rowSla(row(), policy(), T0 + 19 * MINUTE)).toEqual({ kind: 'first-response', due, state: 'ok' })
    expect(rowSla(row(), policy(), T0 + 20 * MINUTE)?.state).toBe('warning')
    expect(rowSla(row(), policy(), alice.now())).toEqual({ kind: 'first-response', due, state: 'breached' })

    await alice.claim(id)
    const repliedAt = alice.now()
    await alice.reply(id, 'It ships today.')
    await until(() => rowSla(row(), policy(), alice.now()) === null, 'the reply clears the breach from the list')
    const settled = await untilAnswered(async () => {
      const [breach] = await breaches()
      return breach?.metAt === null ? null : breach!
    }, 'the breach is settled')
    expect(settled).toMatchObject({ conversation: id, kind: 'first-response', due, breachedAt: T0 + 31 * MINUTE, assignee: null })
    expect(settled.metAt).toBeGreaterThanOrEqual(repliedAt)
    expect(settled.metAt).toBeLessThan(repliedAt + 5000)
    expect(settled.overdueMs).toBe(settled.metAt! - due)

    // Recorded once: sweeps over the next several periods neither add it again nor reopen it.
    clock = T0 + 60 * MINUTE
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(await breaches()).toEqual([settled])
  })

  it('lets agents read the breaches of their own inboxes only', async () => {
    await server.api('PUT', `/inboxes/${team.inbox}/sla`, { firstResponseMs: 30 * MINUTE, warnBeforeMs: 0 })
    await customerWrites(server, '+447700900001', 'Hello?')
    clock = T0 + 45 * MINUTE
    await untilAnswered(async () => ((await breaches()).length === 1 ? true : null), 'the sweep records the breach')
    expect(await breaches(team.tokens.alice)).toHaveLength(1)
    expect(await breaches(team.tokens.bob)).toEqual([])
    await expect(server.api('GET', '/sla/breaches?inbox=Sales', undefined, team.tokens.bob)).rejects.toThrow(/403.*not a member of inbox `Sales`/)
  })

  it('refuses a policy from a non-admin and a malformed one', async () => {
    await expect(server.api('PUT', `/inboxes/${team.inbox}/sla`, { firstResponseMs: 30 * MINUTE, warnBeforeMs: 0 }, team.tokens.alice)).rejects.toThrow(/403/)
    await expect(server.api('PUT', `/inboxes/${team.inbox}/sla`, { warnBeforeMs: 0 })).rejects.toThrow(/400.*at least one/)
  })
})
