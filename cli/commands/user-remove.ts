import { readRemoved } from '../../core/http-contract/answer-fields.js'
import { defineCommand } from '../command.js'
import { confirmRemoval } from '../confirm.js'
import { EXIT_CODES } from '../exit-codes.js'
import { JSON_FLAG, YES_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const userRemove = defineCommand({
  name: 'user remove',
  summary: 'Remove a user: their token stops working and they leave every inbox.',
  usage: 'user remove <id> [--yes] [--json]',
  args: ['id'],
  flags: { ...YES_FLAG, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --yes, -y        Do not ask for confirmation (required when not run in a terminal)
  --json           Print {"removed": id}

${CONNECTION_HELP}

Examples
  $ huddle user remove bob
  $ huddle user remove bob --yes
`,
  async run({ args, flags, io, usage }) {
    const api = await connect(flags, io)
    const isConfirmed = await confirmRemoval(io, { verb: 'remove', thing: `user \`${args.id}\``, consequence: 'Their token stops working and they leave every inbox.', isConfirmed: flags.yes, usage })
    if (!isConfirmed) return EXIT_CODES.error
    const removed = readRemoved(await api.delete(`/users/${encodeURIComponent(args.id)}`))
    if (flags.json) return printJson(io, { removed })
    say(io, `Removed user \`${removed}\`.`)
  },
})
