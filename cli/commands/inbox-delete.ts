import { readRemoved } from '../../core/http-contract/answer-fields.js'
import { defineCommand } from '../command.js'
import { confirmRemoval } from '../confirm.js'
import { EXIT_CODES } from '../exit-codes.js'
import { JSON_FLAG, YES_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath } from './inbox-output.js'

export const inboxDelete = defineCommand({
  name: 'inbox delete',
  summary: 'Delete a shared inbox (refused while it holds open conversations, unless forced).',
  usage: 'inbox delete <inbox> [--force] [--yes] [--json]',
  args: ['inbox'],
  flags: { force: { type: 'boolean' }, ...YES_FLAG, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <inbox>          The inbox's id or name

Options
  --force          Delete even though it still holds open conversations
  --yes, -y        Do not ask for confirmation (required when not run in a terminal)
  --json           Print {"removed": id}

Routing rules that send messages to the inbox are removed with it.

${CONNECTION_HELP}

Examples
  $ huddle inbox delete "Old promotions"
  $ huddle inbox delete sales --force --yes
`,
  async run({ args, flags, io, usage }) {
    const api = await connect(flags, io)
    const isConfirmed = await confirmRemoval(io, { verb: 'delete', thing: `inbox \`${args.inbox}\``, consequence: `${flags.force ? 'Its open conversations go with it. ' : ''}Routing rules to it are removed too.`, isConfirmed: flags.yes, usage })
    if (!isConfirmed) return EXIT_CODES.error
    const removed = readRemoved(await api.delete(`${inboxPath(args.inbox)}${flags.force ? '?force=true' : ''}`))
    if (flags.json) return printJson(io, { removed })
    say(io, removed === args.inbox ? `Deleted inbox \`${removed}\`.` : `Deleted inbox \`${args.inbox}\` (id \`${removed}\`).`)
  },
})
