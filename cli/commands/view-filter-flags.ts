/** The flags a saved view's filter is given with (`huddle view save NAME …`), read into core/saved-view-filter.ts's words. */
import { PRIORITIES } from '../../core/priority.js'
import { SLA_STATES, type FilterWords } from '../../core/saved-view-filter.js'
import { CHANNELS } from '../../core/users.js'
import { VIEWS } from '../../core/views.js'
import type { FlagSpec } from '../command.js'

export const VIEW_FILTER_FLAGS = {
  inbox: { type: 'string', isMultiple: true },
  channel: { type: 'string', isMultiple: true, choices: CHANNELS },
  label: { type: 'string', isMultiple: true },
  priority: { type: 'string', isMultiple: true, choices: PRIORITIES },
  assignee: { type: 'string', isMultiple: true },
  status: { type: 'string', isMultiple: true, choices: VIEWS },
  sla: { type: 'string', isMultiple: true, choices: SLA_STATES },
  text: { type: 'string' },
} as const satisfies Record<string, FlagSpec>

export const VIEW_FILTER_HELP = `  --inbox INBOX      Only these inboxes: an id or name, or \`personal\`
  --channel CHANNEL  sms, whatsapp or chat
  --label LABEL      Labelled with any of these (a name or id; see \`huddle label list\`)
  --priority P       urgent, high, normal or low
  --assignee USER    Assigned to any of these (a user id or name, or \`me\`)
  --status VIEW      In any of the views mine, others, unassigned, archived, snoozed
  --sla STATE        The next SLA target is ok, warning (due soon) or breached
  --text WORDS       The contact, number, id or last message holds every word (as \`huddle
                     search\` reads words: any case and accents, the start of a word)
  Each flag may be repeated or take a comma list (\`--status mine,unassigned\`): any of
  its values matches; a conversation must match every flag given.`

type FilterFlagValues = { readonly [K in Exclude<keyof typeof VIEW_FILTER_FLAGS, 'text'>]: readonly string[] } & { readonly text: string | undefined }

export function filterWordsOf(flags: FilterFlagValues): FilterWords {
  const { inbox, channel, label, priority, assignee, status, sla, text } = flags
  return { inbox, channel, label, priority, assignee, status, sla, ...(text === undefined ? {} : { text }) }
}
