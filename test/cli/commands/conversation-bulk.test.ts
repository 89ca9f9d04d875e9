import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'

let server: TestServer
let team: Team
let base: string

beforeEach(async () => {
  server = await startTestServer()
  team = await seedTeam(server, ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-bulk-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function envOf(user: string): Record<string, string> {
  return {
    HOME: base,
    XDG_CONFIG_HOME: join(base, 'config'),
    XDG_DATA_HOME: join(base, `data-${user}`),
    HUDDLE_SERVER: server.url,
    HUDDLE_TOKEN: user === 'admin' ? ADMIN_TOKEN : team.tokens[user]!,
  }
}

function huddle(user: string, argv: readonly string[], stdin?: string): ReturnType<typeof runInProcess> {
  return runInProcess(argv, { env: envOf(user), ...(stdin === undefined ? {} : { stdin }) })
}

async function conversations(count: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push(await customerWrites(server, `+1555000${String(i).padStart(4, '0')}`, `Hello ${i}`))
  return ids
}

type ListRow = { readonly id: string; readonly status: string; readonly assignee: string | null; readonly priority: string; readonly labels: readonly string[] }

async function listed(user: string): Promise<Map<string, ListRow>> {
  const result = await huddle(user, ['conversation', 'list', '--json'])
  expect(result.code).toBe(0)
  return new Map((JSON.parse(result.stdout) as ListRow[]).map((row) => [row.id, row]))
}

describe('conversation commands on several conversations', () => {
  it('archive several ids given as arguments, with one line of result each', async () => {
    const ids = await conversations(3)
    const result = await huddle('alice', ['conversation', 'archive', ...ids])
    expect(result.code).toBe(0)
    expect(result.stderr.trim().split('\n')).toEqual(ids.map((id) => `Archived conversation ${id}.`))
    const rows = await listed('alice')
    expect(ids.map((id) => rows.get(id)?.status)).toEqual(['archived', 'archived', 'archived'])
  })

  it('read the ids from standard input with `-`, and print a JSON array, one object per id', async () => {
    const ids = await conversations(3)
    const result = await huddle('alice', ['conversation', 'claim', '-', '--json'], `${ids[0]}\n${ids[1]} ${ids[2]}\n`)
    expect(result.code).toBe(0)
    const printed = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(printed.map((o) => [o.action, o.conversation, o.pending, (o.row as ListRow).assignee])).toEqual(ids.map((id) => ['claim', id, false, 'alice']))
    const rows = await listed('bob')
    expect(ids.map((id) => rows.get(id)?.assignee)).toEqual(['alice', 'alice', 'alice'])
  })

  it('say which ids could not be acted on and why, act on the others, and exit non-zero', async () => {
    const ids = await conversations(3)
    expect((await huddle('bob', ['conversation', 'claim', ids[1]!])).code).toBe(0)
    const result = await huddle('alice', ['conversation', 'claim', ids[0]!, 'c-nosuchthing', ids[1]!, ids[2]!, '--json'])
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines[0]).toBe(`Claimed conversation ${ids[0]}.`)
    expect(lines[1]).toMatch(/^c-nosuchthing: .*c-nosuchthing/)
    expect(lines[2]).toMatch(new RegExp(`^${ids[1]}: Conversation \`${ids[1]}\` is assigned to bob`))
    expect(lines[3]).toBe(`Claimed conversation ${ids[2]}.`)
    const printed = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(printed.map((o) => (o.error as { code: string } | undefined)?.code ?? o.action)).toEqual(['claim', 'not-found', 'conflict', 'claim'])
    const rows = await listed('alice')
    expect(ids.map((id) => rows.get(id)?.assignee)).toEqual(['alice', 'bob', 'alice'])
  })

  it('snooze each of several until the same time, in one command', async () => {
    const ids = await conversations(2)
    const result = await huddle('alice', ['conversation', 'snooze', ...ids, '--until-reply', '--json'])
    expect(result.code).toBe(0)
    const printed = JSON.parse(result.stdout) as Array<{ row: { snoozedUntil: unknown } }>
    expect(printed.map((o) => o.row.snoozedUntil)).toEqual(['reply', 'reply'])
  })

  it('set the priority of several ids, the priority last', async () => {
    const ids = await conversations(3)
    const result = await huddle('alice', ['conversation', 'priority', ids[0]!, ids[2]!, 'urgent'])
    expect(result.code).toBe(0)
    expect(result.stderr.trim().split('\n')).toEqual([ids[0], ids[2]].map((id) => `Set conversation ${id} to urgent priority.`))
    const rows = await listed('alice')
    expect(ids.map((id) => rows.get(id)?.priority)).toEqual(['urgent', 'normal', 'urgent'])
  })

  it('label several ids at once, saying of one that already has the label that nothing changed', async () => {
    const ids = await conversations(3)
    expect((await huddle('admin', ['label', 'add', 'VIP', '--colour', 'purple'])).code).toBe(0)
    expect((await huddle('alice', ['conversation', 'label', ids[1]!, '--add', 'VIP'])).code).toBe(0)
    const result = await huddle('alice', ['conversation', 'label', ...ids, '--add', 'VIP'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^${ids[1]}: Conversation \`${ids[1]}\` already has the labels asked for`, 'm'))
    const rows = await listed('alice')
    expect(ids.map((id) => rows.get(id)?.labels)).toEqual([['VIP'], ['VIP'], ['VIP']])
  })

  it('work offline: each id is changed on this computer and waits to sync, then a sync tells one notice of the claims that lost', async () => {
    const ids = await conversations(3)
    // Alice's computer learns the three, then the server goes away.
    expect((await huddle('alice', ['conversation', 'list'])).code).toBe(0)
    expect((await huddle('bob', ['conversation', 'claim', ids[2]!])).code).toBe(0)
    await server.stop()
    const offline = await huddle('alice', ['conversation', 'claim', ...ids])
    expect(offline.code).toBe(0)
    const lines = offline.stderr.trim().split('\n')
    expect(lines.slice(0, 3)).toEqual(ids.map((id) => `Claimed conversation ${id} on this computer; waiting to sync.`))
    expect(lines[3]).toMatch(/^Offline: 3 changes made on this computer; waiting to sync \(3 changes\)\./)
    await server.start()
    const synced = await huddle('alice', ['sync'])
    expect(synced.code).toBe(0)
    expect(synced.stdout).toContain(`Your claim of 3 conversations: claimed 2 of 3; lost ${ids[2]} to Bob.`)
    expect(synced.stdout).not.toContain('Your claim of conversation')
  })

  it('refuse standard input holding no ids', async () => {
    const result = await huddle('alice', ['conversation', 'archive', '-'], '\n')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Standard input held no conversation ids/)
  })

  it('keep one id’s output as it was: an object, not an array', async () => {
    const [id] = await conversations(1)
    const result = await huddle('alice', ['conversation', 'archive', id!, '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ action: 'archive', conversation: id, pending: false })
  })
})
