/**
 * An inbox's rows as a list needs them: per conversation its row data and
 * folded assignment, in one compact tuple. The server sends them to a client
 * whose replica holds nothing of the inbox yet (the `view` frame, wire.ts),
 * so its lists and counts show before the document, megabytes long and a
 * second to apply, is in; the client's replica keeps them as its view cache.
 *
 *   [id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee,
 *    snoozeUntil, snoozeAt,      (a snooze in force; both null when none)
 *    priority, labels]           (priority's name, label ids sorted)
 *
 * Trailing parts at their defaults are left out: a row is 8 parts with no
 * snooze, normal priority and no labels, 10 with only a snooze, 12 otherwise.
 *
 * A row carries a snooze (its `until` and the ms of its stamp) only while no
 * customer message newer than it has come in: that much is decided from the
 * data alone, and whether its time has passed is left to the reader's clock.
 * It carries every label id the fold holds; readers hide those no longer in
 * the catalogue (core/label.ts).
 */
import { isSnoozeUntil, type SnoozeUntil } from './assignment-event.js'
import { isDocId } from './doc-names.js'
import type { Assignment, Snooze } from './fold.js'
import type { ConversationSummary } from './inbox-doc.js'
import { DEFAULT_PRIORITY, isPriority, type Priority } from './priority.js'
import { isChannel, type Channel } from './users.js'

type RowHead = readonly [string, Channel, string, string | null, string, number, 0 | 1, string | null]
type RowSnooze = readonly [SnoozeUntil, number] | readonly [null, null]

/** `[id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee, snoozeUntil?, snoozeAt?, priority?, labels?]` */
export type ViewRow = RowHead | readonly [...RowHead, ...RowSnooze] | readonly [...RowHead, ...RowSnooze, Priority, readonly string[]]

const NO_SNOOZE: RowSnooze = [null, null]

export function viewRowOf(summary: ConversationSummary, assignment: Assignment): ViewRow {
  const s = summary
  const head: RowHead = [s.id, s.channel, s.contact, s.contactName, s.preview, s.lastMessageAt, assignment.status === 'archived' ? 1 : 0, assignment.assignee]
  const snooze = assignment.snooze
  const isWoken = snooze !== null && s.lastInboundAt !== null && s.lastInboundAt > snooze.at
  const inForce: RowSnooze = snooze === null || isWoken ? NO_SNOOZE : [snooze.until, snooze.at]
  if (assignment.priority !== DEFAULT_PRIORITY || assignment.labels.length > 0) return [...head, ...inForce, assignment.priority, assignment.labels]
  return inForce === NO_SNOOZE ? head : [...head, ...inForce]
}

/** The snooze a row carries. */
export function rowSnooze(row: ViewRow): Snooze | null {
  if (row.length < 10) return null
  const [until, at] = [row[8], row[9]]
  return until === null || until === undefined || at === null || at === undefined ? null : { until, at }
}

export function rowPriority(row: ViewRow): Priority {
  return row.length === 12 ? row[10] : DEFAULT_PRIORITY
}

const NO_LABELS: readonly string[] = []

/** The label ids a row carries, sorted. */
export function rowLabels(row: ViewRow): readonly string[] {
  return row.length === 12 ? row[11] : NO_LABELS
}

/** A row's folded state, as the views and counts need it. */
export function rowAssignment(row: ViewRow): Assignment {
  return { status: row[6] === 1 ? 'archived' : 'open', assignee: row[7], snooze: rowSnooze(row), labels: rowLabels(row), priority: rowPriority(row) }
}

const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string'

function isRowSnooze(until: unknown, at: unknown): boolean {
  return (until === null && at === null) || (isSnoozeUntil(until) && Number.isSafeInteger(at))
}

/** Whether a decoded value (the `view` frame's JSON) is a row. */
export function isViewRow(value: unknown): value is ViewRow {
  if (!Array.isArray(value) || (value.length !== 8 && value.length !== 10 && value.length !== 12)) return false
  const [id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee, until, at, priority, labels] = value as unknown[]
  if (value.length >= 10 && !isRowSnooze(until, at)) return false
  if (value.length === 12 && !(isPriority(priority) && Array.isArray(labels) && labels.every(isDocId))) return false
  return (
    typeof id === 'string' &&
    isChannel(channel) &&
    typeof contact === 'string' &&
    isNullableString(contactName) &&
    typeof preview === 'string' &&
    typeof lastMessageAt === 'number' &&
    (isArchived === 0 || isArchived === 1) &&
    isNullableString(assignee)
  )
}

/** The rows of a `view` frame's JSON, or null when it is not a list of rows. */
export function parseViewRows(text: string): ViewRow[] | null {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) && value.every(isViewRow) ? value : null
  } catch {
    return null
  }
}
