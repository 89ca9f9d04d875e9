import { AUTO_ASSIGN_MODES, capacityProblems, DEFAULT_CAPACITY } from '../../core/auto-assign.js'
import { DEFAULT_KEEP_ARCHIVED_DAYS, keepArchivedDaysProblems } from '../../core/history.js'
import { readInbox } from '../../core/http-contract/inbox-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath, printInbox } from './inbox-output.js'

export const inboxEdit = defineCommand({
  name: 'inbox edit',
  summary: 'Rename an inbox, change its description, how it treats archived conversations, or how it assigns them.',
  usage:
    'inbox edit <inbox> [--name NAME] [--description TEXT] [--reopen-archived true|false] [--keep-archived-days N] [--auto-assign off|round-robin|fewest-open] [--capacity N] [--json]',
  args: ['inbox'],
  flags: {
    name: { type: 'string' },
    description: { type: 'string' },
    reopenArchived: { type: 'string', choices: ['true', 'false'] },
    keepArchivedDays: { type: 'number', check: (v) => keepArchivedDaysProblems(v)[0] },
    autoAssign: { type: 'string', choices: AUTO_ASSIGN_MODES },
    capacity: { type: 'number', check: (v) => capacityProblems(v)[0] },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Arguments
  <inbox>                       The inbox's id or name

Options
  --name NAME                   New name, unique regardless of case
  --description TEXT            New description
  --reopen-archived true|false  When a contact writes again after their conversation was archived:
                                true reopens it (keeping its assignee), false (the default) starts a
                                new conversation, routed afresh and linked to the earlier one
  --keep-archived-days N        Days an archived conversation stays in the live inbox (default ${DEFAULT_KEEP_ARCHIVED_DAYS});
                                after that it moves to history: still listed in Archived, opened
                                and searched through the server, no longer on every agent's computer.
                                0 moves conversations to history as soon as they are archived
  --auto-assign MODE            off (the default), round-robin or fewest-open: the server assigns each
                                conversation that arrives or becomes unassigned to a member who is
                                available, online and under capacity; turning it on assigns those
                                already waiting, longest-waiting first
  --capacity N                  Open conversations a member may hold in this inbox before auto-assignment
                                passes them by (a whole number from 1, default ${DEFAULT_CAPACITY})
  --json                        Print {"id","name","description","reopenArchived","keepArchivedDays",
                                "autoAssign":{"mode","capacity"},"members"}

${CONNECTION_HELP}

Examples
  $ huddle inbox edit Sales --name "Sales EMEA"
  $ huddle inbox edit support --reopen-archived true
  $ huddle inbox edit support --keep-archived-days 7
  $ huddle inbox edit support --auto-assign round-robin --capacity 5
  $ huddle inbox edit Sales --auto-assign fewest-open
  $ huddle inbox edit Sales --auto-assign off
`,
  check: (flags) =>
    [flags.name, flags.description, flags.reopenArchived, flags.keepArchivedDays, flags.autoAssign, flags.capacity].every((flag) => flag === undefined)
      ? ['Nothing to change: give `--name`, `--description`, `--reopen-archived`, `--keep-archived-days`, `--auto-assign` or `--capacity`.']
      : [],
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const patch = {
      ...(flags.name === undefined ? {} : { name: flags.name }),
      ...(flags.description === undefined ? {} : { description: flags.description }),
      ...(flags.reopenArchived === undefined ? {} : { reopenArchived: flags.reopenArchived === 'true' }),
      ...(flags.keepArchivedDays === undefined ? {} : { keepArchivedDays: flags.keepArchivedDays }),
      ...(flags.autoAssign === undefined ? {} : { autoAssign: flags.autoAssign }),
      ...(flags.capacity === undefined ? {} : { capacity: flags.capacity }),
    }
    const inbox = readInbox(await api.patch(inboxPath(args.inbox), patch))
    if (flags.json) return printJson(io, inbox)
    printInbox(io, inbox)
    say(io, `Changed inbox \`${inbox.name}\`.`)
  },
})
