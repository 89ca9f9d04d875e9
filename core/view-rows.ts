/**
 * An inbox's rows as a list needs them: per conversation its row data and
 * folded assignment, in one compact tuple. The server sends them to a client
 * whose replica holds nothing of the inbox yet (the `view` frame, wire.ts),
 * so its lists and counts show before the document, megabytes long and a
 * second to apply, is in; the client's replica keeps them as its view cache.
 *
 * A row carries a snooze (its `until` and the ms of its stamp) only while no
 * customer message newer than it has come in: that much is decided from the
 * data alone, and whether its time has passed is left to the reader's clock.
 */
import { isSnoozeUntil, type SnoozeUntil } from './assignment-event.js'
import type { Assignment, Snooze } from './fold.js'
import type { ConversationSummary } from './inbox-doc.js'
import { isChannel, type Channel } from './users.js'

type RowHead = readonly [string, Channel, string, string | null, string, number, 0 | 1, string | null]

/** `[id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee, snoozeUntil?, snoozeAt?]` */
export type ViewRow = RowHead | readonly [...RowHead, SnoozeUntil, number]

export function viewRowOf(summary: ConversationSummary, assignment: Assignment): ViewRow {
  const s = summary
  const head: RowHead = [s.id, s.channel, s.contact, s.contactName, s.preview, s.lastMessageAt, assignment.status === 'archived' ? 1 : 0, assignment.assignee]
  const snooze = assignment.snooze
  const isWoken = snooze !== null && s.lastInboundAt !== null && s.lastInboundAt > snooze.at
  return snooze === null || isWoken ? head : [...head, snooze.until, snooze.at]
}

/** The snooze a row carries. */
export function rowSnooze(row: ViewRow): Snooze | null {
  return row.length === 10 ? { until: row[8], at: row[9] } : null
}

const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string'

/** Whether a decoded value (the `view` frame's JSON) is a row. */
export function isViewRow(value: unknown): value is ViewRow {
  if (!Array.isArray(value) || (value.length !== 8 && value.length !== 10)) return false
  const [id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee, until, at] = value as unknown[]
  if (value.length === 10 && !(isSnoozeUntil(until) && Number.isSafeInteger(at))) return false
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
