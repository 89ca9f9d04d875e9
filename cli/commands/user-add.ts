import { userIdProblems } from '../../core/users.js'
import { readUserWithToken } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG, LICENCE_FLAG, PERMISSION_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printUserWithToken, userWithTokenJson } from './user-output.js'

export const userAdd = defineCommand({
  name: 'user add',
  summary: 'Add a user and print their token, once.',
  usage: 'user add <id> --name NAME [--permission basic|team-leader|admin] [--licence sms|whatsapp|chat ...] [--json]',
  args: ['id'],
  flags: {
    name: { type: 'string', isRequired: true },
    permission: PERMISSION_FLAG,
    licence: LICENCE_FLAG,
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Arguments
  <id>                 Lower-case letters, digits and dashes, starting with a letter (e.g. alice)

Options
  --name NAME          Display name (required)
  --permission LEVEL   basic (the default), team-leader or admin
  --licence CHANNEL    A digital licence: sms, whatsapp or chat; repeat it or give a comma list.
                       Only licensed users can be inbox members; admins need one to manage settings.
  --json               Print {"id","name","permission","licences","token"}

${CONNECTION_HELP}

Examples
  $ huddle user add alice --name "Alice Martin" --permission admin --licence sms --licence whatsapp
  $ huddle user add bob --name "Bob Stone" --licence sms,chat
  $ huddle user add carol --name "Carol Diaz" --json
`,
  check: (_flags, args) => (args.id === undefined ? [] : userIdProblems(args.id)),
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const body = { id: args.id, name: flags.name, ...(flags.permission ? { permission: flags.permission } : {}), licences: flags.licence }
    const user = readUserWithToken(await api.post('/users', body))
    if (flags.json) return printJson(io, userWithTokenJson(user))
    printUserWithToken(io, user)
    say(io, `Added user \`${user.id}\`. Give them the token now: it will not be shown again (\`huddle user token ${user.id}\` makes a new one).`)
  },
})
