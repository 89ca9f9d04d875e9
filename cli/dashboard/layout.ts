/** Pane sizes from the terminal's size: which panes show, and how wide and tall each is. */
import type { Pane } from './key-table.js'

export type Layout = {
  readonly columns: number
  /** Lines of every frame: the terminal's. */
  readonly height: number
  /** Lines of the panes' row. */
  readonly bodyHeight: number
  /** Widths; 0 when the pane is not shown. */
  readonly inboxes: number
  readonly list: number
  readonly conversation: number
  readonly isTooSmall: boolean
}

export const MIN_COLUMNS = 40
export const MIN_ROWS = 12

/** Lines below the panes: the notice line (`noticeLines` while a notice is read whole) and the status bar. */
export function layoutFor(columns: number, rows: number, focus: Pane, noticeLines = 1): Layout {
  const height = Math.max(1, rows)
  const bodyHeight = Math.max(0, height - noticeLines - 1)
  const isTooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS
  const base = { columns, height, bodyHeight, isTooSmall }
  if (columns >= 100) {
    const inboxes = columns >= 130 ? 30 : 28
    const rest = columns - inboxes
    const list = Math.floor(rest * 0.47)
    return { ...base, inboxes, list, conversation: rest - list }
  }
  if (columns >= 64) {
    const list = Math.floor(columns * 0.5)
    return { ...base, inboxes: 0, list, conversation: columns - list }
  }
  return focus === 'conversation' ? { ...base, inboxes: 0, list: 0, conversation: columns } : { ...base, inboxes: 0, list: columns, conversation: 0 }
}

/** The panes shown, in Tab order. */
export function panesOf(layout: Layout): Pane[] {
  const panes: Pane[] = []
  if (layout.inboxes > 0) panes.push('inboxes')
  panes.push('list', 'conversation')
  return panes
}

/**
 * The first row of a window of `visible` rows over `total` that shows
 * `cursor`, moving as little as possible from `previous` and keeping a row
 * of context above and below the cursor when it can.
 */
export function scrollWindow(previous: number, cursor: number, visible: number, total: number): number {
  if (visible <= 0 || total <= visible) return 0
  const margin = visible > 4 ? 1 : 0
  let start = Math.min(Math.max(0, previous), total - visible)
  if (cursor - margin < start) start = cursor - margin
  if (cursor + margin >= start + visible) start = cursor + margin - visible + 1
  return Math.min(Math.max(0, start), total - visible)
}
