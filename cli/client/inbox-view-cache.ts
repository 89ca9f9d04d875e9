/**
 * A materialised view of an inbox kept in the replica: each conversation's
 * row data and folded assignment, so that a client started again shows its
 * lists and counts at once, while the inbox document (megabytes for 10,000
 * conversations) is still being loaded. It is written when the client closes
 * and deleted as soon as the document changes, so a cache present always
 * matches the stored document.
 */
import { wakeTime } from '../../core/snooze.js'
import { rowAssignment, rowSnooze, viewRowOf, type ViewRow } from '../../core/view-rows.js'
import { countViews, viewOf, type View, type ViewCounts } from '../../core/views.js'
import type { ConversationRow, InboxView } from './inbox-view.js'

export type ViewCache = { readonly version: 1; readonly rows: readonly ViewRow[] }

export function viewCacheOf(view: InboxView): ViewCache {
  return { version: 1, rows: view.entries().map(({ summary, state }) => viewRowOf(summary, state)) }
}

export function isViewCache(value: unknown): value is ViewCache {
  return typeof value === 'object' && value !== null && (value as ViewCache).version === 1 && Array.isArray((value as ViewCache).rows)
}

/** The lists and counts of an inbox from its cache (or the server's `view` frame), for the moments before its document is loaded. */
export class CachedInboxView {
  private readonly byId: Map<string, ViewRow>

  constructor(
    readonly name: string,
    rows: readonly ViewRow[],
    private readonly userId: () => string | null,
    private readonly now: () => number,
  ) {
    this.byId = new Map(rows.map((row) => [row[0], row]))
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  row(id: string): ConversationRow | undefined {
    const cached = this.byId.get(id)
    return cached ? this.toRow(cached) : undefined
  }

  rows(view?: View): ConversationRow[] {
    return [...this.byId.values()]
      .map((cached) => this.toRow(cached))
      .filter((row) => view === undefined || row.view === view)
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : 1))
  }

  counts(): ViewCounts {
    const entries = [...this.byId.values()].map((r) => ({ state: rowAssignment(r), lastInboundAt: null }))
    return countViews(entries, this.userId() ?? '', this.now())
  }

  nextWake(): number | null {
    const now = this.now()
    const times = [...this.byId.values()].map((r) => wakeTime(rowSnooze(r), now, null)).filter((at): at is number => at !== null)
    return times.length > 0 ? Math.min(...times) : null
  }

  recent(n: number): string[] {
    return [...this.byId.values()]
      .sort((a, b) => b[5] - a[5])
      .slice(0, n)
      .map((r) => r[0])
  }

  private toRow(row: ViewRow): ConversationRow {
    const [id, channel, contact, contactName, preview, lastMessageAt] = row
    const state = rowAssignment(row)
    // A row's snooze is one no customer message has ended yet (view-rows.ts), so only its time is left to judge.
    const view = viewOf(state, this.userId() ?? '', { now: this.now(), lastInboundAt: null })
    return { id, inbox: this.name, channel, contact, contactName, preview, lastMessageAt, ...state, view }
  }
}
