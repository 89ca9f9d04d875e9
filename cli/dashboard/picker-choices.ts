/** What each picker offers, and its title: inboxes, the members to assign to, the templates a reply may use, when a snooze wakes, labels, priorities. */
import type { SnoozeUntil } from '../../core/assignment-event.js'
import { HuddleError } from '../../core/errors.js'
import { parseWhen, SNOOZE_CHOICES, snoozeTimeZone } from '../../core/snooze.js'
import { localTimeZone } from '../client/local-time-zone.js'
import { availabilityWord, type AvailabilityStatus } from '../../core/availability.js'
import { listLabels } from '../../core/label.js'
import { PRIORITIES, PRIORITY_SYMBOLS } from '../../core/priority.js'
import type { InboxInfo } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { PickerOption } from './controller.js'
import type { DashboardSource } from './dashboard-source.js'
import type { Picker } from './dashboard-state.js'
import { contactLabel, inboxTitle, plural, wakeLabel } from './format.js'
import { replyWindow } from './reply-window.js'
import { templateChoices } from './template-choices.js'

export type PickerContext = {
  readonly inboxes: readonly InboxInfo[]
  readonly source: DashboardSource
  readonly me: string | null
  readonly now: number
}

/** The value of the snooze picker's choice until the customer writes. */
const UNTIL_REPLY = 'reply'

/** The zone a snooze of this conversation reads `tomorrow` in: its inbox's business hours, else this computer's (core/snooze.ts). */
export function snoozeZoneOf(inboxes: readonly InboxInfo[], row: ConversationRow | null): string {
  return snoozeTimeZone(inboxes.find((i) => i.doc === row?.inbox)?.sla ?? null, localTimeZone())
}

/** The wake a snooze choice names (a quick choice's WHEN, a typed one, or `reply`), read at `now` in `timeZone`. */
export function snoozeUntilOf(value: string, now: number, timeZone: string): SnoozeUntil {
  return value === UNTIL_REPLY ? 'reply' : parseWhen(value, { now, timeZone })
}

/** The snooze picker's choices: a typed WHEN first when it reads as one, then the quick choices and until the customer replies. */
function snoozeChoices(query: string, now: number, timeZone: string): PickerOption[] {
  const quick = [...SNOOZE_CHOICES.map((c) => ({ key: c.when, value: c.when, label: c.label, detail: wakeLabel(snoozeUntilOf(c.when, now, timeZone), now) })), { key: UNTIL_REPLY, value: UNTIL_REPLY, label: 'until the customer replies', detail: 'or a time: type 2h, 2026-12-24T09:00…' }]
  const typed = query.trim()
  if (typed === '' || quick.some((c) => c.value === typed.toLowerCase())) return quick
  try {
    const at = snoozeUntilOf(typed, now, timeZone)
    return [{ key: `typed:${typed}`, value: typed, label: `until ${wakeLabel(at, now)}`, detail: 'as typed' }, ...quick]
  } catch (error) {
    // Not a WHEN (yet): the query narrows the quick choices instead.
    if (error instanceof HuddleError) return quick
    throw error
  }
}

function availabilityDetail(status: AvailabilityStatus | null): string {
  return status === null ? '' : ` · ${availabilityWord(status)}`
}

/** Every choice of the picker, before the agent's query narrows them. */
export function pickerChoices(picker: Picker, { inboxes, source, me, now }: PickerContext): PickerOption[] {
  switch (picker.kind) {
    case 'inbox':
      return inboxes.map((i) => ({ key: i.doc, value: i.doc, label: inboxTitle(i), detail: `${i.counts.mine} mine · ${i.counts.unassigned} unassigned` }))
    case 'assign': {
      const row = source.conversation(picker.conversation)
      return (inboxes.find((i) => i.doc === row?.inbox)?.members ?? []).map((id) => ({
        key: id,
        value: id,
        label: source.userName(id),
        detail: `@${id}${availabilityDetail(source.availabilityOf(id))}${id === me ? ' · you' : ''}${id === row?.assignee ? ' · has it now' : ''}`,
      }))
    }
    case 'template': {
      const row = source.conversation(picker.conversation)
      if (!row) return []
      return templateChoices(source.templates(), row.channel, replyWindow(row, now)).map((t) => ({ key: t.name, value: t.name, label: t.name, detail: `${t.kind} · ${t.body}` }))
    }
    case 'snooze':
      return snoozeChoices(picker.query, now, snoozeZoneOf(inboxes, source.conversation(picker.conversation)))
    case 'labels': {
      const on = source.conversation(picker.conversation)?.labels ?? []
      return listLabels(source.labels()).map((l) => ({ key: l.id, value: l.id, label: l.name, detail: `${on.includes(l.id) ? '✓ on, Enter removes' : 'Enter adds'} · ${l.colour}` }))
    }
    case 'priority': {
      const current = source.conversation(picker.conversation)?.priority
      return PRIORITIES.map((p) => ({ key: p, value: p, label: p, detail: `${PRIORITY_SYMBOLS[p] || '·'}${p === current ? ' · now' : ''}` }))
    }
  }
}

export function pickerTitle(picker: Picker, row: ConversationRow | null, now: number): string {
  const contact = row ? contactLabel(row) : ''
  switch (picker.kind) {
    case 'inbox':
      return 'Go to inbox'
    case 'assign':
      return picker.marked ? `Assign ${plural(picker.marked.length, 'marked conversation')} to…` : `Assign ${contact} to…`
    case 'template':
      return row && replyWindow(row, now).kind === 'closed' ? `Structured template for ${contact}` : `Template for ${contact}`
    case 'snooze':
      return picker.marked ? `Snooze ${plural(picker.marked.length, 'marked conversation')}…` : `Snooze ${contact}…`
    case 'labels':
      return picker.marked ? `Labels of ${plural(picker.marked.length, 'marked conversation')}` : `Labels of ${contact}`
    case 'priority':
      return picker.marked ? `Priority of ${plural(picker.marked.length, 'marked conversation')}` : `Priority of ${contact}`
  }
}
