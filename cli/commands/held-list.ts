import { withCommandClient } from '../client/command-client.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { formatTime, printJson, printTable } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'

export const heldList = defineCommand({
  name: 'held list',
  summary: 'List your replies the server held because the conversation moved on.',
  usage: 'held list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
A reply written against a conversation that was meanwhile taken over, or that
the customer wrote to again, is held instead of sent. Send it anyway with
\`huddle held send <message>\`, or drop it with \`huddle held discard <message>\`.

Options
  --json           Print [{"conversation","message","body","reason","at","decision"}]
                   ("decision" is send or discard when chosen here and not yet acted on, else null)

${CONNECTION_HELP}

Examples
  $ huddle held list
  $ huddle held list --json
`,
  async run({ flags, io }) {
    await withCommandClient(flags, io, async ({ client }) => {
      await client.refreshConversations()
      const held = client.heldReplies()
      if (flags.json) return printJson(io, held)
      printTable(
        io,
        held,
        [
          { header: 'MESSAGE', value: (h) => h.message },
          { header: 'CONVERSATION', value: (h) => h.conversation },
          { header: 'WRITTEN', value: (h) => formatTime(h.at) },
          { header: 'WHY HELD', value: (h) => (h.decision ? `${h.reason} (you chose to ${h.decision} it)` : h.reason) },
          { header: 'BODY', value: (h) => h.body },
        ],
        'No held replies.',
      )
    })
  },
})
