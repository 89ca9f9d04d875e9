import { readReport } from '../../../core/http-contract/report-contract.js'
import type { Report } from '../../../core/report.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HuddleClient } from '../../../cli/client/huddle-client.js'
import { OpenClients, until } from '../../helpers/client-replica.js'
import { untilAnswered } from '../../helpers/until.js'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'

const MIN = 60_000
const at = (iso: string): number => Date.parse(iso)
let clock = at('2026-03-27T16:45:00Z')
let server: TestServer
let team: Team
const opened = new OpenClients()

beforeEach(async () => {
  clock = at('2026-03-27T16:45:00Z')
  server = await startTestServer({ now: () => clock, slaSweepMs: 25, historySweepMs: 50 })
  team = await seedTeam(server, ['alice', 'carol', 'dana'], ['alice'])
  await server.api('PATCH', '/users/dana', { permission: 'team-leader' })
})

afterEach(async () => {
  await opened.closeAll()
  await server.close()
})

async function acted(receipt: Promise<{ acknowledged: Promise<void> }>): Promise<void> {
  await (await receipt).acknowledged
}

async function ask(query: string, token: string): Promise<Response> {
  return fetch(`${server.url}/api/v1/reports?${query}`, { headers: { authorization: `Bearer ${token}` } })
}

/** The report asked for, read by the contract's reader (a wrong shape fails it). */
async function report(query: string, token = ADMIN_TOKEN): Promise<Report> {
  const answer = await ask(query, token)
  expect(answer.status).toBe(200)
  return readReport(await answer.json())
}

async function refusal(query: string, token = ADMIN_TOKEN): Promise<{ status: number; message: string; problems: string[] }> {
  const answer = await ask(query, token)
  const { error } = (await answer.json()) as { error: { message: string; problems: string[] } }
  return { status: answer.status, message: error.message, problems: error.problems }
}

/*
 * Sales counts Mon-Fri 09:00-17:00 in London; clocks went forward on Sunday 29 March.
 * c1: Friday 16:45 GMT, answered Monday 09:10 BST (15 + 10 business minutes), archived 09:40 BST (15 + 40), then moved to history;
 * c2: Monday 10:00 BST, answered 11:00 BST (60 minutes: the 30-minute target breached);
 * c3: Monday 12:00 BST, not answered yet.
 */
