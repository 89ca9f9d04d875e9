/** How inboxes are printed by the inbox commands. */
import type { AutoAssignSetting } from '../../core/auto-assign.js'
import { autoAssignSettingOf, type Inbox } from '../../core/inbox.js'
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

export function printInbox(io: CliIo, inbox: Inbox, extra: readonly (readonly [string, unknown])[] = []): void {
  printRecord(io, [
    ['id', inbox.id],
    ['name', inbox.name],
    ['description', inbox.description],
    ['reopen archived', inbox.reopenArchived ? 'yes: a new message reopens an archived conversation' : 'no: a new message starts a new conversation'],
    ['keep archived', `${inbox.keepArchivedDays} days, then history`],
    ['auto-assign', autoAssignText(autoAssignSettingOf(inbox))],
    ['members', inbox.members],
    ...extra,
  ])
}
