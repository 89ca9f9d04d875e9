import { readInboxSla } from '../../core/http-contract/sla-contract.js'
import { durationProblems, parseSlaPolicy } from '../../core/sla-policy.js'
import { defineCommand } from '../command.js'
import { hoursProblem, JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxPath } from './inbox-output.js'
import { printSla, slaJson } from './sla-output.js'

const duration = (flag: string) => ({ type: 'string', check: (v: string | number) => durationProblems(String(v), `\`${flag}\``)[0] }) as const

export const slaSet = defineCommand({
  name: 'sla set',
  summary: "Set an inbox's SLA policy: how soon conversations are answered and resolved.",
  usage: 'sla set <inbox> [--first-response D] [--next-response D] [--resolution D] [--warn-before D] [--business-hours HOURS] [--json]',
  args: ['inbox'],
  flags: {
    firstResponse: duration('--first-response'),
    nextResponse: duration('--next-response'),
    resolution: duration('--resolution'),
    warnBefore: duration('--warn-before'),
    businessHours: { type: 'string', check: hoursProblem },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Arguments
  <inbox>                   The inbox's id or name

Options
  --first-response D        From the customer's first message to the first reply
  --next-response D         From the oldest customer message not yet answered to the next reply
  --resolution D            From the first message until the conversation is archived
  --warn-before D           Show a target as a warning this long before it is due (default: no warning)
  --business-hours HOURS    Count only time within these hours, e.g. "Mon-Fri 09:00-17:00@Europe/London"
                            (default: around the clock)
  --json                    Print {"inbox","name","sla"}

D is a whole number of minutes, hours or days: 30m, 4h, 2d. The policy is replaced
whole: give every target you want to keep. Needs an admin with a digital licence.
Every agent's copy computes the same due times from it, offline too; time a
conversation spends archived does not count.

${CONNECTION_HELP}

Examples
  $ huddle sla set Support --first-response 30m --next-response 4h --resolution 2d --warn-before 10m
  $ huddle sla set Sales --first-response 1h --business-hours "Mon-Fri 09:00-17:00@Europe/London"
`,
  check: (flags) =>
    flags.firstResponse === undefined && flags.nextResponse === undefined && flags.resolution === undefined
      ? ['An SLA policy needs at least one target: give `--first-response`, `--next-response` or `--resolution`, e.g. `--first-response 30m`.']
      : [],
  async run({ args, flags, io }) {
    const policy = parseSlaPolicy({
      ...(flags.firstResponse === undefined ? {} : { firstResponse: flags.firstResponse }),
      ...(flags.nextResponse === undefined ? {} : { nextResponse: flags.nextResponse }),
      ...(flags.resolution === undefined ? {} : { resolution: flags.resolution }),
      ...(flags.warnBefore === undefined ? {} : { warnBefore: flags.warnBefore }),
      ...(flags.businessHours === undefined ? {} : { businessHours: flags.businessHours }),
    })
    const api = await connect(flags, io)
    const answer = readInboxSla(await api.put(`${inboxPath(args.inbox)}/sla`, policy))
    if (flags.json) return printJson(io, slaJson(answer))
    printSla(io, answer)
    say(io, `Set the SLA policy of \`${answer.name}\`.`)
  },
})
