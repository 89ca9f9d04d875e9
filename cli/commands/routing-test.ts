import { readRouteTest } from '../../core/http-contract/routing-contract.js'
import { defineCommand } from '../command.js'
import { CHANNEL_FLAG, JSON_FLAG } from '../flags.js'
import { printJson, printRecord, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const routingTest = defineCommand({
  name: 'routing test',
  summary: 'Dry-run routing: where would this message go, and by which rule. Changes nothing.',
  usage: 'routing test --channel sms|whatsapp|chat --from SENDER --to ADDR --body TEXT [--json]',
  args: [],
  flags: {
    channel: { ...CHANNEL_FLAG, isRequired: true },
    from: { type: 'string', isRequired: true },
    to: { type: 'string', isRequired: true },
    body: { type: 'string', isRequired: true },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --channel CHANNEL   sms, whatsapp or chat (required)
  --from SENDER       The contact's address, e.g. +447700900123 (required)
  --to ADDR           The organisation's address the message arrives on (required)
  --body TEXT         The message (required)
  --json              Print {"routed","inbox","rule","description"}; routed is "rule N", "default"
                      or "unrouted", inbox the inbox id, "@user" for a personal inbox, or null

${CONNECTION_HELP}

Examples
  $ huddle routing test --channel sms --from +447700900123 --to +15550100 --body "I want a refund"
  $ huddle routing test --channel chat --from visitor-42 --to web-widget --body "hello" --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const result = readRouteTest(await api.post('/routing/test', { channel: flags.channel, from: flags.from, to: flags.to, body: flags.body }))
    if (flags.json) return printJson(io, result)
    printRecord(io, [
      ['routed', result.routed],
      ['inbox', result.inbox ?? 'none: kept as unrouted'],
      ['why', result.description],
    ])
    say(io, 'This was a dry run: nothing was stored or changed.')
  },
})
