/** The conversations a saved view shows, across every inbox of the user, and how many: one pass of core/saved-view-filter.ts over the rows. */
import { matchesFilter, type FilterRow, type SavedViewFilter } from '../../core/saved-view-filter.js'
import type { SavedView } from '../../core/saved-views-doc.js'
import type { SlaPolicy } from '../../core/sla-policy.js'
import type { InboxInfo } from './client-types.js'
import type { ConversationRow } from './inbox-view.js'
import { rowSla } from './row-sla.js'

/** A saved view with how many conversations it shows now. */
export type SavedViewSummary = SavedView & { readonly count: number }

/** What the rows are read from: the inboxes, each one's rows, the ids of the organisation's labels now, the corrected clock. */
export type SavedViewScope = {
  readonly inboxes: readonly InboxInfo[]
  readonly rows: (inbox: string) => readonly ConversationRow[]
  readonly labels: ReadonlySet<string>
  readonly now: number
}

function filterRow(row: ConversationRow, policy: SlaPolicy | null, now: number): FilterRow {
  return { ...row, sla: rowSla(row, policy, now)?.state ?? null }
}

/** The rows of every inbox (those the filter names, if any) that the filter matches, newest message first. */
export function savedViewRows(filter: SavedViewFilter, scope: SavedViewScope): ConversationRow[] {
  const inboxes = filter.inboxes.length === 0 ? scope.inboxes : scope.inboxes.filter((i) => filter.inboxes.includes(i.doc))
  return inboxes
    .flatMap((inbox) => scope.rows(inbox.doc).filter((row) => matchesFilter(filter, filterRow(row, inbox.sla, scope.now), scope.labels)))
    .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : 1))
}

/** Every saved view with its count, computed over each inbox's rows once. */
export function savedViewSummaries(views: readonly SavedView[], scope: SavedViewScope): SavedViewSummary[] {
  const rows = new Map<string, readonly ConversationRow[]>()
  const cached: SavedViewScope = {
    ...scope,
    rows: (inbox) => {
      if (!rows.has(inbox)) rows.set(inbox, scope.rows(inbox))
      return rows.get(inbox)!
    },
  }
  return views.map((view) => ({ ...view, count: savedViewRows(view.filter, cached).length }))
}
