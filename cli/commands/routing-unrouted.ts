import { readList } from '../api-shapes.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printAnyTable, printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const routingUnrouted = defineCommand({
  name: 'routing unrouted',
  summary: 'List the inbound messages that no rule or default inbox caught.',
  usage: 'routing unrouted [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print the unrouted messages as the server keeps them

Unrouted messages are kept, not dropped. Add a rule or a default inbox for their
address with \`huddle routing add\` so the next ones are routed.

${CONNECTION_HELP}

Examples
  $ huddle routing unrouted
  $ huddle routing unrouted --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const messages = readList(await api.get('/routing/unrouted'), 'unrouted messages')
    if (flags.json) return printJson(io, messages)
    printAnyTable(io, messages, 'No unrouted messages.')
  },
})
