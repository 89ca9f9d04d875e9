import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readReport } from '../../../core/http-contract/report-contract.js'
import type { Report } from '../../../core/report.js'
import { OpenClients, until } from '../../helpers/client-replica.js'
import { untilAnswered } from '../../helpers/until.js'
import { FIXTURE_PERIOD, FIXTURE_START, FIXTURE_TOTALS, seedReportFixture } from '../../helpers/report-fixture.js'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'

const at = (iso: string): number => Date.parse(iso)
let clock = FIXTURE_START
let server: TestServer
let team: Team
const opened = new OpenClients()

beforeEach(async () => {
  clock = FIXTURE_START
  server = await startTestServer({ now: () => clock, slaSweepMs: 25, historySweepMs: 50 })
  team = await seedTeam(server, ['alice', 'carol', 'dana'], ['alice'])
  await server.api('PATCH', '/users/dana', { permission: 'team-leader' })
})

afterEach(async () => {
  await opened.closeAll()
  await server.close()
})

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

describe('reports on the server', () => {
  it('counts live and history conversations, in the inbox\'s business hours across the change to summer time', async () => {
    await seedReportFixture(server, team, opened, { now: () => clock, set: (ms) => (clock = ms) })
    const query = `inbox=Sales&since=${FIXTURE_PERIOD.since}&until=${FIXTURE_PERIOD.until}`
    const body = await report(query)
    expect(body).toMatchObject({ since: at('2026-03-27T00:00:00Z'), until: at('2026-03-30T23:00:00Z'), zone: 'Europe/London', inboxes: [`inbox/${team.inbox}`], by: null })
    expect(body.totals).toEqual(FIXTURE_TOTALS)
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

  it('counts a reply made just before the conversation was archived and moved to history at once', async () => {
    await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
    const id = await customerWrites(server, '+447700900009', 'Is it in stock?')
    const alice = await opened.open(server.url, team.tokens.alice!, { wallClock: () => clock })
    await until(() => alice.rows(`inbox/${team.inbox}`).length === 1, 'alice sees the conversation')
    await (await alice.reply(id, 'Yes, two left.')).acknowledged
    await (await alice.archive(id)).acknowledged
    await until(() => server.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 1 conversations`)), 'it moves to history', 10_000)
    await untilAnswered(async () => ((await report('inbox=Sales&since=1d')).totals.replied === 1 ? true : null), 'the reply counts from history')
    expect((await report('inbox=Sales&since=1d')).totals).toMatchObject({ received: 1, replied: 1, archived: 1 })
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

  it('groups and filters by label, named as people name it, and stops counting a label once removed', async () => {
    await server.api('POST', '/labels', { name: 'VIP', colour: 'purple' })
    await server.api('POST', '/labels', { name: 'Billing', colour: 'blue' })
    const c1 = await customerWrites(server, '+447700900001', 'Refund please')
    const c2 = await customerWrites(server, '+447700900002', 'Invoice?')
    await customerWrites(server, '+447700900003', 'Hello')
    const alice = await opened.open(server.url, team.tokens.alice!, { wallClock: () => clock })
    await until(() => alice.rows(`inbox/${team.inbox}`).length === 3, 'alice sees the conversations')
    await (await alice.label(c1, { add: ['VIP', 'Billing'], remove: [] })).acknowledged
    await (await alice.label(c2, { add: ['billing'], remove: [] })).acknowledged
    const byLabel = async (): Promise<Array<[string | null, number]>> => (await report('inbox=Sales&by=label')).groups.map((g) => [g.key, g.received])
    expect(await byLabel()).toEqual([
      ['billing', 2],
      ['vip', 1],
      [null, 1],
    ])
    expect((await report('inbox=Sales&label=vip')).totals.received).toBe(1)
    expect((await report('inbox=Sales&label=Billing')).totals.received).toBe(2)
    expect((await refusal('label=Nope')).message).toBe('There is no label `Nope`. List labels with `huddle label list`.')
    await server.api('DELETE', '/labels/billing')
    expect(await byLabel()).toEqual([
      ['vip', 1],
      [null, 2],
    ])
  })

  it('answers 400 naming every bad value, and 404 for an unknown inbox or agent', async () => {
    const bad = await refusal('since=last-week&by=month')
    expect(bad.status).toBe(400)
    expect(bad.problems).toHaveLength(2)
    expect((await refusal('inbox=Nowhere')).status).toBe(404)
    expect((await refusal('agent=zed')).status).toBe(404)
  })
})
