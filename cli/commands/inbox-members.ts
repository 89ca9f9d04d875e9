import { readMembersChange } from '../../core/http-contract/inbox-contract.js'
import { readUsers } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath } from './inbox-output.js'
import { printUsers, userJson } from './user-output.js'

export const inboxMembers = defineCommand({
  name: 'inbox members',
  summary: 'List the members of an inbox, or change them all at once.',
  usage: 'inbox members <inbox> [--add USER,...] [--remove USER,...] [--json]',
  args: ['inbox'],
  flags: {
    add: { type: 'string', isMultiple: true },
    remove: { type: 'string', isMultiple: true },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Arguments
  <inbox>            The inbox's id or name

Options
  --add USER         Users to add; repeat it or give a comma list. Only users holding a digital
                     licence can be members.
  --remove USER      Members to remove; their open conversations here become unassigned and
                     they lose access at once
  --json             Print the members [{"id","name","permission","licences"}], or after a change
                     {"members":[…],"added":[ids],"removed":[ids]}

Without --add or --remove the members are listed. With them, the whole change is
saved at once, or, if any user cannot be added or removed, nothing is changed.

${CONNECTION_HELP}

Examples
  $ huddle inbox members Sales
  $ huddle inbox members Sales --add alice,bob --remove carol
  $ huddle inbox members support --add dan --json
`,
  check: (flags) => {
    const both = (flags.add ?? []).filter((id) => (flags.remove ?? []).includes(id))
    return both.map((id) => `User \`${id}\` is both added and removed; give them to \`--add\` or \`--remove\`, not both.`)
  },
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    if (flags.add.length === 0 && flags.remove.length === 0) {
      const members = readUsers(await api.get(`${inboxPath(args.inbox)}/members`))
      if (flags.json) return printJson(io, members.map(userJson))
      return printUsers(io, members, `Inbox \`${args.inbox}\` has no members yet. Add some with \`huddle inbox members ${args.inbox} --add USER\`.`)
    }
    const change = readMembersChange(await api.post(`${inboxPath(args.inbox)}/members`, { add: flags.add, remove: flags.remove }))
    if (flags.json) return printJson(io, { members: change.members.map(userJson), added: change.added, removed: change.removed })
    printUsers(io, change.members, `Inbox \`${args.inbox}\` has no members now.`)
    const done = [
      change.added.length > 0 ? `added ${change.added.join(', ')}` : '',
      change.removed.length > 0 ? `removed ${change.removed.join(', ')}` : '',
    ].filter(Boolean)
    say(io, done.length > 0 ? `Members of \`${args.inbox}\`: ${done.join('; ')}.` : `Members of \`${args.inbox}\` were already as asked; nothing changed.`)
  },
})
