import { defineCommand } from '../command.js'
import { CHANNEL_FLAG, JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printTemplates } from './template-output.js'
import { readTemplates } from '../../core/http-contract/template-contract.js'

export const templateList = defineCommand({
  name: 'template list',
  summary: 'List the message templates agents can reply with.',
  usage: 'template list [--channel sms|whatsapp|chat] [--json]',
  args: [],
  flags: { channel: CHANNEL_FLAG, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --channel CHANNEL  Only the templates of sms, whatsapp or chat
  --json             Print [{"name","channel","body","kind","placeholders"}]

${CONNECTION_HELP}

Examples
  $ huddle template list
  $ huddle template list --channel whatsapp --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const templates = readTemplates(await api.get('/templates')).filter((t) => flags.channel === undefined || t.channel === flags.channel)
    if (flags.json) return printJson(io, templates)
    printTemplates(io, templates)
  },
})
