import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startCliTestServer, type CliTestServer } from '../helpers/cli-server.js'

let server: CliTestServer
const tokens: Record<string, string> = {}

beforeAll(async () => {
  await buildCliOnce()
  server = await startCliTestServer()
  for (const [id, licences] of [
    ['alice', 'sms'],
    ['bob', 'whatsapp,chat'],
  ] as const) {
    const user = (await server.huddleJson(['user', 'add', id, '--name', id.toUpperCase(), '--licence', licences])) as { token: string }
    tokens[id] = user.token
  }
  await server.huddleJson(['user', 'add', 'carol', '--name', 'Carol Unlicensed'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

type InboxJson = { id: string; name: string; description: string; members: string[] }

async function inboxes(): Promise<InboxJson[]> {
  return (await server.huddleJson(['inbox', 'list'])) as InboxJson[]
}

describe('huddle inbox', () => {
  it('creates an inbox and prints exactly {id, name, description} with --json', async () => {
    const inbox = await server.huddleJson(['inbox', 'create', '--name', 'Billing & Refunds', '--description', 'Money matters'])
    expect(inbox).toEqual({ id: 'billing-refunds', name: 'Billing & Refunds', description: 'Money matters' })
  })

  it('lists inboxes as [{id, name, description, members: [user ids]}] with --json, and as a table', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Listed'])
    await server.huddleJson(['inbox', 'members', 'Listed', '--add', 'alice,bob'])
    const listed = (await inboxes()).find((i) => i.id === 'listed')
    expect(listed).toEqual({ id: 'listed', name: 'Listed', description: '', autoAssign: { mode: 'off', capacity: 10 }, members: ['alice', 'bob'] })
    for (const inbox of await inboxes()) expect(Object.keys(inbox).sort()).toEqual(['autoAssign', 'description', 'id', 'members', 'name'])
    const table = await server.huddle(['inbox', 'list'])
    expect(table.stdout).toMatch(/^ID +NAME +MEMBERS +AUTO-ASSIGN +DESCRIPTION$/m)
    expect(table.stdout).toMatch(/^listed +Listed +alice, bob +off +-$/m)
  })

  it('shows one inbox named by id or by name in any case, with its counts', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Shown', '--description', 'For show'])
    const byName = (await server.huddleJson(['inbox', 'show', 'sHoWn'])) as Record<string, unknown>
    expect(byName).toEqual({ id: 'shown', name: 'Shown', description: 'For show', reopenArchived: false, keepArchivedDays: 30, autoAssign: { mode: 'off', capacity: 10 }, members: [], counts: { open: 0, archived: 0 } })
    const human = await server.huddle(['inbox', 'show', 'shown'])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^description +For show$/m)
    expect(human.stdout).toMatch(/^open +0$/m)
  })

  it('shows each member with their availability in words, offline for one not connected', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Staffed'])
    await server.huddleJson(['inbox', 'members', 'Staffed', '--add', 'alice,bob'])
    await server.huddleJson(['availability', 'set', 'busy', '--user', 'bob'])
    const human = await server.huddle(['inbox', 'show', 'Staffed'])
    expect(human.code).toBe(0)
    // Nobody here has a client connected: the choice shows only once they are.
    expect(human.stdout).toMatch(/^members +alice · offline, bob · offline$/m)
  })

  it('edits the name, description and reopen setting', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Before'])
    const edited = await server.huddleJson(['inbox', 'edit', 'Before', '--name', 'After', '--description', 'Renamed', '--reopen-archived', 'true'])
    expect(edited).toMatchObject({ id: 'before', name: 'After', description: 'Renamed', reopenArchived: true })
    expect(await server.huddleJson(['inbox', 'show', 'after'])).toMatchObject({ reopenArchived: true })
  })

  it('sets how long archived conversations stay live, refusing a number of days that is not one', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Kept'])
    expect(await server.huddleJson(['inbox', 'edit', 'Kept', '--keep-archived-days', '0'])).toMatchObject({ keepArchivedDays: 0 })
    const refused = await server.huddle(['inbox', 'edit', 'Kept', '--keep-archived-days', '-3'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('`-3` days is not valid')
  })

  it('sets auto-assignment and its capacity, keeping one when only the other is given, and refuses a capacity that is not a whole number from 1', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Auto'])
    expect(await server.huddleJson(['inbox', 'edit', 'Auto', '--auto-assign', 'round-robin', '--capacity', '3'])).toMatchObject({ autoAssign: { mode: 'round-robin', capacity: 3 } })
    expect(await server.huddleJson(['inbox', 'edit', 'Auto', '--auto-assign', 'fewest-open'])).toMatchObject({ autoAssign: { mode: 'fewest-open', capacity: 3 } })
    const shown = await server.huddle(['inbox', 'show', 'Auto'])
    expect(shown.stdout).toMatch(/^auto-assign +fewest-open, capacity 3 open each$/m)
    for (const bad of ['0', '2.5']) {
      const refused = await server.huddle(['inbox', 'edit', 'Auto', '--capacity', bad])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(`Capacity \`${bad}\` is not valid: give a whole number of open conversations from 1`)
    }
    const unknown = await server.huddle(['inbox', 'edit', 'Auto', '--auto-assign', 'random'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('is not one of off, round-robin, fewest-open')
  })

  it('deletes an inbox with --yes, and refuses without it when there is no terminal', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Doomed'])
    const refused = await server.huddle(['inbox', 'delete', 'Doomed'])
    expect(refused.code).toBe(2)
    expect((await inboxes()).map((i) => i.id)).toContain('doomed')
    expect(await server.huddleJson(['inbox', 'delete', 'Doomed', '--yes'])).toEqual({ removed: 'doomed' })
    expect((await inboxes()).map((i) => i.id)).not.toContain('doomed')
  })

  it('refuses to delete an inbox with open conversations unless forced', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Busy'])
    await server.huddleJson(['routing', 'add', '--address', '+15555550777', '--to-inbox', 'Busy', '--default'])
    expect(await server.huddleJson(['inbound', '--channel', 'sms', '--from', '+447700900777', '--to', '+15555550777', '--body', 'hello'])).toMatchObject({ inbox: 'busy' })
    const refused = await server.huddle(['inbox', 'delete', 'Busy', '--yes'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('open conversation')
    expect(refused.stderr).toContain('--force')
    expect(await server.huddleJson(['inbox', 'delete', 'Busy', '--yes', '--force'])).toEqual({ removed: 'busy' })
  })
})

describe('huddle inbox members', () => {
  it('lists the members, adds and removes them in one change', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Team'])
    expect(await server.huddleJson(['inbox', 'members', 'Team'])).toEqual([])
    const added = await server.huddleJson(['inbox', 'members', 'Team', '--add', 'alice', '--add', 'bob'])
    expect(added).toEqual({
      members: [
        { id: 'alice', name: 'ALICE', permission: 'basic', licences: ['sms'] },
        { id: 'bob', name: 'BOB', permission: 'basic', licences: ['chat', 'whatsapp'] },
      ],
      added: ['alice', 'bob'],
      removed: [],
    })
    const swapped = (await server.huddleJson(['inbox', 'members', 'team', '--remove', 'alice'])) as { members: { id: string }[]; removed: string[] }
    expect(swapped.members.map((m) => m.id)).toEqual(['bob'])
    expect(swapped.removed).toEqual(['alice'])
    const table = await server.huddle(['inbox', 'members', 'Team'])
    expect(table.stdout).toMatch(/^bob +BOB +basic +chat, whatsapp$/m)
    expect(table.stdout).not.toContain('alice')
  })

  it('refuses an unlicensed or unknown member with exit 1 and changes nothing', async () => {
    await server.huddleJson(['inbox', 'create', '--name', 'Strict'])
    const refused = await server.huddle(['inbox', 'members', 'Strict', '--add', 'alice,carol,zed'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('`carol` holds no digital licence')
    expect(refused.stderr).toContain('`zed` does not exist')
    expect(await server.huddleJson(['inbox', 'members', 'Strict'])).toEqual([])
  })
})

describe('refusals of inbox commands', () => {
  const cases: readonly { title: string; argv: string[]; as?: string; code: number; says: string }[] = [
    { title: 'a basic user may not list inboxes', argv: ['inbox', 'list'], as: 'alice', code: 4, says: 'admin' },
    { title: 'a basic user may not create an inbox', argv: ['inbox', 'create', '--name', 'Mine'], as: 'bob', code: 4, says: 'admin' },
    { title: 'showing an unknown inbox is an error', argv: ['inbox', 'show', 'Nowhere'], code: 1, says: 'There is no inbox `Nowhere`' },
    { title: 'editing an unknown inbox is an error', argv: ['inbox', 'edit', 'Nowhere', '--name', 'X'], code: 1, says: 'Nowhere' },
    { title: 'deleting an unknown inbox is an error', argv: ['inbox', 'delete', 'Nowhere', '--yes'], code: 1, says: 'Nowhere' },
    { title: 'the members of an unknown inbox are an error', argv: ['inbox', 'members', 'Nowhere'], code: 1, says: 'Nowhere' },
    { title: 'an inbox name taken in another case is an error', argv: ['inbox', 'create', '--name', 'BILLING & REFUNDS'], code: 1, says: 'already exists' },
    { title: 'a missing --name is a usage error', argv: ['inbox', 'create', '--description', 'x'], code: 2, says: 'The flag `--name` is required.' },
    { title: 'a bad --reopen-archived is a usage error', argv: ['inbox', 'edit', 'x', '--reopen-archived', 'yes'], code: 2, says: 'is not one of true, false' },
  ]

  it.each(cases)('$title (exit $code)', async ({ argv, as, code, says }) => {
    const result = await server.huddle(argv, as === undefined ? {} : { token: tokens[as]! })
    expect(result.code).toBe(code)
    expect(result.stderr).toContain(says)
    expect(result.stdout).toBe('')
  })
})
