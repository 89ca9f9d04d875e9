import { defineCommand } from '../command.js'
import { forgetLogin } from '../config.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'

export const logout = defineCommand({
  name: 'logout',
  summary: 'Forget the saved login.',
  usage: 'logout [--json]',
  args: [],
  flags: JSON_FLAG,
  help: `
Options
  --json           Print {"loggedOut","server"}: whether a saved login was removed, and its server

The token itself keeps working until an admin rotates it with \`huddle user token\`.

Examples
  $ huddle logout
`,
  async run({ flags, io }) {
    const forgotten = await forgetLogin(io.env)
    if (flags.json) printJson(io, { loggedOut: forgotten !== null, server: forgotten?.server ?? null })
    if (forgotten === null) say(io, 'You were not logged in; nothing to forget.')
    else say(io, `Logged out${forgotten.server ? ` of ${forgotten.server}` : ''}; removed ${forgotten.path}.`)
  },
})
