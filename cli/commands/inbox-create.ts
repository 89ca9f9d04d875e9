import { readInbox } from '../../core/http-contract/inbox-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printInbox } from './inbox-output.js'

export const inboxCreate = defineCommand({
  name: 'inbox create',
  summary: 'Create a shared inbox.',
  usage: 'inbox create --name NAME [--description TEXT] [--json]',
  args: [],
  flags: {
    name: { type: 'string', isRequired: true },
    description: { type: 'string' },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --name NAME            1–80 characters, unique regardless of case (required)
  --description TEXT     What the inbox is for; only admins see it
  --json                 Print {"id","name","description"}

${CONNECTION_HELP}

Examples
  $ huddle inbox create --name Sales
  $ huddle inbox create --name "Billing & Refunds" --description "Invoices, refunds, payment failures"
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const body = { name: flags.name, ...(flags.description === undefined ? {} : { description: flags.description }) }
    const inbox = readInbox(await api.post('/inboxes', body))
    if (flags.json) return printJson(io, { id: inbox.id, name: inbox.name, description: inbox.description })
    printInbox(io, inbox)
    say(io, `Created inbox \`${inbox.name}\`. Add members with \`huddle inbox members ${inbox.id} --add USER\`.`)
  },
})