async function seedFixture(): Promise<void> {
  await server.api('PUT', `/inboxes/${team.inbox}/sla`, { firstResponseMs: 30 * MIN, resolutionMs: 24 * 60 * MIN, warnBeforeMs: 0, businessHours: 'Mon-Fri 09:00-17:00@Europe/London' })
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  const c1 = await customerWrites(server, '+447700900001', 'Where is my order?')
  const alice: HuddleClient = await opened.open(server.url, team.tokens.alice!, { wallClock: () => clock })
  await until(() => alice.rows(`inbox/${team.inbox}`).length === 1, 'alice sees c1')
  await acted(alice.claim(c1))
  clock = at('2026-03-30T08:10:00Z')
  await acted(alice.reply(c1, 'It left on Friday.'))
  // The server writes the entry's responses a moment after the reply; archived sooner, the history record would lack them.
  await untilAnswered(async () => ((await report('inbox=Sales&since=2026-03-27')).totals.replied === 1 ? true : null), 'the reply is in the entry')
  clock = at('2026-03-30T08:40:00Z')
  await acted(alice.archive(c1))
  clock = at('2026-03-30T09:00:00Z')
  const c2 = await customerWrites(server, '+447700900002', 'Can I change my address?')
  clock = at('2026-03-30T10:00:00Z')
  await untilAnswered(async () => ((await server.api('GET', '/sla/breaches')).some((b: { conversation: string }) => b.conversation === c2) ? true : null), 'c2 breaches its first-response target')
  await until(() => alice.rows(`inbox/${team.inbox}`).some((r) => r.id === c2), 'alice sees c2')
  await acted(alice.reply(c2, 'Yes, send it over.'))
  clock = at('2026-03-30T11:00:00Z')
  await customerWrites(server, '+447700900003', 'Hello?')
  clock = at('2026-03-30T11:05:00Z')
  await until(() => server.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 1 conversations`)), 'c1 moves to history', 10_000)
}

describe('reports on the server', () => {
  it('counts live and history conversations, in the inbox\'s business hours across the change to summer time', async () => {
    await seedFixture()
    const query = `inbox=Sales&since=2026-03-27&until=2026-03-30`
    const body = await untilAnswered(async () => {
      const answer = await report(query)
      return answer.totals.replied === 2 ? answer : null
    }, 'both replies are in the entries')
    expect(body).toMatchObject({ since: at('2026-03-27T00:00:00Z'), until: at('2026-03-30T23:00:00Z'), zone: 'Europe/London', inboxes: [`inbox/${team.inbox}`], by: null })
    expect(body.totals).toEqual({
      received: 3,
      replied: 2,
      archived: 1,
      firstResponse: { count: 2, medianMs: 25 * MIN, p90Ms: 60 * MIN },
      resolution: { count: 1, medianMs: 55 * MIN, p90Ms: 55 * MIN },
      sla: [
        { kind: 'first-response', met: 1, breached: 1, pending: 1, metPercent: 50 },
        { kind: 'resolution', met: 1, breached: 0, pending: 2, metPercent: 100 },
      ],
    })
    expect(body.volume.byDay).toEqual([
      { day: '2026-03-27', received: 1 },
      { day: '2026-03-28', received: 0 },
      { day: '2026-03-29', received: 0 },
      { day: '2026-03-30', received: 2 },
    ])
    expect(body.volume.byHour.flatMap((n, hour) => (n > 0 ? [[hour, n]] : []))).toEqual([
      [10, 1],
      [12, 1],
      [16, 1],
    ])
    // By who holds each: c2 was answered without being claimed.
    const byAgent = await report(`${query}&by=agent`)
    expect(byAgent.groups.map((g) => [g.key, g.received, g.replied])).toEqual([
      ['alice', 1, 1],
      [null, 2, 1],
    ])
  }, 30_000)

  it('lets an agent report on their own inboxes only, and refuses another inbox by name', async () => {
    await customerWrites(server, '+447700900001', 'Hi')
    const refused = await refusal('inbox=Sales', team.tokens.carol!)
    expect(refused.status).toBe(403)
    expect(refused.message).toBe('You (`carol`) are not a member of inbox `Sales`. Ask an admin: `huddle inbox members "Sales" --add carol`.')
    const own = await report('', team.tokens.carol!)
    expect(own.inboxes).toEqual(['personal/carol'])
    expect(own.totals.received).toBe(0)
    const member = await report('', team.tokens.alice!)
    expect(member.inboxes).toEqual([`inbox/${team.inbox}`, 'personal/alice'])
    expect(member.totals.received).toBe(1)
    expect((await refusal('inbox=@alice', team.tokens.carol!)).message).toBe('The personal inbox of `alice` can only be opened by its owner.')
  })

  it('lets team leaders and admins report on every inbox', async () => {
    await customerWrites(server, '+447700900001', 'Hi')
    const leader = await report('inbox=Sales', team.tokens.dana!)
    expect(leader.totals.received).toBe(1)
    const admin = await report('')
    expect(admin.inboxes).toContain(`inbox/${team.inbox}`)
    expect(admin.totals.received).toBe(1)
  })

  it('answers 400 naming every bad value, and 404 for an unknown inbox or agent', async () => {
    const bad = await refusal('since=last-week&by=month')
    expect(bad.status).toBe(400)
    expect(bad.problems).toHaveLength(2)
    expect((await refusal('inbox=Nowhere')).status).toBe(404)
    expect((await refusal('agent=zed')).status).toBe(404)
  })
})
