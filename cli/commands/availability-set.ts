import { AVAILABILITIES, availabilityProblems, parseAvailability } from '../../core/availability.js'
import { readAvailabilityEntry } from '../../core/http-contract/availability-contract.js'
import { readUser } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { availabilityJson } from './availability-output.js'

export const availabilitySet = defineCommand({
  name: 'availability set',
  summary: 'Say whether you take work: available, busy or away.',
  usage: `availability set <${AVAILABILITIES.join('|')}> [--user USER] [--json]`,
  args: ['availability'],
  flags: { user: { type: 'string' }, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <availability>   available, busy or away; only available agents are given work

Options
  --user USER      Set a colleague's instead of your own (admins only)
  --json           Print {"user","name","availability","online"}

It is kept by the server, so the server must be reachable; it lasts until changed.

${CONNECTION_HELP}

Examples
  $ huddle availability set busy
  $ huddle availability set available
  $ huddle availability set away --user bob
`,
  check: (_flags, args) => (args.availability === undefined ? [] : availabilityProblems(args.availability)),
  async run({ args, flags, io }) {
    const availability = parseAvailability(args.availability)
    const api = await connect(flags, io)
    const user = flags.user ?? readUser(await api.get('/whoami')).id
    const entry = readAvailabilityEntry(await api.put(`/availability/${encodeURIComponent(user)}`, { availability }))
    if (flags.json) printJson(io, availabilityJson(entry))
    else say(io, `${entry.name} (\`${entry.user}\`) is now ${entry.availability}.`)
  },
})
