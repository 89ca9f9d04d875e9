import { readOutbox } from '../../core/http-contract/outbox-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { formatTime, printJson, printTable } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const outboxList = defineCommand({
  name: 'outbox list',
  summary: 'List the replies handed to the channels, with their delivery status.',
  usage: 'outbox list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print the outbox entries as the server keeps them:
                   [{"id","at","status","conversation","messageId","channel","from","to","body","author"}]

Replies on channels without a carrier configured are recorded here instead of
being sent; a carrier's status receipts move them forward.

${CONNECTION_HELP}

Examples
  $ huddle outbox list
  $ huddle outbox list --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const answer = await api.get('/outbox')
    const entries = readOutbox(answer)
    if (flags.json) return printJson(io, answer)
    printTable(
      io,
      entries,
      [
        { header: 'AT', value: (e) => formatTime(e.at) },
        { header: 'ID', value: (e) => e.id },
        { header: 'STATUS', value: (e) => (e.reason ? `${e.status}: ${e.reason}` : e.status) },
        { header: 'CHANNEL', value: (e) => e.channel },
        { header: 'TO', value: (e) => e.to },
        { header: 'AUTHOR', value: (e) => e.author },
        { header: 'BODY', value: (e) => e.body },
      ],
      'The outbox is empty.',
    )
  },
})
