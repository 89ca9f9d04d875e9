import { readUnrouted } from '../../core/http-contract/inbound-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { formatTime, printJson, printTable } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const routingUnrouted = defineCommand({
  name: 'routing unrouted',
  summary: 'List the inbound messages that no rule or default inbox caught.',
  usage: 'routing unrouted [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print the unrouted messages as the server keeps them:
                   [{"id","channel","from","to","body","contactName","externalId","receivedAt","reason"}]

Unrouted messages are kept, not dropped. Add a rule or a default inbox for their
address with \`huddle routing add\` so the next ones are routed.

${CONNECTION_HELP}

Examples
  $ huddle routing unrouted
  $ huddle routing unrouted --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const answer = await api.get('/routing/unrouted')
    const messages = readUnrouted(answer)
    if (flags.json) return printJson(io, answer)
    printTable(
      io,
      messages,
      [
        { header: 'RECEIVED', value: (m) => formatTime(m.receivedAt) },
        { header: 'CHANNEL', value: (m) => m.channel },
        { header: 'FROM', value: (m) => (m.contactName ? `${m.from} (${m.contactName})` : m.from) },
        { header: 'TO', value: (m) => m.to },
        { header: 'BODY', value: (m) => m.body },
        { header: 'WHY', value: (m) => m.reason },
      ],
      'No unrouted messages.',
    )
  },
})
