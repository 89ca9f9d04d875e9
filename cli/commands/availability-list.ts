import { readAvailabilityEntries } from '../../core/http-contract/availability-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { availabilityJson, printAvailability } from './availability-output.js'

export const availabilityList = defineCommand({
  name: 'availability list',
  summary: 'List who is available, busy or away, and who is online.',
  usage: 'availability list [--inbox INBOX] [--json]',
  args: [],
  flags: { inbox: { type: 'string' }, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --inbox INBOX    Only the members of this inbox (its id or name)
  --json           Print [{"user","name","availability","online"}]

A user is online while one of their clients is connected and for two minutes after
the last one left; SHOWN AS is what colleagues see: their availability, or offline.

${CONNECTION_HELP}

Examples
  $ huddle availability list
  $ huddle availability list --inbox Sales --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const query = flags.inbox === undefined ? '' : `?inbox=${encodeURIComponent(flags.inbox)}`
    const entries = readAvailabilityEntries(await api.get(`/availability${query}`))
    if (flags.json) printJson(io, entries.map(availabilityJson))
    else printAvailability(io, entries)
  },
})
