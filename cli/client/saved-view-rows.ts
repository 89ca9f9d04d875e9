/** The conversations a saved view shows, across every inbox of the user, and how many: one pass of core/saved-view-filter.ts over the rows. */
import { filterMatcher, type SavedViewFilter } from '../../core/saved-view-filter.js'
import type { SavedView } from '../../core/saved-views-doc.js'
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

/** The rows of every inbox (those the filter names, if any) that the filter matches, in the inboxes' order. */
function matching(filter: SavedViewFilter, scope: SavedViewScope): ConversationRow[] {
  const inboxes = filter.inboxes.length === 0 ? scope.inboxes : scope.inboxes.filter((i) => filter.inboxes.includes(i.doc))
  const matches = filterMatcher(filter, scope.labels)
  return inboxes.flatMap((inbox) => scope.rows(inbox.doc).filter((row) => matches(row, () => rowSla(row, inbox.sla, scope.now)?.state ?? null)))
}

/** The conversations a saved view shows, newest message first. */
export function savedViewRows(filter: SavedViewFilter, scope: SavedViewScope): ConversationRow[] {
  return matching(filter, scope).sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : 1))
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
  return views.map((view) => ({ ...view, count: matching(view.filter, cached).length }))
}
