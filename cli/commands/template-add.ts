import { TEMPLATE_KINDS } from '../../core/template.js'
import { defineCommand } from '../command.js'
import { CHANNEL_FLAG, JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printTemplate } from './template-output.js'
import { readTemplate } from '../../core/http-contract/template-contract.js'

export const templateAdd = defineCommand({
  name: 'template add',
  summary: 'Add a message template: a text with up to 5 {{placeholders}}, for one channel.',
  usage: 'template add <name> --channel sms|whatsapp|chat --body TEXT [--kind structured|flexible] [--json]',
  args: ['name'],
  flags: {
    channel: { ...CHANNEL_FLAG, isRequired: true },
    body: { type: 'string', isRequired: true },
    kind: { type: 'string', choices: TEMPLATE_KINDS },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Arguments
  <name>             1–64 lower-case letters, digits, _ and -, starting with a letter

Options
  --channel CHANNEL  The channel it is used on (required)
  --body TEXT        1–1,024 characters with up to 5 named placeholders, e.g. "Hi {{name}}" (required)
  --kind KIND        structured (default): only the placeholders change when replying; the only
                     kind sendable outside the WhatsApp 24-hour window.
                     flexible: the agent may edit the text before sending
  --json             Print {"name","channel","body","kind","placeholders"}

Agents get templates at once, also offline, and reply with
\`huddle conversation reply <id> --template NAME --param name=value\`.

${CONNECTION_HELP}

Examples
  $ huddle template add order_shipped --channel whatsapp --body "Hi {{name}}, order {{order}} has shipped."
  $ huddle template add thanks --channel chat --kind flexible --body "Thanks for waiting, {{name}}!"
`,
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const body = { name: args.name, channel: flags.channel, body: flags.body, ...(flags.kind === undefined ? {} : { kind: flags.kind }) }
    const template = readTemplate(await api.post('/templates', body))
    if (flags.json) return printJson(io, template)
    printTemplate(io, template)
    say(io, `Added template \`${template.name}\`; agents can use it now.`)
  },
})
