import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'

const HOUR = 3_600_000
let server: TestServer
let team: Team
let base: string

beforeEach(async () => {
  server = await startTestServer()
  team = await seedTeam(server, ['alice', 'bob'], ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-snooze-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  const env = { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, `data-${user}`), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: team.tokens[user] ?? '' }
  return runInProcess(argv, { env })
}

type Row = { id: string; view: string; assignee: string | null; snoozedUntil: string | null }

async function rows(user: string, view?: string): Promise<Row[]> {
  const result = await huddle(user, 'conversation', 'list', '--json', ...(view ? ['--view', view] : []))
  return JSON.parse(result.stdout) as Row[]
}

describe('huddle conversation snooze and unsnooze', () => {
  it('snoozes a claimed conversation for 3 hours: it leaves Assigned to me for Snoozed, for everyone, keeping its assignee', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    expect((await huddle('alice', 'conversation', 'claim', c1)).code).toBe(0)
    const before = Date.now()
    const snoozed = await huddle('alice', 'conversation', 'snooze', c1, '--until', '3h')
    expect(snoozed.stderr).toContain(`Snoozed conversation ${c1} until 3h`)
    expect(snoozed.code).toBe(0)
    const [row] = await rows('alice', 'snoozed')
    expect(row).toMatchObject({ id: c1, view: 'snoozed', assignee: 'alice' })
    const wakes = Date.parse(row!.snoozedUntil!)
    expect(wakes).toBeGreaterThanOrEqual(before + 3 * HOUR - 1000)
    expect(wakes).toBeLessThanOrEqual(Date.now() + 3 * HOUR + 1000)
    expect(await rows('alice', 'mine')).toEqual([])
    expect((await rows('bob', 'snoozed')).map((r) => r.id)).toEqual([c1])
    expect((await huddle('alice', 'conversation', 'list')).stderr).toContain('Sales: 0 mine, 0 others, 0 unassigned, 0 archived, 1 snoozed.')
  })

  it('snoozes until the customer replies, and wakes when they do', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    expect((await huddle('bob', 'conversation', 'snooze', c1, '--until-reply')).code).toBe(0)
    expect(await rows('alice', 'snoozed')).toEqual([expect.objectContaining({ id: c1, snoozedUntil: 'reply' })])
    await customerWrites(server, '+15555550001', 'Any news?')
    expect(await rows('alice', 'snoozed')).toEqual([])
    expect(await rows('alice', 'unassigned')).toEqual([expect.objectContaining({ id: c1, snoozedUntil: null })])
  })

  it('wakes a conversation with unsnooze, and shows both in its history', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('alice', 'conversation', 'snooze', c1, '--until', '2099-01-01T09:00Z')
    const woke = await huddle('bob', 'conversation', 'unsnooze', c1)
    expect(woke.stderr).toContain(`Woke conversation ${c1}`)
    expect(await rows('alice', 'unassigned')).toEqual([expect.objectContaining({ id: c1 })])
    const show = await huddle('alice', 'conversation', 'show', c1)
    expect(show.stdout).toMatch(/snoozed until 2099-01-01 09:00:00Z by Alice/)
    expect(show.stdout).toMatch(/woken by Bob/)
    const detail = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout) as { history: { kind: string; until?: unknown }[] }
    expect(detail.history.map((h) => [h.kind, h.until])).toEqual([
      ['snooze', Date.UTC(2099, 0, 1, 9)],
      ['unsnooze', undefined],
    ])
  })

  it('refuses a WHEN it cannot read, a time past, both or neither of --until and --until-reply, and an unsnooze of one not snoozed', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const unknown = await huddle('alice', 'conversation', 'snooze', c1, '--until', 'someday')
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('`someday` is not a time to snooze until: the form is not one huddle knows. Write an ISO time')
    expect((await huddle('alice', 'conversation', 'snooze', c1, '--until', '2020-01-01')).stderr).toContain('it is not in the future')
    for (const flags of [[], ['--until', '1h', '--until-reply']]) {
      const result = await huddle('alice', 'conversation', 'snooze', c1, ...flags)
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain('Say when it wakes: give either `--until WHEN`')
    }
    const notSnoozed = await huddle('alice', 'conversation', 'unsnooze', c1)
    expect(notSnoozed.stderr).toContain(`Conversation \`${c1}\` is not snoozed.`)
    expect(await rows('alice', 'unassigned')).toHaveLength(1)
  })

  it('works offline: the snooze is made here at once and reaches the server later', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('alice', 'conversation', 'list')
    await server.stop()
    const result = await huddle('alice', 'conversation', 'snooze', c1, '--until', 'tomorrow')
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Offline')
    const [offline] = JSON.parse((await huddle('alice', 'conversation', 'list', '--json', '--view', 'snoozed')).stdout) as Row[]
    expect(offline?.id).toBe(c1)
    await server.start()
    expect((await rows('bob', 'snoozed')).map((r) => r.id)).toEqual([])
    expect((await huddle('alice', 'sync')).code).toBe(0)
    expect((await rows('bob', 'snoozed')).map((r) => r.id)).toEqual([c1])
  })
})
