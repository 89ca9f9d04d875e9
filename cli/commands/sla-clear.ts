import { readInboxSla } from '../../core/http-contract/sla-contract.js'
import { defineCommand } from '../command.js'
import { say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath } from './inbox-output.js'

export const slaClear = defineCommand({
  name: 'sla clear',
  summary: "Remove an inbox's SLA policy.",
  usage: 'sla clear <inbox>',
  args: ['inbox'],
  flags: { ...CONNECTION_FLAGS },
  help: `
Arguments
  <inbox>          The inbox's id or name

Conversations stop showing due times; breaches already recorded are kept.
Needs an admin with a digital licence.

${CONNECTION_HELP}

Examples
  $ huddle sla clear Support
`,
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const answer = readInboxSla(await api.delete(`${inboxPath(args.inbox)}/sla`))
    say(io, `Inbox \`${answer.name}\` has no SLA policy now.`)
  },
})
