import { HuddleError } from '../../core/errors.js'
import { readReport } from '../../core/http-contract/report-contract.js'
import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from '../../core/report-period.js'
import { parseReportRequest, REPORT_GROUPS, reportSearchParams, type ReportInput } from '../../core/report-query.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { localTimeZone } from '../client/local-time-zone.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { UsageError } from '../usage-error.js'
import { reportCsv, reportText } from './report-output.js'

const USAGE = 'report [--inbox I] [--agent U] [--label L] [--since DATE] [--until DATE] [--by day|hour|agent|inbox|label] [--json | --csv]'

export const report = defineCommand({
  name: 'report',
  summary: 'Report on a period: conversations received, replied and archived, response and resolution times, SLA met %, volume by day and hour.',
  usage: USAGE,
  args: [],
  flags: {
    inbox: { type: 'string' },
    agent: { type: 'string' },
    label: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    by: { type: 'string', choices: REPORT_GROUPS },
    csv: { type: 'boolean' },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
The server computes the figures from everything it stores, live and history,
over the inboxes you may report on: admins and team leaders every inbox,
agents the inboxes they are members of (and their personal one).

Options
  --inbox INBOX    Only this inbox: its id or name, or @USER for a personal inbox
  --agent USER     Only conversations held by this user
  --label LABEL    Only conversations carrying this label
  --since DATE     From this local day (YYYY-MM-DD), ISO time, or the last N days (\`7d\`);
                   default the last ${DEFAULT_REPORT_DAYS} days, today included; at most ${MAX_REPORT_DAYS} days
  --until DATE     Up to the end of this local day, or an ISO time; default the end of today
  --by GROUP       Also give the figures per day, hour (of day), agent, inbox or label
  --json           Print the report as JSON (its shape is in docs/design.md, "Reports")
  --csv            Print a CSV: a row per group, then the total; durations in ms

Received counts conversations whose first customer message is in the period;
replied, those whose first agent reply is (with the first response time);
archived, those archived in it and still archived (with the resolution time).
Times count only the inbox's business hours where it has them, and never a
snoozed spell. Days and hours are in the inbox's business-hours zone, else in
this computer's.

${CONNECTION_HELP}

Examples
  $ huddle report
  $ huddle report --inbox Support --since 7d
  $ huddle report --inbox Support --since 2026-03-01 --until 2026-03-31 --by day --csv > march.csv
  $ huddle report --agent alice --by label --json
`,
  async run({ flags, io }) {
    if (flags.json && flags.csv) throw new UsageError('Give one of `--json` and `--csv`, not both.', USAGE)
    const input: ReportInput = {
      inbox: flags.inbox,
      agent: flags.agent,
      label: flags.label,
      since: flags.since,
      until: flags.until,
      by: flags.by,
      zone: localTimeZone(),
    }
    try {
      // Checked before anything is sent, so a bad value is a usage error whether or not the server is up.
      parseReportRequest(input)
    } catch (error) {
      if (error instanceof HuddleError && error.code === 'invalid') throw new UsageError(error.message, USAGE, error.problems)
      throw error
    }
    const api = await connect(flags, io)
    const found = readReport(await api.get(`/reports?${reportSearchParams(input).toString()}`))
    if (flags.json) printJson(io, found)
    else if (flags.csv) io.stdout(reportCsv(found))
    else io.stdout(reportText(found))
  },
})
