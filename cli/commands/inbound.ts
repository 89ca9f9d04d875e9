import { readInbound } from '../../core/http-contract/inbound-contract.js'
import { defineCommand } from '../command.js'
import { CHANNEL_FLAG, JSON_FLAG } from '../flags.js'
import { printJson, printRecord } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const inbound = defineCommand({
  name: 'inbound',
  summary: 'Deliver an inbound customer message, as a carrier webhook would.',
  usage: 'inbound --channel sms|whatsapp|chat --from SENDER --to ADDR --body TEXT [--id EXTERNAL_ID] [--name CONTACT_NAME] [--json]',
  args: [],
  flags: {
    channel: { ...CHANNEL_FLAG, isRequired: true },
    from: { type: 'string', isRequired: true },
    to: { type: 'string', isRequired: true },
    body: { type: 'string', isRequired: true },
    id: { type: 'string' },
    name: { type: 'string' },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --channel CHANNEL     sms, whatsapp or chat (required)
  --from SENDER         The contact's address (required)
  --to ADDR             The organisation's address it arrives on (required)
  --body TEXT           The message (required)
  --id EXTERNAL_ID      The carrier's message id; the same id delivered twice is stored once
  --name CONTACT_NAME   The contact's name, when known
  --json                Print {"conversation","inbox","routed"}; routed is "rule N", "default",
                        "existing" (joined an open conversation) or "unrouted"

${CONNECTION_HELP}

Examples
  $ huddle inbound --channel sms --from +447700900123 --to +15550100 --body "Where is my order?"
  $ huddle inbound --channel whatsapp --from +447700900123 --to +15550100 --body "hi" --id SM123 --name "Jo Bloggs" --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const body = {
      channel: flags.channel,
      from: flags.from,
      to: flags.to,
      body: flags.body,
      ...(flags.id === undefined ? {} : { id: flags.id }),
      ...(flags.name === undefined ? {} : { name: flags.name }),
    }
    const result = readInbound(await api.post('/inbound', body))
    if (flags.json) return printJson(io, result)
    printRecord(io, [
      ['conversation', result.conversation ?? 'none'],
      ['inbox', result.inbox ?? 'none: kept as unrouted (see `huddle routing unrouted`)'],
      ['routed', result.routed],
    ])
  },
})
