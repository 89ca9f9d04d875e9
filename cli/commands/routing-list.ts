import { readPolicies } from '../../core/http-contract/routing-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printPolicies } from './routing-output.js'

export const routingList = defineCommand({
  name: 'routing list',
  summary: 'List the routing policies: their addresses, rules in order, and default inboxes.',
  usage: 'routing list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print [{"id","addresses","rules":[{"position","conditions","target","description"}],"defaultInbox"}]

${CONNECTION_HELP}

Examples
  $ huddle routing list
  $ huddle routing list --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const answer = await api.get('/routing')
    const policies = readPolicies(answer)
    if (flags.json) return printJson(io, answer)
    printPolicies(io, policies)
  },
})
