import { readPolicy } from '../../core/http-contract/routing-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG, positionProblem } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printPolicies } from './routing-output.js'

export const routingRemove = defineCommand({
  name: 'routing remove',
  summary: 'Remove a routing rule from the policy of an address.',
  usage: 'routing remove --address ADDR --position N [--json]',
  args: [],
  flags: {
    address: { type: 'string', isRequired: true },
    position: { type: 'number', isRequired: true, check: positionProblem },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --address ADDR   The address whose policy holds the rule (required)
  --position N     The rule's place, as \`huddle routing list\` shows it (required)
  --json           Print the policy as it is now {"id","addresses","rules","defaultInbox"}

${CONNECTION_HELP}

Examples
  $ huddle routing remove --address +15550100 --position 2
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const query = new URLSearchParams({ address: flags.address, position: String(flags.position) })
    const answer = await api.delete(`/routing/rules?${query.toString()}`)
    const policy = readPolicy(answer)
    if (flags.json) return printJson(io, answer)
    printPolicies(io, [policy])
    say(io, `Removed rule ${flags.position} for ${flags.address}.`)
  },
})
