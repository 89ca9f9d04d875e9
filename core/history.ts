/**
 * History (docs/design.md, "Where a conversation lives over its life"): when
 * an archived conversation leaves the live inbox document. A conversation is
 * due once it has been archived for longer than its inbox's retention, judged
 * from the stamp of the `archive` event that archived it, so every replica and
 * the server agree on the moment.
 */
import { compareEvents, type AssignmentEvent } from './assignment-event.js'
import { foldAssignment, type ConversationStatus } from './fold.js'
import { parseHlc } from './hlc.js'
import type { ConversationSummary } from './inbox-doc.js'

/**
 * A conversation in history, as the server keeps it: its summary, where it
 * belongs, every assignment event it had when it moved (and since), and what
 * they fold to.
 */
export type HistoryRecord = ConversationSummary & {
  /** Doc name of its inbox (`inbox/<id>` or `personal/<user>`). */
  readonly inbox: string
  readonly status: ConversationStatus
  readonly assignee: string | null
  /** The stamp of the `archive` event that archived it: its place in the Archived view. */
  readonly archivedStamp: string
  readonly events: readonly AssignmentEvent[]
}

/** Days an archived conversation stays in the live document unless the inbox says otherwise. */
export const DEFAULT_KEEP_ARCHIVED_DAYS = 30
export const MAX_KEEP_ARCHIVED_DAYS = 3650
const DAY_MS = 24 * 60 * 60_000

/** Problems with a retention setting (empty when fine). */
export function keepArchivedDaysProblems(value: unknown): string[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_KEEP_ARCHIVED_DAYS) return []
  return [`Keeping archived conversations for \`${String(value)}\` days is not valid: give a whole number of days from 0 (move at once) to ${MAX_KEEP_ARCHIVED_DAYS}, e.g. \`--keep-archived-days 30\`.`]
}

/** The stamp of the `archive` event that left the conversation archived, or null when it is open. */
export function archivedStamp(events: readonly AssignmentEvent[], isMember: (userId: string) => boolean): string | null {
  if (foldAssignment(events, isMember).status !== 'archived') return null
  let last: AssignmentEvent | null = null
  for (const event of events) if (event.kind === 'archive' && (last === null || compareEvents(event, last) > 0)) last = event
  return last?.at ?? null
}

/** Whether an archived conversation has been archived longer than `keepDays` at `nowMs`. */
export function isDueForHistory(stamp: string | null, keepDays: number, nowMs: number): boolean {
  return stamp !== null && parseHlc(stamp).ms + keepDays * DAY_MS <= nowMs
}

/** The events of both lists, once each by id, in fold order. */
export function unionEvents(a: readonly AssignmentEvent[], b: readonly AssignmentEvent[]): AssignmentEvent[] {
  const byId = new Map<string, AssignmentEvent>()
  for (const event of [...a, ...b]) if (!byId.has(event.id)) byId.set(event.id, event)
  return [...byId.values()].sort(compareEvents)
}

/** The events of `from` whose ids `into` lacks, in fold order. */
export function missingEvents(from: readonly AssignmentEvent[], into: readonly AssignmentEvent[]): AssignmentEvent[] {
  const known = new Set(into.map((e) => e.id))
  return from.filter((e) => !known.has(e.id)).sort(compareEvents)
}
