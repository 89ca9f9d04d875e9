/**
 * Bulk actions in the dashboard: marking conversations of the view (space,
 * `*`; Esc clears), then claim, assign, unassign, snooze, archive, label or
 * prioritise every marked one at once. Each goes through the client's
 * `bulkAssignment`, which makes for each conversation the very event the
 * single action makes, so it works offline and merges like any other; a bulk
 * claim's lost claims come back as one notice.
 */
import type { AssignmentRequest } from '../../core/actions.js'
import { isPriority } from '../../core/priority.js'
import type { BulkOutcome } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { Controller, PickerOption } from './controller.js'
import type { Flash, Picker } from './dashboard-state.js'
import { dashboardWords } from './dashboard-words.js'
import { act, doneWords, say } from './feedback.js'
import { contactLabel, plural } from './format.js'
import type { Action } from './key-table.js'
import { snoozeUntilOf, snoozeZoneOf } from './picker-choices.js'

export function toggleMark(c: Controller): void {
  const row = c.rows[c.cursor]
  if (!row) return say(c, 'No conversation to mark in this view.')
  c.dispatch({ type: 'mark-toggle', id: row.id })
}

export function markAll(c: Controller): void {
  if (c.rows.length === 0) return say(c, 'No conversation to mark in this view.')
  c.dispatch({ type: 'mark-all', ids: c.rows.map((row) => row.id) })
}

/** With marks set, runs a bulk action on the marked rows and answers true; false for an action that acts on one conversation only. */
export function actOnMarked(c: Controller, action: Action): boolean {
  const rows = c.marked
  const ids = rows.map((row) => row.id)
  switch (action) {
    case 'claim':
      runOnIds(c, ids, { kind: 'claim' }, 'Claimed')
      return true
    case 'unassign':
      runOnIds(c, ids, { kind: 'unassign' }, 'Unassigned')
      return true
    case 'archive': {
      const isReopening = rows.every((row) => row.status === 'archived')
      runOnIds(c, ids, { kind: isReopening ? 'unarchive' : 'archive' }, isReopening ? 'Reopened' : 'Archived')
      return true
    }
    case 'snooze':
      if (rows.every((row) => row.view === 'snoozed')) runOnIds(c, ids, { kind: 'unsnooze' }, 'Woke')
      else openPicker(c, 'snooze', rows)
      return true
    case 'assign':
    case 'priority':
      openPicker(c, action, rows)
      return true
    case 'labels':
      // With no labels to pick, the single action says so.
      if (Object.keys(c.source.labels()).length === 0) return false
      openPicker(c, 'labels', rows)
      return true
    default:
      return false
  }
}

type BulkPicker = Extract<Picker, { kind: 'assign' | 'snooze' | 'labels' | 'priority' }> & { readonly marked: readonly string[] }

/**
 * The member, wake time, label or priority chosen for the marked
 * conversations. A label is taken off them all when all have it, else given
 * to them all; its picker stays up for the next, as for one conversation.
 */
export function pickForMarked(c: Controller, picker: BulkPicker, option: PickerOption): void {
  const ids = picker.marked
  if (picker.kind !== 'labels') c.dispatch({ type: 'overlay', overlay: null })
  switch (picker.kind) {
    case 'assign':
      return runOnIds(c, ids, { kind: 'assign', to: option.value }, 'Assigned', ` to ${option.label}`)
    case 'snooze': {
      const until = snoozeUntilOf(option.value, c.now, snoozeZoneOf(c.inboxes, c.source.conversation(picker.conversation)))
      return runOnIds(c, ids, { kind: 'snooze', until }, 'Snoozed', ` ${option.label}`)
    }
    case 'priority': {
      const priority = option.value
      if (!isPriority(priority)) return
      return runOnIds(c, ids, { kind: 'priority', priority }, 'Set', ` to ${priority} priority`)
    }
    case 'labels': {
      const isOnAll = ids.every((id) => c.source.conversation(id)?.labels.includes(option.value) === true)
      const request = { kind: isOnAll ? 'unlabel' : 'label', label: option.value, name: option.label } as const
      return isOnAll ? runOnIds(c, ids, request, `Took label ${option.label} off`) : runOnIds(c, ids, request, 'Labelled', ` ${option.label}`)
    }
  }
}

function openPicker(c: Controller, kind: BulkPicker['kind'], rows: readonly ConversationRow[]): void {
  // The first marked row stands for them all where the picker needs one: they share its inbox.
  const picker = { kind, conversation: rows[0]!.id, query: '', index: 0, marked: rows.map((row) => row.id) }
  c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker } })
}

function runOnIds(c: Controller, ids: readonly string[], request: AssignmentRequest, verb: string, tail = ''): void {
  c.dispatch({ type: 'marks-clear' })
  act(
    c,
    () => c.source.actions.bulkAssignment(ids, () => request),
    (outcomes) => bulkFlash(c, outcomes, verb, tail),
  )
}

/** `Claimed 30 conversations.`, or `Claimed 28 of 30 conversations; 2 not: <why the first was refused>`. */
function bulkFlash(c: Controller, outcomes: readonly BulkOutcome[], verb: string, tail: string): Flash {
  const refused = outcomes.flatMap((o) => ('error' in o ? [o] : []))
  const done = outcomes.length - refused.length
  const contactOf = (id: string): string | null => {
    const row = c.source.conversation(id)
    return row ? contactLabel(row) : null
  }
  const first = refused[0]
  if (first === undefined) return { text: doneWords(c, `${verb} ${plural(done, 'conversation')}${tail}`), tone: 'info' }
  const why = dashboardWords(first.error.message, contactOf)
  return { text: `${verb} ${done} of ${plural(outcomes.length, 'conversation')}${tail}; ${refused.length} not: ${why}`, tone: 'error' }
}
