import { readInboxSla } from '../../core/http-contract/sla-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath } from './inbox-output.js'
import { printSla, slaJson } from './sla-output.js'

export const slaShow = defineCommand({
  name: 'sla show',
  summary: "Show an inbox's SLA policy.",
  usage: 'sla show <inbox> [--json]',
  args: ['inbox'],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <inbox>          The inbox's id or name

Options
  --json           Print {"inbox","name","sla"}: sla null when there is none, else
                   {"firstResponse","nextResponse","resolution","warnBefore","businessHours"}
                   as written (30m, 4h, 2d; null when not set) and the same in ms
                   ("firstResponseMs", …)

${CONNECTION_HELP}

Examples
  $ huddle sla show Support
  $ huddle sla show support --json
`,
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const answer = readInboxSla(await api.get(`${inboxPath(args.inbox)}/sla`))
    if (flags.json) return printJson(io, slaJson(answer))
    printSla(io, answer)
  },
})
