/** What each picker offers, and its title: inboxes, the members to assign to, the templates a reply may use. */
import { availabilityWord, type AvailabilityStatus } from '../../core/availability.js'
import type { InboxInfo } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { PickerOption } from './controller.js'
import type { DashboardSource } from './dashboard-source.js'
import type { Picker } from './dashboard-state.js'
import { contactLabel, inboxTitle } from './format.js'
import { replyWindow } from './reply-window.js'
import { templateChoices } from './template-choices.js'

export type PickerContext = {
  readonly inboxes: readonly InboxInfo[]
  readonly source: DashboardSource
  readonly me: string | null
  readonly now: number
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
  }
}

export function pickerTitle(picker: Picker, row: ConversationRow | null, now: number): string {
  const contact = row ? contactLabel(row) : ''
  switch (picker.kind) {
    case 'inbox':
      return 'Go to inbox'
    case 'assign':
      return `Assign ${contact} to…`
    case 'template':
      return row && replyWindow(row, now).kind === 'closed' ? `Structured template for ${contact}` : `Template for ${contact}`
  }
}
