import { readSlaBreaches } from '../../core/http-contract/sla-contract.js'
import { formatDuration } from '../../core/sla-policy.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { formatTime, printJson, printTable } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const slaBreaches = defineCommand({
  name: 'sla breaches',
  summary: 'List the SLA breaches the server recorded, newest first.',
  usage: 'sla breaches [--inbox INBOX] [--json]',
  args: [],
  flags: { inbox: { type: 'string' }, ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --inbox INBOX    Only this inbox (its id or name); all you may see when left out
  --json           Print [{"conversation","inbox","kind","startedAt","due","breachedAt","metAt","overdueMs","assignee"}]
                   (times in ms since the epoch; metAt null while not met yet)

Each target is recorded once per conversation and occurrence, and stays
recorded after it is met (with how late). Admins and team leaders see every
inbox; agents the inboxes they are members of.

${CONNECTION_HELP}

Examples
  $ huddle sla breaches --inbox Support
  $ huddle sla breaches --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const query = flags.inbox === undefined ? '' : `?inbox=${encodeURIComponent(flags.inbox)}`
    const breaches = readSlaBreaches(await api.get(`/sla/breaches${query}`))
    if (flags.json) return printJson(io, breaches)
    printTable(
      io,
      breaches,
      [
        { header: 'CONVERSATION', value: (b) => b.conversation },
        { header: 'INBOX', value: (b) => b.inbox.replace(/^inbox\//, '') },
        { header: 'TARGET', value: (b) => b.kind },
        { header: 'DUE', value: (b) => formatTime(b.due) },
        { header: 'MET', value: (b) => (b.metAt === null ? 'not yet' : formatTime(b.metAt)) },
        { header: 'LATE BY', value: (b) => formatDuration(Math.max(60_000, Math.round(b.overdueMs / 60_000) * 60_000)) },
        { header: 'HELD BY', value: (b) => b.assignee },
      ],
      'No SLA breaches recorded.',
    )
  },
})
