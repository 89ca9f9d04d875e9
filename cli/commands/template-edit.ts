import { TEMPLATE_KINDS } from '../../core/template.js'
import { defineCommand } from '../command.js'
import { CHANNEL_FLAG, JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printTemplate, templatePath } from './template-output.js'
import { readTemplate } from '../../core/http-contract/template-contract.js'

export const templateEdit = defineCommand({
  name: 'template edit',
  summary: "Change a template's text, kind or channel.",
  usage: 'template edit <name> [--body TEXT] [--kind structured|flexible] [--channel sms|whatsapp|chat] [--json]',
  args: ['name'],
  flags: {
    body: { type: 'string' },
    kind: { type: 'string', choices: TEMPLATE_KINDS },
    channel: CHANNEL_FLAG,
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Arguments
  <name>             The template's name (see \`huddle template list\`)

Options
  --body TEXT        New text: 1–1,024 characters, up to 5 placeholders like {{name}}
  --kind KIND        structured or flexible
  --channel CHANNEL  sms, whatsapp or chat
  --json             Print {"name","channel","body","kind","placeholders"}

Replies already made from the template keep the text they were sent with.

${CONNECTION_HELP}

Examples
  $ huddle template edit order_shipped --body "Hi {{name}}, order {{order}} is on its way."
  $ huddle template edit thanks --kind structured
`,
  check: (flags) =>
    flags.body === undefined && flags.kind === undefined && flags.channel === undefined
      ? ['Nothing to change: give `--body`, `--kind` or `--channel`.']
      : [],
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const patch = {
      ...(flags.body === undefined ? {} : { body: flags.body }),
      ...(flags.kind === undefined ? {} : { kind: flags.kind }),
      ...(flags.channel === undefined ? {} : { channel: flags.channel }),
    }
    const template = readTemplate(await api.patch(templatePath(args.name), patch))
    if (flags.json) return printJson(io, template)
    printTemplate(io, template)
    say(io, `Changed template \`${template.name}\`.`)
  },
})
