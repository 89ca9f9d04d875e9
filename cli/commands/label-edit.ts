import { readLabel } from '../../core/http-contract/label-contract.js'
import { LABEL_COLOURS } from '../../core/label.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { labelPath, printLabel } from './label-output.js'

export const labelEdit = defineCommand({
  name: 'label edit',
  summary: "Rename a label or change its colour (admins); conversations keep it.",
  usage: `label edit <label> [--name NAME] [--colour ${LABEL_COLOURS.join('|')}] [--json]`,
  args: ['label'],
  flags: { name: { type: 'string' }, colour: { type: 'string', choices: LABEL_COLOURS }, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <label>          The label's name or id (see \`huddle label list\`)

Options
  --name NAME      A new name, unique regardless of case and spacing
  --colour COLOUR  One of ${LABEL_COLOURS.join(', ')}
  --json           Print {"id","name","colour"}

Conversations hold the label's id, so a renamed label stays on them.

${CONNECTION_HELP}

Examples
  $ huddle label edit VIP --name "Key account"
  $ huddle label edit "billing issue" --colour red
`,
  check: (flags) => (flags.name === undefined && flags.colour === undefined ? ['Nothing to change: give `--name` or `--colour`.'] : []),
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const patch = { ...(flags.name === undefined ? {} : { name: flags.name }), ...(flags.colour === undefined ? {} : { colour: flags.colour }) }
    const label = readLabel(await api.patch(labelPath(args.label), patch))
    if (flags.json) return printJson(io, label)
    printLabel(io, label)
    say(io, `Changed label \`${label.name}\`.`)
  },
})
