import { describe, expect, it } from 'vitest'
import { runInProcess } from '../helpers/cli-run.js'

// Usage errors are found before any server is called, so no server runs here;
// a fetch that fails the test proves it.
const noServer: typeof fetch = () => {
  throw new Error('a usage error must not reach the server')
}

const run = (argv: readonly string[]) => runInProcess(argv, { env: { HUDDLE_TOKEN: 't' }, fetch: noServer })

describe('usage errors exit 2, say what was wrong and show the right usage', () => {
  const cases: readonly { argv: string[]; says: string[]; usage: string }[] = [
    { argv: [], says: ['Give a command.'], usage: 'Commands: serve, login' },
    { argv: ['frob'], says: ['Unknown command `frob`.'], usage: 'Run `huddle --help`' },
    { argv: ['usr', 'list'], says: ['Unknown command `usr`. Did you mean `user`?'], usage: 'Commands:' },
    { argv: ['--server', 'x', 'user', 'list'], says: ['Unknown flag `--server`. Flags go after the command'], usage: 'Commands:' },
    { argv: ['user'], says: ['`huddle user` needs a command first: one of list, add, edit, remove, token.'], usage: 'Usage: huddle user add <id>' },
    { argv: ['inbox', 'frob'], says: ['Unknown command `huddle inbox frob`.'], usage: 'Usage: huddle inbox create' },
    { argv: ['routing', 'lst'], says: ['Did you mean `list`?'], usage: 'Usage: huddle routing list' },
    { argv: ['user', 'list', '--frob'], says: ['Unknown flag `--frob`. This command takes --json, --server, --token.'], usage: 'Usage: huddle user list [--json]' },
    { argv: ['user', 'list', '--jsn'], says: ['Unknown flag `--jsn`. Did you mean `--json`?'], usage: 'Usage: huddle user list [--json]' },
    { argv: ['user', 'add', 'bob', '--nmae', 'Bob'], says: ['Unknown flag `--nmae`. Did you mean `--name`?'], usage: 'Usage: huddle user add' },
    { argv: ['inbox', 'edit', 'sales', '--reopen-archive=true'], says: ['Unknown flag `--reopen-archive`. Did you mean `--reopen-archived`?'], usage: 'Usage: huddle inbox edit' },
    { argv: ['user', 'list', 'extra'], says: ['`huddle user list` takes no argument, but got `extra`.'], usage: 'Usage: huddle user list' },
    { argv: ['user', 'add'], says: ['The argument <id> is missing.', 'The flag `--name` is required.'], usage: 'Usage: huddle user add <id> --name NAME' },
    { argv: ['user', 'add', 'bob', '--name'], says: ['The flag `--name` needs a value.'], usage: 'Usage: huddle user add' },
    { argv: ['user', 'add', 'Bob', '--name', 'Bob'], says: ['User id `Bob` is not valid'], usage: 'Usage: huddle user add' },
    {
      argv: ['user', 'add', 'bob', '--name', 'Bob', '--permission', 'god', '--licence', 'sms,fax'],
      says: ['The value `god` of `--permission` is not one of basic, team-leader, admin.', 'The value `fax` of `--licence` is not one of sms, whatsapp, chat.'],
      usage: 'Usage: huddle user add',
    },
    { argv: ['user', 'add', 'bob', '--name', 'A', '--name', 'B'], says: ['The flag `--name` was given 2 times; give it once.'], usage: 'Usage: huddle user add' },
    { argv: ['user', 'edit', 'bob'], says: ['Nothing to change'], usage: 'Usage: huddle user edit' },
    { argv: ['user', 'edit', 'bob', '--licence', 'sms', '--no-licences'], says: ['Give either `--licence` or `--no-licences`, not both.'], usage: 'Usage: huddle user edit' },
    { argv: ['user', 'remove'], says: ['The argument <id> is missing.'], usage: 'Usage: huddle user remove <id>' },
    { argv: ['inbox', 'create'], says: ['The flag `--name` is required.'], usage: 'Usage: huddle inbox create' },
    { argv: ['inbox', 'edit', 'sales'], says: ['Nothing to change'], usage: 'Usage: huddle inbox edit' },
    { argv: ['inbox', 'edit', 'sales', '--reopen-archived', 'maybe'], says: ['The value `maybe` of `--reopen-archived` is not one of true, false.'], usage: 'Usage: huddle inbox edit' },
    { argv: ['inbox', 'members', 'sales', '--add', 'a', '--remove', 'a'], says: ['User `a` is both added and removed'], usage: 'Usage: huddle inbox members' },
    {
      argv: ['routing', 'add', '--channel', 'fax', '--hours', '9-5', '--position', '0'],
      says: [
        'The flag `--address` is required.',
        'The value `fax` of `--channel` is not one of sms, whatsapp, chat.',
        'Business hours `9-5` are not valid',
        'Position `0` is not valid',
        'give `--to-inbox INBOX` or `--to-user USER`',
      ],
      usage: 'Usage: huddle routing add --address ADDR',
    },
    { argv: ['routing', 'add', '--address', 'a', '--to-inbox', 'x', '--to-user', 'y'], says: ['Give either `--to-inbox` or `--to-user`, not both.'], usage: 'Usage: huddle routing add' },
    { argv: ['routing', 'add', '--address', 'a', '--to-user', 'y', '--default'], says: ['The default must be a shared inbox'], usage: 'Usage: huddle routing add' },
    { argv: ['routing', 'remove', '--address', 'a', '--position', 'two'], says: ['The flag `--position` needs a number.'], usage: 'Usage: huddle routing remove' },
    { argv: ['routing', 'remove', '--address', 'a'], says: ['The flag `--position` is required.'], usage: 'Usage: huddle routing remove' },
    {
      argv: ['routing', 'test', '--channel', 'fax', '--from', 'a', '--to', 'b'],
      says: ['The value `fax` of `--channel` is not one of sms, whatsapp, chat.', 'The flag `--body` is required.'],
      usage: 'Usage: huddle routing test',
    },
    { argv: ['inbound', '--channel', 'sms', '--from', 'a', '--to', 'b', '--body', '-hi'], says: ['write `--body=-hi`'], usage: 'Usage: huddle inbound' },
    { argv: ['inbound', '--channel', 'pigeon', '--from', 'a', '--to', 'b', '--body', 'hi'], says: ['The value `pigeon` of `--channel`'], usage: 'Usage: huddle inbound' },
    { argv: ['whoami', '--server', 'localhost:8787'], says: ['The server `localhost:8787` is not an http(s) URL'], usage: 'Usage: huddle whoami' },
    { argv: ['serve', '--port', '70000', '--public-url', 'nope'], says: ['Port `70000` is not valid', 'Public URL `nope` is not a URL'], usage: 'Usage: huddle serve' },
    { argv: ['outbox', 'list', '--all'], says: ['Unknown flag `--all`.'], usage: 'Usage: huddle outbox list' },
    { argv: ['conversation', 'archive'], says: ['The argument <id> is missing.'], usage: 'Usage: huddle conversation archive <id>…' },
    { argv: ['conversation', 'priority', 'c-1'], says: ['The argument <priority> is missing.'], usage: 'Usage: huddle conversation priority <id>… urgent|high|normal|low' },
    { argv: ['conversation', 'priority', 'c-1', 'c-2', 'soon'], says: ['`soon`'], usage: 'Usage: huddle conversation priority <id>…' },
  ]

  it.each(cases)('huddle $argv', async ({ argv, says, usage }) => {
    const result = await run(argv)
    expect(result.code).toBe(2)
    for (const text of says) expect(result.stderr).toContain(text)
    expect(result.stderr).toContain(usage)
    expect(result.stdout).toBe('')
  })

  it('reports every problem of one invocation together, as a list', async () => {
    const result = await run(['user', 'add', '--permission', 'god', '--frob'])
    expect(result.stderr).toMatch(/^`huddle user add` was not run:\n {2}- Unknown flag `--frob`.*\n {2}- The argument <id> is missing\.\n {2}- The flag `--name` is required\.\n {2}- The value `god`/)
  })

  it('accepts a value starting with a dash when written with =', async () => {
    const calls: string[] = []
    const fake: typeof fetch = async (url, init) => {
      calls.push(String(init?.body))
      return new Response(JSON.stringify({ conversation: 'c1', inbox: 'sales', routed: 'default' }), { status: 200 })
    }
    const result = await runInProcess(['inbound', '--channel', 'sms', '--from', 'a', '--to', 'b', '--body=-hi'], { env: { HUDDLE_TOKEN: 't' }, fetch: fake })
    expect(result.code).toBe(0)
    expect(JSON.parse(calls[0]!)).toMatchObject({ body: '-hi' })
  })
})

