import { defineCommand } from '../command.js'
import { forgetLogin } from '../config.js'
import { say } from '../output.js'

export const logout = defineCommand({
  name: 'logout',
  summary: 'Forget the saved login.',
  usage: 'logout',
  args: [],
  flags: {},
  help: `
The token itself keeps working until an admin rotates it with \`huddle user token\`.

Examples
  $ huddle logout
`,
  async run({ io }) {
    const forgotten = await forgetLogin(io.env)
    if (forgotten === null) say(io, 'You were not logged in; nothing to forget.')
    else say(io, `Logged out${forgotten.server ? ` of ${forgotten.server}` : ''}; removed ${forgotten.path}.`)
  },
})
