import { readUser } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, printRecord } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { userJson } from './user-output.js'

export const whoami = defineCommand({
  name: 'whoami',
  summary: 'Show who you are logged in as, and on which server.',
  usage: 'whoami [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print {"id","name","permission","licences"}

${CONNECTION_HELP}

Examples
  $ huddle whoami
  $ huddle whoami --server http://127.0.0.1:8787 --token "$TOKEN" --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const user = readUser(await api.get('/whoami'))
    if (flags.json) return printJson(io, userJson(user))
    printRecord(io, [
      ['id', user.id],
      ['name', user.name],
      ['permission', user.permission],
      ['licences', user.licences],
      ['server', api.server],
    ])
  },
})