describe('confirmation of destructive commands', () => {
  const removed: typeof fetch = async () => new Response(JSON.stringify({ removed: 'bob' }), { status: 200 })

  it('refuses to remove a user without --yes when nobody can be asked', async () => {
    const result = await runInProcess(['user', 'remove', 'bob'], { env: { HUDDLE_TOKEN: 't' }, fetch: noServer })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Not removing user `bob` without confirmation')
    expect(result.stderr).toContain('--yes')
  })

  it('refuses to delete an inbox without --yes when nobody can be asked', async () => {
    const result = await runInProcess(['inbox', 'delete', 'Sales'], { env: { HUDDLE_TOKEN: 't' }, fetch: noServer })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Not deleting inbox `Sales` without confirmation')
  })

  it('asks in a terminal, and removes nothing when the answer is no', async () => {
    const result = await runInProcess(['user', 'remove', 'bob'], { env: { HUDDLE_TOKEN: 't' }, fetch: noServer, isInteractive: true, answers: ['n'] })
    expect(result.asked).toEqual([expect.stringContaining('Remove user `bob`?')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Cancelled')
  })

  it('asks in a terminal, and removes when the answer is yes', async () => {
    const result = await runInProcess(['user', 'remove', 'bob'], { env: { HUDDLE_TOKEN: 't' }, fetch: removed, isInteractive: true, answers: ['y'] })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Removed user `bob`.')
  })

  it('does not ask when given --yes', async () => {
    const result = await runInProcess(['user', 'remove', 'bob', '--yes'], { env: { HUDDLE_TOKEN: 't' }, fetch: removed, isInteractive: true })
    expect(result.asked).toEqual([])
    expect(result.code).toBe(0)
  })
})
