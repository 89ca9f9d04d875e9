import { readRemoved } from '../../core/http-contract/answer-fields.js'
import { defineCommand } from '../command.js'
import { confirmRemoval } from '../confirm.js'
import { EXIT_CODES } from '../exit-codes.js'
import { JSON_FLAG, YES_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { templatePath } from './template-output.js'

export const templateRemove = defineCommand({
  name: 'template remove',
  summary: 'Remove a message template; agents can no longer reply with it.',
  usage: 'template remove <name> [--yes] [--json]',
  args: ['name'],
  flags: { ...YES_FLAG, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --yes, -y        Do not ask for confirmation (required when not run in a terminal)
  --json           Print {"removed": name}

${CONNECTION_HELP}

Examples
  $ huddle template remove order_shipped
  $ huddle template remove order_shipped --yes
`,
  async run({ args, flags, io, usage }) {
    const api = await connect(flags, io)
    const isConfirmed = await confirmRemoval(io, { verb: 'remove', thing: `template \`${args.name}\``, consequence: 'Agents can no longer reply with it.', isConfirmed: flags.yes, usage })
    if (!isConfirmed) return EXIT_CODES.error
    const removed = readRemoved(await api.delete(templatePath(args.name)))
    if (flags.json) return printJson(io, { removed })
    say(io, `Removed template \`${removed}\`.`)
  },
})
