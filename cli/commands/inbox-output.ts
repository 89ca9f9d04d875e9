/** How inboxes are printed by the inbox commands. */
import type { Inbox } from '../../core/inbox.js'
import type { CliIo } from '../io.js'
import { printRecord } from '../output.js'

/** The path of an inbox named by id or name. */
export function inboxPath(ref: string): string {
  return `/inboxes/${encodeURIComponent(ref)}`
}

export function printInbox(io: CliIo, inbox: Inbox, extra: readonly (readonly [string, unknown])[] = []): void {
  printRecord(io, [
    ['id', inbox.id],
    ['name', inbox.name],
    ['description', inbox.description],
    ['reopen archived', inbox.reopenArchived ? 'yes: a new message reopens an archived conversation' : 'no: a new message starts a new conversation'],
    ['keep archived', `${inbox.keepArchivedDays} days, then history`],
    ['members', inbox.members],
    ...extra,
  ])
}
