/**
 * One page of the Archived view for `conversation list --view archived`:
 * the replica's archived rows merged with the server's history records
 * (core/archived-page.ts), each marked whether it is in history.
 */
import { mergeArchivedPage, parseArchiveCursor, type ArchivedKey } from '../../core/archived-page.js'
import type { CommandClient } from '../client/command-client.js'
import { historyRow } from '../client/history-records.js'
import type { InboxInfo } from '../client/client-types.js'
import type { ConversationRow } from '../client/inbox-view.js'

export type ArchivedRow = ConversationRow & ArchivedKey & { readonly inHistory: boolean }

export type ArchivedListing = {
  readonly rows: readonly ArchivedRow[]
  readonly next: string | null
  /** False when the server could not be asked: only the replica's recent ones are listed. */
  readonly hasHistory: boolean
}

/** The page of `limit` archived conversations of `inboxes` below `before`, newest first. */
export async function archivedPage(opened: CommandClient, inboxes: readonly InboxInfo[], before: string | null, limit: number, isOnline: boolean): Promise<ArchivedListing> {
  const cursor = before === null ? null : parseArchiveCursor(before)
  const live: ArchivedRow[] = []
  for (const inbox of inboxes)
    for (const row of opened.client.rows(inbox.doc, 'archived')) {
      const stamp = opened.client.archivedStamp(row.id)
      if (stamp !== null) live.push({ ...row, archivedStamp: stamp, inHistory: false })
    }
  const history: ArchivedRow[] = []
  let hasMore = false
  if (isOnline)
    for (const inbox of inboxes) {
      const page = await opened.client.historyPage(inbox.doc, before, limit)
      history.push(...page.records.map(historyRow))
      hasMore ||= page.hasMore
    }
  const page = mergeArchivedPage(live, history, cursor, limit, hasMore)
  return { ...page, hasHistory: isOnline }
}
