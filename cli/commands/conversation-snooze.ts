import { parseWhen } from '../../core/snooze.js'
import { defineConversationAction } from './conversation-action.js'

export const conversationSnooze = defineConversationAction({
  verb: 'snooze',
  summary: 'Snooze a conversation until a time, or until the customer writes.',
  usage: 'conversation snooze <id>… (--until WHEN | --until-reply)',
  flags: { until: { type: 'string' }, untilReply: { type: 'boolean' } },
  options: `  --until WHEN     When it wakes: an ISO time (\`2026-12-24T09:00\`, your zone unless it names
                   one), a duration (\`30m\`, \`1h\`, \`3h\`, \`2d\`), \`tomorrow\` (09:00), \`monday\` or
                   \`next-week\` (09:00 next Monday), in the inbox's business-hours zone when
                   its SLA policy has one, else yours
  --until-reply    Until the customer writes again
                   (it leaves Assigned to me / other / Unassigned for Snoozed, keeps its assignee,
                   and wakes at its time, or sooner when the customer writes)`,
  check: (flags) =>
    (flags.until === undefined) === (flags.untilReply !== true) ? ['Say when it wakes: give either `--until WHEN` (e.g. `--until 3h`, `--until tomorrow`) or `--until-reply`.'] : [],
  examples: ['snooze c-8f2k1 --until 3h', 'snooze c-8f2k1 --until tomorrow', 'snooze c-8f2k1 --until 2026-12-24T09:00', 'snooze c-8f2k1 --until-reply', 'snooze c-8f2k1 c-3m9qa --until monday'],
  request: (client, id, flags) => ({
    kind: 'snooze',
    until: flags.untilReply === true ? 'reply' : parseWhen(String(flags.until), { now: client.now(), timeZone: client.snoozeTimeZone(id) }),
  }),
  done: (id, flags) => `Snoozed conversation ${id} until ${flags.untilReply === true ? 'the customer replies' : String(flags.until)}`,
})
