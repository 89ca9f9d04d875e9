import { readUserWithToken } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printUserWithToken, userWithTokenJson } from './user-output.js'

export const userToken = defineCommand({
  name: 'user token',
  summary: "Give a user a new token; the old one stops working at once.",
  usage: 'user token <id> [--json]',
  args: ['id'],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print {"id","name","permission","licences","token"}

${CONNECTION_HELP}

Examples
  $ huddle user token bob
  $ huddle user token bob --json
`,
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const user = readUserWithToken(await api.post(`/users/${encodeURIComponent(args.id)}/token`))
    if (flags.json) return printJson(io, userWithTokenJson(user))
    printUserWithToken(io, user)
    say(io, `New token for \`${user.id}\`; their old token no longer works. Give them this one now: it will not be shown again.`)
  },
})
