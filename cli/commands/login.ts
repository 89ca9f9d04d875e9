import { readUser } from '../../core/http-contract/user-contract.js'
import { createApiClient } from '../api-client.js'
import { defineCommand } from '../command.js'
import type { CliIo } from '../io.js'
import { saveLogin } from '../config.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { DEFAULT_SERVER, normaliseServer, serverUrlProblem } from '../session.js'
import { assertNoUsageProblems } from '../usage-error.js'

export const login = defineCommand({
  name: 'login',
  summary: 'Check a token against a server and save both, so other commands need neither.',
  usage: 'login --server URL (--with-token < FILE | --token TOKEN) [--json]',
  args: [],
  flags: {
    server: { type: 'string', check: serverUrlProblem },
    token: { type: 'string' },
    withToken: { type: 'boolean' },
    ...JSON_FLAG,
  },
  check: (flags) => (flags.withToken && flags.token !== undefined ? ['Give either `--with-token` (the token on standard input) or `--token TOKEN`, not both.'] : []),
  help: `
Options
  --server URL     The huddle server (default: $HUDDLE_SERVER, else ${DEFAULT_SERVER})
  --with-token     Read your token from standard input, as \`huddle user add\` or
                   \`huddle user token\` printed it: it stays out of your shell's history
                   and out of the process list, where \`--token\` shows it to every user
  --token TOKEN    Give the token on the command line instead (default: $HUDDLE_TOKEN)
  --json           Print {"server","user","name","path"}: who you are logged in as, and where
                   the login was saved

The login is saved in $XDG_CONFIG_HOME/huddle/config.json (~/.config/huddle/config.json
when XDG_CONFIG_HOME is unset), readable by you only.

Examples
  $ huddle login --server http://127.0.0.1:8787 --with-token < token.txt
  $ pass show huddle | huddle login --server https://huddle.example.com --with-token
  $ HUDDLE_TOKEN=… huddle login --server https://huddle.example.com
`,
  async run({ flags, io, usage }) {
    const envServer = io.env.HUDDLE_SERVER?.trim() || undefined
    const token = flags.withToken ? await readTokenFromStdin(io) : (flags.token ?? (io.env.HUDDLE_TOKEN?.trim() || undefined))
    const serverProblem = flags.server === undefined && envServer !== undefined ? serverUrlProblem(envServer) : undefined
    assertNoUsageProblems(
      [
        ...(serverProblem ? [`HUDDLE_SERVER is not valid. ${serverProblem}`] : []),
        ...(token === undefined
          ? [flags.withToken ? 'Standard input held no token: pipe it in, e.g. `huddle login --with-token < token.txt`.' : 'Give your token on standard input with `--with-token` (or with `--token TOKEN`, or set HUDDLE_TOKEN).']
          : []),
      ],
      'huddle login',
      usage,
    )
    const server = normaliseServer(flags.server ?? envServer ?? DEFAULT_SERVER)
    const api = createApiClient({ server, token: token!, fetch: io.fetch })
    const user = readUser(await api.get('/whoami'))
    const path = await saveLogin(io.env, { server, token: token! })
    if (flags.json) printJson(io, { server, user: user.id, name: user.name, path })
    say(io, `Logged in to ${server} as \`${user.id}\` (${user.name}). Saved in ${path}.`)
  },
})

/** The token piped in; only its first line counts, without surrounding blanks (`echo` adds a line break). */
async function readTokenFromStdin(io: CliIo): Promise<string | undefined> {
  if (io.isInteractive) io.stderr('Paste your token, then press Enter and Ctrl-D.\n')
  const token = (await io.readStdin()).trim().split(/\r?\n/)[0]?.trim()
  return token ? token : undefined
}
