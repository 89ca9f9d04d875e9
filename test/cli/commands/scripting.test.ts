/**
 * The conversation commands as scripts use them, through the built binary
 * against a real server: ids by unique prefix, bodies from standard input or
 * a file, `--json` with `"pending"`, `--wait` for the acknowledgement, and
 * `login --with-token`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildCliOnce, runBinary } from '../../helpers/cli-binary.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { refuseOnPort } from '../../helpers/refusing-port.js'
import { until } from '../../helpers/until.js'

let server: TestServer
let team: Team
let base: string

beforeAll(async () => {
  await buildCliOnce()
}, 180_000)

beforeEach(async () => {
  server = await startTestServer()
  team = await seedTeam(server, ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-scripting-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function envOf(user: string, withToken = true): Record<string, string> {
  return {
    HOME: base,
    XDG_CONFIG_HOME: join(base, 'config'),
    XDG_DATA_HOME: join(base, `data-${user}`),
    HUDDLE_SERVER: server.url,
    ...(withToken ? { HUDDLE_TOKEN: team.tokens[user]! } : {}),
  }
}

function huddle(user: string, argv: readonly string[], stdin?: string): ReturnType<typeof runBinary> {
  return runBinary(argv, envOf(user), stdin)
}

/** The shortest start of `id` that none of `others` shares. */
function uniquePrefix(id: string, others: readonly string[]): string {
  for (let length = 1; length <= id.length; length++) {
    const prefix = id.slice(0, length)
    if (!others.some((other) => other.startsWith(prefix))) return prefix
  }
  return id
}

describe('conversation ids by unique prefix', () => {
  it('acts on the one conversation a prefix names, and refuses a prefix several share, listing them', async () => {
    const first = await customerWrites(server, '+15555550001', 'Hello')
    const second = await customerWrites(server, '+15555550002', 'Hi')
    const prefix = uniquePrefix(first, [second])
    expect(prefix.length).toBeLessThan(first.length)

    const claimed = await huddle('alice', ['conversation', 'claim', prefix])
    expect(claimed.stderr).toContain(`Claimed conversation ${first}.`)
    expect(claimed.code).toBe(0)

    const shared = first.slice(0, 2)
    expect(second.startsWith(shared)).toBe(true)
    const ambiguous = await huddle('alice', ['conversation', 'show', shared])
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.stderr).toContain(`The id \`${shared}\` is the start of 2 conversations in your inboxes; give more of it:`)
    expect(ambiguous.stderr).toContain(`  ${first}  sms +15555550001 in sales, mine`)
    expect(ambiguous.stderr).toContain(`  ${second}  sms +15555550002 in sales, unassigned`)

    const unknown = await huddle('alice', ['conversation', 'archive', 'c-nosuchthing'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('There is no conversation `c-nosuchthing` in your inboxes. List them with `huddle conversation list`.')
  })
})

describe('bodies from standard input and files', () => {
  it('takes a note from standard input with `--body -` and shows its lines indented under the first', async () => {
    const c = await customerWrites(server, '+15555550001', 'Hello')
    const noted = await huddle('alice', ['conversation', 'note', c, '--body', '-'], 'Called the customer.\nRefund agreed.\n')
    expect(noted.stderr).toContain(`Added a note to conversation ${c}.`)
    expect(noted.code).toBe(0)
    const shown = await huddle('alice', ['conversation', 'show', c])
    expect(shown.code).toBe(0)
    const line = shown.stdout.split('\n').find((l) => l.includes('Called the customer.'))!
    const indent = line.indexOf('Called the customer.')
    expect(shown.stdout).toContain(`${line}\n${' '.repeat(indent)}Refund agreed.\n`)
  })

  it('replies with the text of `--body-file`, and refuses a file it cannot read, quoting it', async () => {
    const c = await customerWrites(server, '+15555550001', 'Hello')
    const file = join(base, 'answer.txt')
    await writeFile(file, 'It ships today.\n')
    const replied = await huddle('alice', ['conversation', 'reply', c, '--body-file', file, '--json'])
    expect(replied.code).toBe(0)
    expect(JSON.parse(replied.stdout)).toMatchObject({ action: 'reply', conversation: c, body: 'It ships today.', pending: false })

    const missing = await huddle('alice', ['conversation', 'reply', c, '--body-file', join(base, 'nope.txt')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`Cannot read the file \`${join(base, 'nope.txt')}\` given to \`--body-file\` (ENOENT)`)
    const both = await huddle('alice', ['conversation', 'note', c, '--body', 'x', '--body-file', file])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('Give either `--body` or `--body-file`, not both.')
  })
})

describe('--json and --wait on changes', () => {
  it('prints what changed with "pending": false once the server acknowledged it', async () => {
    const c = await customerWrites(server, '+15555550001', 'Hello')
    const result = await huddle('alice', ['conversation', 'claim', c, '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ action: 'claim', conversation: c, pending: false, row: { id: c, assignee: 'alice', view: 'mine' } })
  })

  it('says "pending": true with exit 0 offline, fails with `--wait` when no acknowledgement comes, and succeeds when the server returns during the wait', async () => {
    const c = await customerWrites(server, '+15555550001', 'Hello')
    expect((await huddle('alice', ['sync'])).code).toBe(0)
    await server.stop()

    const queued = await huddle('alice', ['conversation', 'claim', c, '--json'])
    expect(queued.code).toBe(0)
    expect(JSON.parse(queued.stdout)).toMatchObject({ action: 'claim', conversation: c, pending: true })

    const waited = await huddle('alice', ['conversation', 'note', '--wait=1', c, '--body', 'Checking', '--json'])
    expect(waited.code).toBe(1)
    expect(JSON.parse(waited.stdout)).toMatchObject({ action: 'note', pending: true })
    expect(waited.stderr).toContain('did not confirm it within 1 s (`--wait=1`). It stays queued (2 changes)')

    // `--wait` alone takes no value: the id after it stays the id.
    const down = await refuseOnPort(server.port)
    const later = huddle('alice', ['conversation', 'archive', '--wait', c, '--json'])
    // The server comes back only once the command has found it down: the change is confirmed during the wait.
    await until(() => down.attempts() > 0, 'the command has tried to reach the server', 15_000)
    await down.close()
    await server.start()
    const archived = await later
    expect(archived.stderr).toContain(`Archived conversation ${c}.`)
    expect(archived.code).toBe(0)
    expect(JSON.parse(archived.stdout)).toMatchObject({ action: 'archive', conversation: c, pending: false })
  })

  it('refuses a wait that is not a number of seconds', async () => {
    const result = await huddle('alice', ['conversation', 'claim', 'c-1', '--wait=soon'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The flag `--wait` needs a number.')
  })
})

describe('huddle login --with-token', () => {
  it('reads the token from standard input and saves the login', async () => {
    const env = envOf('alice', false)
    const result = await runBinary(['login', '--server', server.url, '--with-token', '--json'], env, `${team.tokens.alice}\n`)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ server: server.url, user: 'alice', name: 'Alice' })
    const whoami = await runBinary(['whoami', '--json'], env)
    expect(whoami.code).toBe(0)
    expect(JSON.parse(whoami.stdout)).toMatchObject({ id: 'alice' })
  })

  it('refuses empty standard input, and a token given both ways', async () => {
    const env = envOf('alice', false)
    const empty = await runBinary(['login', '--server', server.url, '--with-token'], env, '')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('Standard input held no token')
    const both = await runBinary(['login', '--server', server.url, '--with-token', '--token', 'x'], env, 'y')
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('Give either `--with-token` (the token on standard input) or `--token TOKEN`, not both.')
  })
})
