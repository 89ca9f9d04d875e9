import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'
import { searchUntil } from '../../helpers/search-api.js'

let server: TestServer
let team: Team
let base: string

beforeEach(async () => {
  server = await startTestServer({ searchDebounceMs: 20 })
  team = await seedTeam(server, ['alice', 'bob'], ['alice'])
  base = await mkdtemp(join(tmpdir(), 'huddle-search-command-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  return runInProcess(argv, {
    env: {
      HOME: base,
      XDG_CONFIG_HOME: join(base, 'config'),
      XDG_DATA_HOME: join(base, `data-${user}`),
      HUDDLE_SERVER: server.url,
      HUDDLE_TOKEN: team.tokens[user] ?? 'hud_unknown-token',
    },
  })
}

describe('huddle search', () => {
  it('prints the server’s matches as JSON, newest first, with the matched stretches', async () => {
    const older = await customerWrites(server, '+15551234510', 'Une crème abîmée')
    const newer = await customerWrites(server, '+15551234520', 'CREMATION? no: cream')
    await searchUntil(server, team.tokens.alice!, { q: 'crem' }, (a) => a.body.results?.length === 2, 'both are indexed')
    const result = await huddle('alice', 'search', 'CRÉM', '--json')
    expect(result.code, result.stderr).toBe(0)
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(rows.map((r) => r.conversation)).toEqual([newer, older])
    expect(rows[1]).toMatchObject({ inbox: 'sales', channel: 'sms', contact: '+15551234510', status: 'open', kind: 'message', snippet: 'Une crème abîmée', highlights: [[4, 9]], local: false })
    expect(result.stderr).not.toContain('local')
  })

  it('shows matches between stars when not on a terminal, and refuses a bad filter before connecting', async () => {
    await customerWrites(server, '+15551234530', 'where is my parcel')
    await searchUntil(server, team.tokens.alice!, { q: 'parcel' }, (a) => a.body.results?.length === 1, 'indexed')
    const result = await huddle('alice', 'search', 'parc')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('where is my *parcel*')
    const bad = await huddle('alice', 'search', 'parc', '--since', 'last-week')
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('`last-week` is not a date or time for `since`')
  })

  it('never shows a non-member the conversations of that inbox', async () => {
    await customerWrites(server, '+15551234540', 'refund please')
    await searchUntil(server, team.tokens.alice!, { q: 'refund' }, (a) => a.body.results?.length === 1, 'indexed')
    const result = await huddle('bob', 'search', 'refund', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
  })

  it('searches this computer’s copy offline, and says the results are local', async () => {
    const id = await customerWrites(server, '+15551234550', 'Le remboursement, s’il vous plaît')
    await customerWrites(server, '+15551234560', 'unrelated')
    expect((await huddle('alice', 'sync')).code).toBe(0)
    await server.stop()
    const result = await huddle('alice', 'search', 'REMBOU', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('these results are local')
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(rows).toEqual([expect.objectContaining({ conversation: id, kind: 'message', snippet: 'Le remboursement, s’il vous plaît', highlights: [[3, 16]], local: true })])
  })
})
