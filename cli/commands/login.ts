import { readUser } from '../../core/http-contract/user-contract.js'
import { createApiClient } from '../api-client.js'
import { defineCommand } from '../command.js'
import { saveLogin } from '../config.js'
import { say } from '../output.js'
import { DEFAULT_SERVER, normaliseServer, serverUrlProblem } from '../session.js'
import { assertNoUsageProblems } from '../usage-error.js'

export const login = defineCommand({
  name: 'login',
  summary: 'Check a token against a server and save both, so other commands need neither.',
  usage: 'login --server URL --token TOKEN',
  args: [],
  flags: {
    server: { type: 'string', check: serverUrlProblem },
    token: { type: 'string' },
  },
  help: `
Options
  --server URL     The huddle server (default: $HUDDLE_SERVER, else ${DEFAULT_SERVER})
  --token TOKEN    Your token, as \`huddle user add\` or \`huddle user token\` printed it
                   (default: $HUDDLE_TOKEN)

The login is saved in $XDG_CONFIG_HOME/huddle/config.json (~/.config/huddle/config.json
when XDG_CONFIG_HOME is unset), readable by you only.

Examples
  $ huddle login --server http://127.0.0.1:8787 --token "$TOKEN"
  $ HUDDLE_TOKEN=… huddle login --server https://huddle.example.com
`,
  async run({ flags, io, usage }) {
    const envServer = io.env.HUDDLE_SERVER?.trim() || undefined
    const token = flags.token ?? (io.env.HUDDLE_TOKEN?.trim() || undefined)
    const serverProblem = flags.server === undefined && envServer !== undefined ? serverUrlProblem(envServer) : undefined
    assertNoUsageProblems(
      [
        ...(serverProblem ? [`HUDDLE_SERVER is not valid. ${serverProblem}`] : []),
        ...(token === undefined ? ['Give your token with `--token TOKEN` (or set HUDDLE_TOKEN).'] : []),
      ],
      'huddle login',
      usage,
    )
    const server = normaliseServer(flags.server ?? envServer ?? DEFAULT_SERVER)
    const api = createApiClient({ server, token: token!, fetch: io.fetch })
    const user = readUser(await api.get('/whoami'))
    const path = await saveLogin(io.env, { server, token: token! })
    say(io, `Logged in to ${server} as \`${user.id}\` (${user.name}). Saved in ${path}.`)
  },
})
