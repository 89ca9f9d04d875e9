/**
 * An inbox's rows as a list needs them: per conversation its row data and
 * folded assignment, in one compact tuple. The server sends them to a client
 * whose replica holds nothing of the inbox yet (the `view` frame, wire.ts),
 * so its lists and counts show before the document, megabytes long and a
 * second to apply, is in; the client's replica keeps them as its view cache.
 */
import type { Assignment } from './fold.js'
import type { ConversationSummary } from './inbox-doc.js'
import { isChannel, type Channel } from './users.js'

/** `[id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee]` */
export type ViewRow = readonly [string, Channel, string, string | null, string, number, 0 | 1, string | null]

export function viewRowOf(summary: ConversationSummary, assignment: Assignment): ViewRow {
  const s = summary
  return [s.id, s.channel, s.contact, s.contactName, s.preview, s.lastMessageAt, assignment.status === 'archived' ? 1 : 0, assignment.assignee]
}

const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string'

/** Whether a decoded value (the `view` frame's JSON) is a row. */
export function isViewRow(value: unknown): value is ViewRow {
  if (!Array.isArray(value) || value.length !== 8) return false
  const [id, channel, contact, contactName, preview, lastMessageAt, isArchived, assignee] = value as unknown[]
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
