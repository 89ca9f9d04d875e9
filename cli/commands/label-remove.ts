import { readRemoved } from '../../core/http-contract/answer-fields.js'
import { defineCommand } from '../command.js'
import { confirmRemoval } from '../confirm.js'
import { EXIT_CODES } from '../exit-codes.js'
import { JSON_FLAG, YES_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { labelPath } from './label-output.js'

export const labelRemove = defineCommand({
  name: 'label remove',
  summary: 'Remove a label (admins): it no longer shows on conversations or filters them; their history keeps it.',
  usage: 'label remove <label> [--yes] [--json]',
  args: ['label'],
  flags: { ...YES_FLAG, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <label>          The label's name or id (see \`huddle label list\`)

Options
  --yes, -y        Do not ask for confirmation (required when not run in a terminal)
  --json           Print {"removed": name}

A label added later with the same name is a new label: conversations that
had the removed one do not get it.

${CONNECTION_HELP}

Examples
  $ huddle label remove Spam
  $ huddle label remove spam --yes
`,
  async run({ args, flags, io, usage }) {
    const api = await connect(flags, io)
    const isConfirmed = await confirmRemoval(io, {
      verb: 'remove',
      thing: `label \`${args.label}\``,
      consequence: 'It no longer shows on conversations or filters them; their history keeps it.',
      isConfirmed: flags.yes,
      usage,
    })
    if (!isConfirmed) return EXIT_CODES.error
    const removed = readRemoved(await api.delete(labelPath(args.label)))
    if (flags.json) return printJson(io, { removed })
    say(io, `Removed label \`${removed}\`.`)
  },
})
