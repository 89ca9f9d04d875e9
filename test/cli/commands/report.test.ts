import { parse } from 'csv-parse/sync'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OpenClients } from '../../helpers/client-replica.js'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'
import { FIXTURE_PERIOD, FIXTURE_START, FIXTURE_TOTALS, seedReportFixture } from '../../helpers/report-fixture.js'

let clock = FIXTURE_START
let server: TestServer
let team: Team
let base: string
const opened = new OpenClients()

beforeEach(async () => {
  clock = FIXTURE_START
  server = await startTestServer({ now: () => clock, slaSweepMs: 25, historySweepMs: 50 })
  team = await seedTeam(server, ['alice', 'carol'], ['alice'])
  base = await mkdtemp(join(tmpdir(), 'huddle-report-commands-'))
})

afterEach(async () => {
  await opened.closeAll()
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  const token = user === 'admin' ? ADMIN_TOKEN : team.tokens[user]!
  return runInProcess(argv, {
    env: { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, `data-${user}`), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: token },
  })
}

const PERIOD = ['--inbox', 'Sales', '--since', FIXTURE_PERIOD.since, '--until', FIXTURE_PERIOD.until]

describe('huddle report', () => {
  it('prints the hand-computed figures as JSON of the documented shape, as CSV and for people', async () => {
    await seedReportFixture(server, team, opened, { now: () => clock, set: (ms) => (clock = ms) })
    const json = await huddle('alice', 'report', ...PERIOD, '--json')
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout)
    expect(Object.keys(report)).toEqual(['since', 'until', 'zone', 'inboxes', 'by', 'totals', 'volume', 'groups'])
    expect(report.totals).toEqual(FIXTURE_TOTALS)
    expect(report.zone).toBe('Europe/London')

    const csv = await huddle('alice', 'report', ...PERIOD, '--by', 'day', '--csv')
    expect(csv.code).toBe(0)
    const rows: Record<string, string>[] = parse(csv.stdout, { columns: true })
    expect(rows.map((r) => [r.group, r.key, r.received, r.replied, r.archived])).toEqual([
      ['day', '2026-03-27', '1', '0', '0'],
      ['day', '2026-03-28', '0', '0', '0'],
      ['day', '2026-03-29', '0', '0', '0'],
      ['day', '2026-03-30', '2', '2', '1'],
      ['total', '', '3', '2', '1'],
    ])
    expect(rows.at(-1)).toMatchObject({ first_response_median_ms: String(25 * 60_000), first_response_p90_ms: String(60 * 60_000), resolution_median_ms: String(55 * 60_000), sla_first_response_met_percent: '50', sla_resolution_met_percent: '100' })
    expect(rows[1]!.first_response_median_ms).toBe('')

    const text = await huddle('alice', 'report', ...PERIOD)
    expect(text.stdout).toContain('Report: sales · 2026-03-27 to 2026-03-30 (Europe/London)')
    expect(text.stdout).toContain('Replied    2   first response: median 25m, 90th percentile 1h 00m')
    expect(text.stdout).toContain('SLA first response: 50% met (1 met, 1 breached, 1 pending)')
    expect(text.stdout).toMatch(/2026-03-30 +█{30} +2\n/)
  }, 30_000)

  it('refuses an agent a report on an inbox they are not in, with exit code 4', async () => {
    await customerWrites(server, '+447700900001', 'Hi')
    const refused = await huddle('carol', 'report', '--inbox', 'Sales')
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain('You (`carol`) are not a member of inbox `Sales`.')
    const own = JSON.parse((await huddle('carol', 'report', '--json')).stdout)
    expect(own.inboxes).toEqual(['personal/carol'])
  })

  it('reports every bad date and flag at once as a usage error, before asking the server', async () => {
    const bad = await huddle('alice', 'report', '--since', 'last-week', '--until', '2026-13-01')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('`last-week` is not a date or time for `--since`')
    expect(bad.stderr).toContain('`2026-13-01` is not a date or time for `--until`')
    const grouping = await huddle('alice', 'report', '--by', 'week')
    expect(grouping.code).toBe(2)
    expect(grouping.stderr).toContain('is not one of day, hour, agent, inbox, label')
    const both = await huddle('alice', 'report', '--json', '--csv')
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('Give one of `--json` and `--csv`, not both.')
  })
})
