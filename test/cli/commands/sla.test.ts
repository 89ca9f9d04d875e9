import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'

const MINUTE = 60_000
let server: TestServer
let team: Team
let base: string
let serverAhead = 0

beforeEach(async () => {
  serverAhead = 0
  server = await startTestServer({ now: () => Date.now() + serverAhead })
  team = await seedTeam(server, ['alice'], ['alice'])
  base = await mkdtemp(join(tmpdir(), 'huddle-sla-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  const token = user === 'admin' ? ADMIN_TOKEN : team.tokens[user]!
  return runInProcess(argv, {
    env: { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, `data-${user}`), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: token },
  })
}

describe('huddle sla set, show and clear', () => {
  it('sets a policy, shows it in words and as JSON, and clears it', async () => {
    const set = await huddle('admin', 'sla', 'set', 'Sales', '--first-response', '30m', '--resolution', '2d', '--warn-before', '5m', '--business-hours', 'Mon-Fri 09:00-17:00@Europe/London')
    expect(set.code).toBe(0)
    expect(set.stdout).toMatch(/first response +30m/)
    expect(set.stdout).toMatch(/counted in +Mon-Fri 09:00-17:00@Europe\/London/)
    const shown = JSON.parse((await huddle('alice', 'sla', 'show', 'sales', '--json')).stdout)
    expect(shown).toEqual({
      inbox: 'sales',
      name: 'Sales',
      sla: {
        firstResponse: '30m',
        nextResponse: null,
        resolution: '2d',
        warnBefore: '5m',
        businessHours: 'Mon-Fri 09:00-17:00@Europe/London',
        firstResponseMs: 30 * MINUTE,
        resolutionMs: 2 * 24 * 60 * MINUTE,
        warnBeforeMs: 5 * MINUTE,
      },
    })
    expect((await huddle('admin', 'sla', 'clear', 'Sales')).stderr).toBe('Inbox `Sales` has no SLA policy now.\n')
    expect((await huddle('alice', 'sla', 'show', 'Sales')).stderr).toContain('Inbox `Sales` has no SLA policy.')
  })

  it('reports every bad duration and bad hours at once, and needs a target', async () => {
    const bad = await huddle('admin', 'sla', 'set', 'Sales', '--first-response', '30', '--warn-before', '1w', '--business-hours', '9-5')
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('`--first-response` `30` is not a duration')
    expect(bad.stderr).toContain('`--warn-before` `1w` is not a duration')
    expect(bad.stderr).toContain('Business hours `9-5` are not valid')
    const none = await huddle('admin', 'sla', 'set', 'Sales', '--warn-before', '5m')
    expect(none.code).not.toBe(0)
    expect(none.stderr).toContain('An SLA policy needs at least one target')
  })

  it('refuses an agent who sets a policy', async () => {
    const refused = await huddle('alice', 'sla', 'set', 'Sales', '--first-response', '30m')
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('needs the `admin` permission')
  })
})

describe('SLA in huddle conversation list', () => {
  it('adds each row’s next target to the JSON and sorts the soonest due first with --sort due', async () => {
    await huddle('admin', 'sla', 'set', 'Sales', '--first-response', '1h', '--warn-before', '15m')
    const older = await customerWrites(server, '+15555550001', 'First')
    serverAhead = 30 * MINUTE
    const newer = await customerWrites(server, '+15555550002', 'Second')
    serverAhead = 50 * MINUTE
    const rows = JSON.parse((await huddle('alice', 'conversation', 'list', '--json', '--sort', 'due')).stdout) as Array<{ id: string; sla: { kind: string; due: string; state: string } }>
    expect(rows.map((r) => r.id)).toEqual([older, newer])
    expect(rows[0]!.sla).toEqual({ kind: 'first-response', due: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), state: 'warning' })
    expect(rows[1]!.sla.state).toBe('ok')
    expect(Date.parse(rows[1]!.sla.due) - Date.parse(rows[0]!.sla.due)).toBeGreaterThanOrEqual(29 * MINUTE)
    // By recent, the newer message comes first.
    const recent = JSON.parse((await huddle('alice', 'conversation', 'list', '--json')).stdout) as Array<{ id: string }>
    expect(recent.map((r) => r.id)).toEqual([newer, older])
    const table = (await huddle('alice', 'conversation', 'list', '--sort', 'due')).stdout
    expect(table).toMatch(/^SLA +ID /)
    expect(table).toMatch(new RegExp(`^1\\dm +${older}`, 'm'))
  })
})
