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
  base = await mkdtemp(join(tmpdir(), 'huddle-view-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

/** `huddle …` as `user` on one of their computers (`device`), each with its own replica. */
function huddle(user: string, argv: readonly string[], device = 'laptop', env: Record<string, string> = {}): ReturnType<typeof runInProcess> {
  const token = user === 'admin' ? ADMIN_TOKEN : (team.tokens[user] ?? '')
  const home = { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, `data-${user}-${device}`), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: token }
  return runInProcess(argv, { env: { ...home, ...env } })
}

type ViewJson = { name: string; count: number; filter: Record<string, unknown> }

async function views(user: string, device?: string): Promise<ViewJson[]> {
  const listed = await huddle(user, ['view', 'list', '--json'], device)
  expect(listed.code).toBe(0)
  return JSON.parse(listed.stdout) as ViewJson[]
}

describe('huddle view save, list and remove', () => {
  it('saves a view whose count and conversation list follow its filter', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'I want a refund')
    const c2 = await customerWrites(server, '+15555550002', 'Where is my parcel?')
    const c3 = await customerWrites(server, '+15555550003', 'Refund please')
    expect((await huddle('alice', ['conversation', 'claim', c1])).code).toBe(0)
    expect((await huddle('bob', ['conversation', 'claim', c2])).code).toBe(0)

    const saved = await huddle('alice', ['view', 'save', 'My refunds', '--status', 'mine,unassigned', '--text', 'refu', '--json'])
    expect(saved.code).toBe(0)
    expect(JSON.parse(saved.stdout)).toMatchObject({ action: 'save-view', name: 'My refunds', pending: false })
    expect(saved.stderr).toContain('Saved view “My refunds”.')

    expect(await views('alice')).toEqual([
      {
        name: 'My refunds',
        count: 2,
        filter: { inboxes: [], channels: [], labels: [], priorities: [], assignees: [], statuses: ['mine', 'unassigned'], sla: [], text: 'refu' },
      },
    ])
    const listed = await huddle('alice', ['conversation', 'list', '--saved', 'my refunds', '--json'])
    expect(listed.code).toBe(0)
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id).sort()).toEqual([c1, c3].sort())
    const human = await huddle('alice', ['view', 'list'])
    expect(human.stdout).toBe('My refunds (2): status mine, unassigned · text "refu"\n')
  })

  it('replaces a view saved again under the same name in another case, and removes it', async () => {
    await customerWrites(server, '+15555550001', 'Hello')
    expect((await huddle('alice', ['view', 'save', 'Triage', '--status', 'unassigned'])).code).toBe(0)
    expect((await huddle('alice', ['view', 'save', 'TRIAGE', '--inbox', 'Sales', '--channel', 'sms'])).code).toBe(0)
    expect(await views('alice')).toEqual([expect.objectContaining({ name: 'TRIAGE', count: 1, filter: expect.objectContaining({ inboxes: [`inbox/${team.inbox}`], statuses: [] }) })])
    const removed = await huddle('alice', ['view', 'remove', 'triage'])
    expect(removed.code).toBe(0)
    expect(removed.stderr).toContain('Removed view “TRIAGE”.')
    expect(await views('alice')).toEqual([])
  })

  it('filters by label and priority, and stops filtering by a label once an admin removes it', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const c2 = await customerWrites(server, '+15555550002', 'Hi')
    await customerWrites(server, '+15555550003', 'Hey')
    expect((await huddle('admin', ['label', 'add', 'VIP', '--colour', 'purple'])).code).toBe(0)
    expect((await huddle('alice', ['conversation', 'label', c1, '--add', 'vip'])).code).toBe(0)
    expect((await huddle('alice', ['conversation', 'priority', c2, 'urgent'])).code).toBe(0)
    expect((await huddle('alice', ['view', 'save', 'VIPs', '--label', 'vip'])).code).toBe(0)
    expect((await huddle('alice', ['view', 'save', 'Hot', '--priority', 'urgent,high'])).code).toBe(0)
    const listed = await views('alice')
    expect(listed.map((v) => [v.name, v.count])).toEqual([
      ['Hot', 1],
      ['VIPs', 1],
    ])
    expect((await huddle('alice', ['view', 'list'])).stdout).toContain('VIPs (1): label VIP\n')
    const hot = await huddle('alice', ['conversation', 'list', '--saved', 'hot', '--json'])
    expect((JSON.parse(hot.stdout) as { id: string }[]).map((r) => r.id)).toEqual([c2])
    expect((await huddle('admin', ['label', 'remove', 'VIP', '--yes'])).code).toBe(0)
    expect((await views('alice')).find((v) => v.name === 'VIPs')?.count).toBe(3)
  })

  it('refuses a filter with bad values, naming every one, and saves nothing', async () => {
    const refused = await huddle('alice', ['view', 'save', 'Bad', '--inbox', 'Nowhere', '--assignee', 'zed', '--text', '!!'])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('`--inbox` `Nowhere` is not known: give one of your inboxes (Sales, personal)')
    expect(refused.stderr).toContain('`--assignee` `zed` is not known')
    expect(refused.stderr).toContain('the text to match `!!` holds no letter or digit')
    const badStatus = await huddle('alice', ['view', 'save', 'Bad', '--status', 'mine,done'])
    expect(badStatus.code).not.toBe(0)
    expect(badStatus.stderr).toContain('done')
    const badName = await huddle('alice', ['view', 'save', ' '.repeat(3), '--status', 'mine'])
    expect(badName.code).not.toBe(0)
    expect(badName.stderr).toContain('View name')
    expect(await views('alice')).toEqual([])
  })

  it('says which views there are when removing or listing one that does not exist', async () => {
    expect((await huddle('alice', ['view', 'save', 'Mine', '--status', 'mine'])).code).toBe(0)
    const remove = await huddle('alice', ['view', 'remove', 'Theirs'])
    expect(remove.code).not.toBe(0)
    expect(remove.stderr).toContain('You have no saved view `Theirs`. List yours with `huddle view list`.')
    const list = await huddle('alice', ['conversation', 'list', '--saved', 'Theirs'])
    expect(list.code).not.toBe(0)
    expect(list.stderr).toContain('You have no saved view `Theirs`. Yours: `Mine`.')
    const mixed = await huddle('alice', ['conversation', 'list', '--saved', 'Mine', '--view', 'others'])
    expect(mixed.code).not.toBe(0)
    expect(mixed.stderr).toContain('leave out `--inbox`, `--view`')
  })

  it('keeps views per user: a colleague neither sees nor can open them', async () => {
    expect((await huddle('alice', ['view', 'save', 'Mine', '--status', 'mine'])).code).toBe(0)
    expect(await views('bob')).toEqual([])
  })

  it('shows a view saved on one computer on the user’s other computer, and one saved offline once it syncs', async () => {
    expect((await huddle('alice', ['view', 'save', 'Urgent SMS', '--channel', 'sms'])).code).toBe(0)
    expect((await views('alice', 'desktop')).map((v) => v.name)).toEqual(['Urgent SMS'])

    await server.stop()
    const away = await huddle('alice', ['view', 'save', 'Away', '--status', 'snoozed'], 'desktop')
    expect(away.code).toBe(0)
    expect(away.stderr).toContain('Offline: saved view “Away” on this computer')
    expect((await huddle('alice', ['view', 'list'], 'desktop')).stdout).toBe('Away (0): status snoozed\nUrgent SMS (0): channel sms\n')
    await server.start()
    expect((await views('alice', 'laptop')).map((v) => v.name)).toEqual(['Urgent SMS'])
    expect((await huddle('alice', ['sync'], 'desktop')).code).toBe(0)
    expect((await views('alice', 'laptop')).map((v) => v.name)).toEqual(['Away', 'Urgent SMS'])
  })
})
