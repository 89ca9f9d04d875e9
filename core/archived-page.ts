/**
 * Paging the Archived view: every archived conversation, newest first by
 * (archive stamp, id). A page below a cursor is the first N of the live
 * document's archived rows and the history records below it, the live row
 * winning when a conversation is in both (a move cut short by a crash).
 *
 *   cursor = <archive stamp>~<conversation id>
 */
import { HuddleError } from './errors.js'
import { isHlcString } from './hlc.js'
import { isDocId } from './doc-names.js'

export const MAX_PAGE = 200
export const DEFAULT_PAGE = 50

/** What ordering a row needs. */
export type ArchivedKey = { readonly id: string; readonly archivedStamp: string }

export function archiveCursor(row: ArchivedKey): string {
  return `${row.archivedStamp}~${row.id}`
}

/** Parses a cursor, or throws an `invalid` error that quotes it. */
export function parseArchiveCursor(text: string): ArchivedKey {
  const [stamp, id, ...rest] = text.split('~')
  if (rest.length > 0 || !isHlcString(stamp) || !isDocId(id))
    throw new HuddleError('invalid', `Cursor \`${text.slice(0, 100)}\` is not valid: pass the \`next\` value a previous page printed, or leave \`--before\` out for the newest.`)
  return { archivedStamp: stamp, id }
}

/** Problems with a page size (empty when fine). */
export function pageSizeProblems(value: unknown): string[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAGE) return []
  return [`Page size \`${String(value)}\` is not valid: give a whole number from 1 to ${MAX_PAGE}, e.g. \`--limit 50\`.`]
}

/** Newest first: a later stamp, then a greater id, comes first. */
export function compareArchivedNewestFirst(a: ArchivedKey, b: ArchivedKey): number {
  if (a.archivedStamp !== b.archivedStamp) return a.archivedStamp > b.archivedStamp ? -1 : 1
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0
}

/** Whether `row` sorts after the cursor (is older than it), so belongs to the page below it. */
export function isBelow(row: ArchivedKey, before: ArchivedKey | null): boolean {
  return before === null || compareArchivedNewestFirst(row, before) > 0
}

export type ArchivedPage<T> = { readonly rows: readonly T[]; readonly next: string | null }

/**
 * One page of `limit` rows below `before` from the live rows and the history
 * rows (each any order, history already limited to `limit` below the cursor);
 * `isHistoryComplete` says whether history holds nothing more below its rows.
 */
export function mergeArchivedPage<T extends ArchivedKey>(
  live: readonly T[],
  history: readonly T[],
  before: ArchivedKey | null,
  limit: number,
  hasMoreHistory: boolean,
): ArchivedPage<T> {
  const liveIds = new Set(live.map((r) => r.id))
  const candidates = [...live.filter((r) => isBelow(r, before)), ...history.filter((r) => !liveIds.has(r.id) && isBelow(r, before))].sort(
    compareArchivedNewestFirst,
  )
  const rows = candidates.slice(0, limit)
  const isMore = candidates.length > limit || hasMoreHistory
  const last = rows[rows.length - 1]
  return { rows, next: isMore && last ? archiveCursor(last) : null }
}
