import { readPolicy } from '../../core/http-contract/routing-contract.js'
import { defineCommand } from '../command.js'
import { CHANNEL_FLAG, JSON_FLAG, hoursProblem, positionProblem } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printPolicies } from './routing-output.js'

export const routingAdd = defineCommand({
  name: 'routing add',
  summary: 'Add a routing rule for an inbound address, or set its default inbox.',
  usage:
    'routing add --address ADDR [--channel sms|whatsapp|chat] [--from PATTERN] [--keyword WORD] [--hours HOURS] (--to-inbox INBOX | --to-user USER) [--default] [--position N] [--json]',
  args: [],
  flags: {
    address: { type: 'string', isRequired: true },
    channel: CHANNEL_FLAG,
    from: { type: 'string' },
    keyword: { type: 'string' },
    hours: { type: 'string', check: hoursProblem },
    toInbox: { type: 'string' },
    toUser: { type: 'string' },
    default: { type: 'boolean' },
    position: { type: 'number', check: positionProblem },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --address ADDR       The organisation's number or chat widget key messages arrive on (required)
  --channel CHANNEL    Only messages on sms, whatsapp or chat
  --from PATTERN       Only senders matching the pattern; * matches any run, e.g. "+44*"
  --keyword WORD       Only messages whose body holds this word (any case)
  --hours HOURS        Only within business hours, e.g. 09:00-17:00@Europe/London
                       or "Mon-Fri 09:00-17:00@America/New_York"
  --to-inbox INBOX     Send matching conversations to this shared inbox (id or name)
  --to-user USER       Send them to this user's personal inbox
  --default            Make --to-inbox the default for messages no rule matches, instead of adding a rule
  --position N         Insert the rule at place N (1 is checked first); the end when absent
  --json               Print the policy {"id","addresses","rules","defaultInbox"}

The first rule whose conditions all hold wins; the default inbox catches the
rest; a message that nothing catches is kept as unrouted (\`huddle routing unrouted\`).

${CONNECTION_HELP}

Examples
  $ huddle routing add --address +15550100 --keyword refund --to-inbox Billing
  $ huddle routing add --address +15550100 --channel whatsapp --from "+44*" --to-inbox "UK Sales" --position 1
  $ huddle routing add --address +15550100 --hours "Mon-Fri 09:00-17:00@Europe/London" --to-user alice
  $ huddle routing add --address +15550100 --to-inbox Support --default
`,
  check: (flags) => {
    const problems: string[] = []
    if (flags.toInbox === undefined && flags.toUser === undefined) problems.push('Say where matching messages go: give `--to-inbox INBOX` or `--to-user USER`.')
    if (flags.toInbox !== undefined && flags.toUser !== undefined) problems.push('Give either `--to-inbox` or `--to-user`, not both.')
    if (flags.default === true && flags.toUser !== undefined) problems.push('The default must be a shared inbox: use `--to-inbox` with `--default`.')
    if (flags.default === true && flags.position !== undefined) problems.push('`--position` places a rule; the default is not a rule, so leave `--position` out with `--default`.')
    return problems
  },
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const body = {
      address: flags.address,
      ...(flags.channel === undefined ? {} : { channel: flags.channel }),
      ...(flags.from === undefined ? {} : { from: flags.from }),
      ...(flags.keyword === undefined ? {} : { keyword: flags.keyword }),
      ...(flags.hours === undefined ? {} : { hours: flags.hours }),
      ...(flags.toInbox === undefined ? {} : { toInbox: flags.toInbox }),
      ...(flags.toUser === undefined ? {} : { toUser: flags.toUser }),
      ...(flags.default ? { isDefault: true } : {}),
      ...(flags.position === undefined ? {} : { position: flags.position }),
    }
    const answer = await api.post('/routing/rules', body)
    const policy = readPolicy(answer)
    if (flags.json) return printJson(io, answer)
    printPolicies(io, [policy])
    say(
      io,
      flags.default
        ? `Messages to ${flags.address} that no rule matches now go to inbox \`${flags.toInbox}\`.`
        : `Added rule ${flags.position ?? policy.rules.length} for ${flags.address}. Try it with \`huddle routing test --channel sms --from +15550123 --to ${flags.address} --body "…"\`.`,
    )
  },
})
