import { readLabel } from '../../core/http-contract/label-contract.js'
import { LABEL_COLOURS, MAX_LABEL_NAME } from '../../core/label.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printLabel } from './label-output.js'

export const labelAdd = defineCommand({
  name: 'label add',
  summary: 'Add a label agents can give conversations (admins).',
  usage: `label add <name> --colour ${LABEL_COLOURS.join('|')} [--json]`,
  args: ['name'],
  flags: { colour: { type: 'string', choices: LABEL_COLOURS, isRequired: true }, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <name>           1–${MAX_LABEL_NAME} characters; unique regardless of case and spacing

Options
  --colour COLOUR  One of ${LABEL_COLOURS.join(', ')} (required); the name is always
                   shown with it, so the colour is never the only cue
  --json           Print {"id","name","colour"}

Agents give conversations labels with \`huddle conversation label <id> --add NAME\`.

${CONNECTION_HELP}

Examples
  $ huddle label add VIP --colour purple
  $ huddle label add "Billing issue" --colour orange
`,
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const label = readLabel(await api.post('/labels', { name: args.name, colour: flags.colour }))
    if (flags.json) return printJson(io, label)
    printLabel(io, label)
    say(io, `Added label \`${label.name}\`; agents can use it now.`)
  },
})
