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
  team = await seedTeam(server, ['alice', 'bob'], ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-label-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  const token = user === 'admin' ? ADMIN_TOKEN : (team.tokens[user] ?? '')
  const env = { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, `data-${user}`), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: token }
  return runInProcess(argv, { env })
}

type Row = { id: string; priority: string; labels: string[] }

async function rows(user: string, ...filters: string[]): Promise<Row[]> {
  const result = await huddle(user, 'conversation', 'list', '--json', ...filters)
  expect(result.stderr).not.toMatch(/error/i)
  return JSON.parse(result.stdout) as Row[]
}

describe('huddle label', () => {
  it('adds, lists by name, renames, recolours and removes labels', async () => {
    const added = await huddle('admin', 'label', 'add', '  Key   account ', '--colour', 'purple', '--json')
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toEqual({ id: 'key-account', name: 'Key account', colour: 'purple' })
    expect((await huddle('admin', 'label', 'add', 'billing', '--colour', 'orange')).code).toBe(0)
    expect((await huddle('alice', 'label', 'list')).stdout).toMatch(/^NAME +COLOUR +ID\nbilling +orange +billing\nKey account +purple +key-account\n/)
    const edited = await huddle('admin', 'label', 'edit', 'key account', '--name', 'VIP', '--colour', 'teal', '--json')
    expect(JSON.parse(edited.stdout)).toEqual({ id: 'key-account', name: 'VIP', colour: 'teal' })
    const removed = await huddle('admin', 'label', 'remove', 'vip', '--yes')
    expect([removed.code, removed.stderr.trim()]).toEqual([0, 'Removed label `VIP`.'])
    expect(JSON.parse((await huddle('admin', 'label', 'list', '--json')).stdout)).toEqual([{ id: 'billing', name: 'billing', colour: 'orange' }])
  })

  it('refuses a name taken regardless of case, a colour off the palette, and agents', async () => {
    await huddle('admin', 'label', 'add', 'VIP', '--colour', 'purple')
    const taken = await huddle('admin', 'label', 'add', 'vip', '--colour', 'red')
    expect(taken.code).not.toBe(0)
    expect(taken.stderr).toContain('A label named `VIP` already exists')
    const colour = await huddle('admin', 'label', 'add', 'Spam', '--colour', 'pink')
    expect(colour.code).toBe(2)
    expect(colour.stderr).toMatch(/pink/)
    const agent = await huddle('alice', 'label', 'add', 'Spam', '--colour', 'grey')
    expect(agent.code).toBe(4)
    expect(agent.stderr).toContain('Changing settings needs the `admin` permission')
  })
})

describe('huddle conversation label and priority', () => {
  beforeEach(async () => {
    await huddle('admin', 'label', 'add', 'VIP', '--colour', 'purple')
    await huddle('admin', 'label', 'add', 'Billing issue', '--colour', 'orange')
  })

  it('adds and removes labels by name, shown by name in lists, and filters by them', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const c2 = await customerWrites(server, '+15555550002', 'Hi')
    const labelled = await huddle('alice', 'conversation', 'label', c1, '--add', 'vip', '--add', 'BILLING   issue')
    expect(labelled.code).toBe(0)
    expect(labelled.stderr).toContain(`Labelled conversation ${c1} vip, BILLING   issue`)
    expect((await rows('bob')).find((r) => r.id === c1)?.labels).toEqual(['Billing issue', 'VIP'])
    expect((await rows('bob', '--label', 'VIP')).map((r) => r.id)).toEqual([c1])
    expect(await rows('bob', '--label', 'VIP', '--label', 'billing issue')).toHaveLength(1)
    expect((await huddle('bob', 'conversation', 'label', c1, '--remove', 'VIP', '--add', 'vip')).stderr).toContain('is both added and removed')
    expect((await huddle('bob', 'conversation', 'label', c1, '--remove', 'VIP')).code).toBe(0)
    expect((await rows('alice')).find((r) => r.id === c1)?.labels).toEqual(['Billing issue'])
    expect(await rows('alice', '--label', 'VIP')).toEqual([])
    expect((await rows('alice')).find((r) => r.id === c2)).toMatchObject({ labels: [], priority: 'normal' })
    const list = await huddle('alice', 'conversation', 'list')
    expect(list.stdout).toMatch(/LABELS/)
    expect(list.stdout).toMatch(/Billing issue/)
  })

  it('refuses every unknown label at once, and a change that changes nothing', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const unknown = await huddle('alice', 'conversation', 'label', c1, '--add', 'Gold', '--add', 'VIP', '--remove', 'Silver')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('There is no label `Gold`')
    expect(unknown.stderr).toContain('There is no label `Silver`')
    expect((await rows('alice'))[0]?.labels).toEqual([])
    await huddle('alice', 'conversation', 'label', c1, '--add', 'VIP')
    const again = await huddle('alice', 'conversation', 'label', c1, '--add', 'VIP')
    expect(again.stderr).toContain('already has the labels asked for')
    expect((await huddle('alice', 'conversation', 'label', c1)).stderr).toContain('Say which labels')
  })

  it('sets a priority, shows it, filters by it, and keeps the history of both', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const c2 = await customerWrites(server, '+15555550002', 'Hi')
    expect((await huddle('alice', 'conversation', 'priority', c1, 'urgent')).stderr).toContain(`Set conversation ${c1} to urgent priority`)
    expect((await huddle('bob', 'conversation', 'priority', c2, 'low')).code).toBe(0)
    expect((await rows('bob', '--priority', 'urgent')).map((r) => r.id)).toEqual([c1])
    expect((await rows('bob', '--priority', 'normal'))).toEqual([])
    expect((await huddle('alice', 'conversation', 'list')).stdout).toMatch(/!! urgent/)
    const bad = await huddle('alice', 'conversation', 'priority', c1, 'critical')
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('Priority `critical` is not one of urgent, high, normal, low')])
    await huddle('alice', 'conversation', 'label', c1, '--add', 'VIP')
    await huddle('admin', 'label', 'remove', 'VIP', '--yes')
    // A removed label shows on no row and filters nothing, but history still names it.
    expect((await rows('alice')).find((r) => r.id === c1)?.labels).toEqual([])
    expect((await huddle('alice', 'conversation', 'list', '--label', 'VIP')).stderr).toContain('There is no label `VIP`')
    const show = await huddle('alice', 'conversation', 'show', c1)
    expect(show.stdout).toMatch(/Priority +!! urgent/)
    expect(show.stdout).toMatch(/Alice: set priority urgent/)
    expect(show.stdout).toMatch(/Alice: added label VIP/)
  })
})
