/** How inboxes are printed by the inbox commands. */
import type { AutoAssignSetting } from '../../core/auto-assign.js'
import { autoAssignSettingOf, type Inbox } from '../../core/inbox.js'
import { availabilityWord, type AvailabilityEntry } from '../../core/availability.js'
import type { CliIo } from '../io.js'
import { printRecord } from '../output.js'

/** The path of an inbox named by id or name. */
export function inboxPath(ref: string): string {
  return `/inboxes/${encodeURIComponent(ref)}`
}

/** The auto-assignment setting in words, for a table cell or a record line. */
export function autoAssignText(setting: AutoAssignSetting): string {
  return setting.mode === 'off' ? 'off' : `${setting.mode}, capacity ${setting.capacity} open each`
}

/** Members with each one's availability in words where known (`alice · busy`, `bob · offline`). */
export function membersWithAvailability(members: readonly string[], entries: readonly AvailabilityEntry[]): string[] {
  const byUser = new Map(entries.map((e) => [e.user, e]))
  return members.map((id) => {
    const entry = byUser.get(id)
    return entry === undefined ? id : `${id} · ${availabilityWord(entry)}`
  })
}

/** Prints an inbox's settings; `members` replaces the bare member ids (e.g. with their availability). */
export function printInbox(io: CliIo, inbox: Inbox, extra: readonly (readonly [string, unknown])[] = [], members: readonly string[] = inbox.members): void {
  printRecord(io, [
    ['id', inbox.id],
    ['name', inbox.name],
    ['description', inbox.description],
    ['reopen archived', inbox.reopenArchived ? 'yes: a new message reopens an archived conversation' : 'no: a new message starts a new conversation'],
    ['keep archived', `${inbox.keepArchivedDays} days, then history`],
    ['auto-assign', autoAssignText(autoAssignSettingOf(inbox))],
    ['members', members],
    ...extra,
  ])
}
