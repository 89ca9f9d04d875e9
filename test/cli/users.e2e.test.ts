import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce, runBinary } from '../helpers/cli-binary.js'
import { startCliTestServer, type CliTestServer } from '../helpers/cli-server.js'

let server: CliTestServer
/** Tokens of the users made in beforeAll. */
const tokens: Record<string, string> = {}

async function addUser(id: string, ...flags: string[]): Promise<string> {
  const user = (await server.huddleJson(['user', 'add', id, ...flags])) as { token: string }
  return user.token
}

beforeAll(async () => {
  await buildCliOnce()
  server = await startCliTestServer()
  tokens.agent = await addUser('agent', '--name', 'Agent Smith', '--licence', 'sms')
  tokens.lead = await addUser('lead', '--name', 'Team Lead', '--permission', 'team-leader', '--licence', 'sms,whatsapp')
  tokens.bare = await addUser('bare', '--name', 'Unlicensed Admin', '--permission', 'admin')
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('huddle user', () => {
  it('adds a user and prints exactly {id, name, permission, licences, token} with --json', async () => {
    const user = await server.huddleJson(['user', 'add', 'dana', '--name', 'Dana Scully', '--permission', 'team-leader', '--licence', 'whatsapp', '--licence', 'sms'])
    expect(Object.keys(user as object).sort()).toEqual(['id', 'licences', 'name', 'permission', 'token'])
    expect(user).toEqual({ id: 'dana', name: 'Dana Scully', permission: 'team-leader', licences: ['sms', 'whatsapp'], token: expect.any(String) })
  })

  it('shows the token of a new user once, with a note that it will not be shown again', async () => {
    const result = await server.huddle(['user', 'add', 'eve', '--name', 'Eve', '--licence', 'chat'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^token +\S{16,}$/m)
    expect(result.stderr).toContain('it will not be shown again')
    const list = await server.huddle(['user', 'list'])
    expect(list.stdout).toMatch(/^eve +Eve +basic +chat$/m)
    expect(list.stdout).not.toContain(result.stdout.match(/^token +(\S+)$/m)![1])
  })

  it('lists users as a table, and as [{id, name, permission, licences}] with --json', async () => {
    const table = await server.huddle(['user', 'list'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^ID +NAME +PERMISSION +LICENCES$/m)
    expect(table.stdout).toMatch(/^agent +Agent Smith +basic +sms$/m)
    const users = (await server.huddleJson(['user', 'list'])) as Record<string, unknown>[]
    expect(users.find((u) => u.id === 'lead')).toEqual({ id: 'lead', name: 'Team Lead', permission: 'team-leader', licences: ['sms', 'whatsapp'] })
    for (const user of users) expect(Object.keys(user).sort()).toEqual(['id', 'licences', 'name', 'permission'])
  })

  it('edits a user, and --no-licences removes every licence', async () => {
    await addUser('fred', '--name', 'Fred', '--licence', 'sms')
    expect(await server.huddleJson(['user', 'edit', 'fred', '--name', 'Fred Flint', '--permission', 'team-leader', '--licence', 'chat,whatsapp'])).toEqual({
      id: 'fred',
      name: 'Fred Flint',
      permission: 'team-leader',
      licences: ['chat', 'whatsapp'],
    })
    expect(await server.huddleJson(['user', 'edit', 'fred', '--no-licences'])).toMatchObject({ licences: [] })
  })

  it('rotates a token: the new one works, the old one is refused with exit 4', async () => {
    const old = await addUser('gina', '--name', 'Gina', '--licence', 'sms')
    const rotated = (await server.huddleJson(['user', 'token', 'gina'])) as Record<string, unknown>
    expect(Object.keys(rotated).sort()).toEqual(['id', 'licences', 'name', 'permission', 'token'])
    expect(rotated.token).not.toBe(old)
    expect((await server.huddle(['whoami'], { token: rotated.token as string })).code).toBe(0)
    const refused = await server.huddle(['whoami'], { token: old })
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain('not valid')
  })

  it('removes a user with --yes, and refuses without it when there is no terminal', async () => {
    await addUser('hank', '--name', 'Hank')
    const refused = await server.huddle(['user', 'remove', 'hank'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--yes')
    expect((await server.huddleJson(['user', 'list'])) as { id: string }[]).toContainEqual(expect.objectContaining({ id: 'hank' }))
    expect(await server.huddleJson(['user', 'remove', 'hank', '--yes'])).toEqual({ removed: 'hank' })
    expect((await server.huddleJson(['user', 'list'])) as { id: string }[]).not.toContainEqual(expect.objectContaining({ id: 'hank' }))
  })
})

describe('refusals of user commands', () => {
  const cases: readonly { title: string; argv: string[]; as?: string; code: number; says: string }[] = [
    { title: 'a basic user may not manage settings', argv: ['user', 'list'], as: 'agent', code: 4, says: 'admin' },
    { title: 'a team leader may not manage settings', argv: ['user', 'add', 'x1', '--name', 'X'], as: 'lead', code: 4, says: 'Changing settings needs the `admin` permission (you have `team-leader`)' },
    { title: 'a team leader listing users is told what that read needs', argv: ['user', 'list'], as: 'lead', code: 4, says: 'Listing users needs the `admin` permission (you have `team-leader`)' },
    { title: 'an admin without a digital licence may not manage settings', argv: ['user', 'list'], as: 'bare', code: 4, says: 'licence' },
    { title: 'an unknown token is not authenticated', argv: ['user', 'list'], as: 'nobody', code: 4, says: 'not valid' },
    { title: 'editing an unknown user is an error', argv: ['user', 'edit', 'ghost', '--name', 'G'], code: 1, says: 'There is no user `ghost`' },
    { title: 'rotating the token of an unknown user is an error', argv: ['user', 'token', 'ghost'], code: 1, says: 'ghost' },
    { title: 'removing an unknown user is an error', argv: ['user', 'remove', 'ghost', '--yes'], code: 1, says: 'ghost' },
    { title: 'adding a user twice is an error', argv: ['user', 'add', 'agent', '--name', 'Again'], code: 1, says: 'already exists' },
    { title: 'a bad licence is a usage error', argv: ['user', 'add', 'ivy', '--name', 'Ivy', '--licence', 'fax'], code: 2, says: 'The value `fax` of `--licence`' },
    { title: 'an unknown verb is a usage error', argv: ['user', 'delete', 'agent'], code: 2, says: 'Unknown command `huddle user delete`' },
  ]

  it.each(cases)('$title (exit $code)', async ({ argv, as, code, says }) => {
    const token = as === undefined ? undefined : (tokens[as] ?? 'not-a-real-token')
    const result = await server.huddle(argv, token === undefined ? {} : { token })
    expect(result.code).toBe(code)
    expect(result.stderr).toContain(says)
    expect(result.stdout).toBe('')
  })
})

describe('login, whoami and logout', () => {
  it('logs in, remembers the login with mode 0600, and forgets it on logout', async () => {
    // No server or token in the environment: everything comes from the saved login.
    const env = { HOME: join(server.home, 'login'), XDG_CONFIG_HOME: join(server.home, 'login', 'config') }
    const before = await runBinary(['whoami'], env)
    expect(before.code).toBe(4)
    expect(before.stderr).toContain('huddle login --server')

    const login = await runBinary(['login', '--server', server.url, '--token', tokens.agent!], env)
    expect(login.code).toBe(0)
    expect(login.stderr).toContain(`Logged in to ${server.url} as \`agent\``)
    const file = join(env.XDG_CONFIG_HOME, 'huddle', 'config.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)

    const me = await runBinary(['whoami', '--json'], env)
    expect(me.code).toBe(0)
    expect(JSON.parse(me.stdout)).toEqual({ id: 'agent', name: 'Agent Smith', permission: 'basic', licences: ['sms'] })
    const human = await runBinary(['whoami'], env)
    expect(human.stdout).toMatch(/^id +agent$/m)

    const logout = await runBinary(['logout'], env)
    expect(logout.code).toBe(0)
    expect(logout.stderr).toContain(`Logged out of ${server.url}`)
    expect((await runBinary(['whoami'], env)).code).toBe(4)
  })

  it('refuses to save a token the server does not accept', async () => {
    const env = { HOME: join(server.home, 'bad'), XDG_CONFIG_HOME: join(server.home, 'bad', 'config') }
    const login = await runBinary(['login', '--server', server.url, '--token', 'wrong-token'], env)
    expect(login.code).toBe(4)
    await expect(stat(join(env.XDG_CONFIG_HOME, 'huddle', 'config.json'))).rejects.toThrow()
  })

  it('says the server is not reachable, and how to start one, when nothing listens there', async () => {
    const result = await server.huddle(['whoami'], { env: { HUDDLE_SERVER: 'http://127.0.0.1:9' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('The huddle server at http://127.0.0.1:9 is not reachable')
    expect(result.stderr).toContain('huddle serve')
  })
})
