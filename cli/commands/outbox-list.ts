import { readList } from '../api-shapes.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printAnyTable, printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const outboxList = defineCommand({
  name: 'outbox list',
  summary: 'List the replies handed to the channels, with their delivery status.',
  usage: 'outbox list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print the outbox entries as the server keeps them

${CONNECTION_HELP}

Examples
  $ huddle outbox list
  $ huddle outbox list --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const entries = readList(await api.get('/outbox'), 'outbox')
    if (flags.json) return printJson(io, entries)
    printAnyTable(io, entries, 'The outbox is empty.')
  },
})
