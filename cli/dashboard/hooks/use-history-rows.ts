/**
 * The Archived view's older conversations, paged from the server's history
 * (docs/design.md, "Where a conversation lives over its life"): the next
 * page is asked for whenever the list wants more (its cursor nears the end)
 * and the client is online; offline, a line says that they need the server.
 */
import { useEffect, useState } from 'react'
import { archiveCursor } from '../../../core/archived-page.js'
import { historyRow, type HistoryRow } from '../../client/history-records.js'
import type { DashboardSource } from '../dashboard-source.js'

/** Rows asked for at a time. */
export const HISTORY_PAGE = 50
/** The next page is asked for once the cursor is this close to the last row. */
const AHEAD = 10

export type HistoryRows = {
  readonly rows: readonly HistoryRow[]
  /** What the list says below its rows about older ones (loading, offline, a failure), or null. */
  readonly note: string | null
}

type Paging = {
  readonly inbox: string | null
  readonly rows: readonly HistoryRow[]
  /** The cursor below which the next page starts (null: from the newest). */
  readonly next: string | null
  readonly hasMore: boolean
  readonly isLoading: boolean
  readonly failure: string | null
}

const fresh = (inbox: string | null): Paging => ({ inbox, rows: [], next: null, hasMore: true, isLoading: false, failure: null })

/** The history rows of `inbox` loaded so far, below its `liveCount` live archived rows, with the cursor at `cursor`. */
export function useHistoryRows(
  source: Pick<DashboardSource, 'historyPage'>,
  inbox: string | null,
  isShown: boolean,
  isOnline: boolean,
  cursor: number,
  liveCount: number,
): HistoryRows {
  const [paging, setPaging] = useState<Paging>(() => fresh(inbox))
  const current = paging.inbox === inbox ? paging : fresh(inbox)
  const wantsMore = cursor >= liveCount + current.rows.length - AHEAD
  const canLoad = inbox !== null && isShown && isOnline && wantsMore && current.hasMore && !current.isLoading && current.failure === null
  useEffect(() => {
    if (!canLoad) return
    setPaging({ ...current, isLoading: true })
    source.historyPage(inbox, current.next, HISTORY_PAGE).then(
      (page) => {
        const rows = page.records.map(historyRow)
        const last = rows.at(-1)
        // Another inbox may have been chosen meanwhile: that page is not this one's.
        setPaging((now) =>
          now.inbox !== inbox
            ? now
            : { ...now, rows: [...now.rows, ...rows], next: last ? archiveCursor(last) : now.next, hasMore: page.hasMore && last !== undefined, isLoading: false },
        )
      },
      (error: unknown) =>
        setPaging((now) => (now.inbox !== inbox ? now : { ...now, isLoading: false, failure: error instanceof Error ? error.message : String(error) })),
    )
  }, [canLoad, inbox])
  if (!isShown) return { rows: current.rows, note: null }
  const note = current.failure
    ? `Could not load older ones: ${current.failure}`
    : !current.hasMore
      ? null
      : !isOnline
        ? 'Offline: older ones need the server.'
        : current.isLoading
          ? 'Loading older ones…'
          : null
  return { rows: current.rows, note }
}
