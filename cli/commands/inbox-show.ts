import { readAvailabilityEntries } from '../../core/http-contract/availability-contract.js'
import { readInboxWithCounts } from '../../core/http-contract/inbox-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath, membersWithAvailability, printInbox } from './inbox-output.js'

export const inboxShow = defineCommand({
  name: 'inbox show',
  summary: 'Show one inbox: its settings, members (with their availability) and conversation counts.',
  usage: 'inbox show <inbox> [--json]',
  args: ['inbox'],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <inbox>          The inbox's id or name (names match regardless of case)

Options
  --json           Print {"id","name","description","reopenArchived","keepArchivedDays",
                   "autoAssign":{"mode","capacity"},"members","counts":{"open","archived"}}

${CONNECTION_HELP}

Examples
  $ huddle inbox show Sales
  $ huddle inbox show billing --json
`,
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const inbox = readInboxWithCounts(await api.get(inboxPath(args.inbox)))
    if (flags.json) return printJson(io, inbox)
    const availability = readAvailabilityEntries(await api.get(`/availability?inbox=${encodeURIComponent(inbox.id)}`))
    printInbox(
      io,
      inbox,
      [
        ['open', inbox.counts.open],
        ['archived', inbox.counts.archived],
      ],
      membersWithAvailability(inbox.members, availability),
    )
  },
})
