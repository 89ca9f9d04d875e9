import { readUsers } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printUsers, userJson } from './user-output.js'

export const userList = defineCommand({
  name: 'user list',
  summary: 'List the users of the organisation.',
  usage: 'user list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print [{"id","name","permission","licences"}]

${CONNECTION_HELP}

Examples
  $ huddle user list
  $ huddle user list --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const users = readUsers(await api.get('/users'))
    if (flags.json) printJson(io, users.map(userJson))
    else printUsers(io, users, 'There are no users.')
  },
})
