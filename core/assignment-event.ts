/**
 * Assignment events: every claim, take-over, assignment, unassignment,
 * archive, unarchive, snooze, unsnooze, automatic assignment, label added or
 * removed and priority set is one immutable event carrying its actor, a
 * hybrid logical clock stamp, and the assignee its actor saw when acting.
 */
import { isDocId } from './doc-names.js'
import { isHlcString } from './hlc.js'
import { ownFields } from './plain-value.js'
import { isPriority, PRIORITIES, type Priority } from './priority.js'

// Append only: a stored event holds its kind's index here (inbox-layout.ts).
export const ASSIGNMENT_KINDS = ['claim', 'takeover', 'assign', 'unassign', 'archive', 'unarchive', 'snooze', 'unsnooze', 'auto-assign', 'label', 'unlabel', 'priority'] as const
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number]

export type AssignmentEvent = {
  readonly id: string
  readonly kind: AssignmentKind
  readonly actor: string
  /** Hybrid logical clock stamp (see hlc.ts). */
  readonly at: string
  /** The assignee the actor saw when acting (null: unassigned). */
  readonly saw: string | null
  /** The new assignee, for `assign` and `auto-assign` only. */
  readonly to?: string
  /** When a `snooze` (only) wakes: epoch milliseconds, or `reply` for when the customer writes. */
  readonly until?: SnoozeUntil
  /** The label (its id in the catalogue, core/label.ts) a `label` adds or an `unlabel` removes; on those only. */
  readonly label?: string
  /** The priority a `priority` event (only) sets. */
  readonly priority?: Priority
}

export type SnoozeUntil = number | 'reply'

/** Wake times are whole milliseconds below this (the year 33658), like a stamp's. */
export const MAX_UNTIL_MS = 10 ** 15

export function isSnoozeUntil(value: unknown): value is SnoozeUntil {
  return value === 'reply' || (Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < MAX_UNTIL_MS)
}

export const MAX_EVENT_ID = 64
const EVENT_FIELDS: ReadonlySet<string> = new Set(['id', 'kind', 'actor', 'at', 'saw', 'to', 'until', 'label', 'priority'])

export function isAssignmentKind(value: unknown): value is AssignmentKind {
  return typeof value === 'string' && (ASSIGNMENT_KINDS as readonly string[]).includes(value)
}

/** Problems with a value read from a document as an event (empty when it is one). */
export function assignmentEventProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['an assignment event must be an object']
  const e = ownFields(value)
  const problems: string[] = []
  if (typeof e.id !== 'string' || e.id.length === 0 || e.id.length > MAX_EVENT_ID) problems.push(`event id \`${String(e.id)}\` is not valid`)
  if (!isAssignmentKind(e.kind)) problems.push(`event kind \`${String(e.kind)}\` is not one of ${ASSIGNMENT_KINDS.join(', ')}`)
  if (typeof e.actor !== 'string' || e.actor.length === 0) problems.push('event actor is missing')
  if (!isHlcString(e.at)) problems.push(`event stamp \`${String(e.at)}\` is not a clock timestamp`)
  if (e.saw !== null && typeof e.saw !== 'string') problems.push('event `saw` must be a user id or null')
  if (namesAssignee(e.kind) ? typeof e.to !== 'string' : e.to !== undefined) problems.push('only an `assign` or `auto-assign` event names `to`, and it must')
  if (e.kind === 'snooze' ? !isSnoozeUntil(e.until) : e.until !== undefined)
    problems.push(`only a \`snooze\` event names \`until\`, and it must: epoch milliseconds or \`reply\`, not \`${String(e.until)}\``)
  if (namesLabel(e.kind) ? !isDocId(e.label) : e.label !== undefined)
    problems.push(`only a \`label\` or \`unlabel\` event names \`label\`, and it must: a label id (lower-case letters, digits, dashes), not \`${String(e.label)}\``)
  if (e.kind === 'priority' ? !isPriority(e.priority) : e.priority !== undefined)
    problems.push(`only a \`priority\` event names \`priority\`, and it must: one of ${PRIORITIES.join(', ')}, not \`${String(e.priority)}\``)
  for (const key of Object.keys(e)) if (!EVENT_FIELDS.has(key)) problems.push(`event has an unknown field \`${key}\``)
  return problems
}

/** Whether events of this kind name the new assignee in `to`. */
export function namesAssignee(kind: unknown): boolean {
  return kind === 'assign' || kind === 'auto-assign'
}

/** Whether events of this kind name a label in `label`. */
export function namesLabel(kind: unknown): boolean {
  return kind === 'label' || kind === 'unlabel'
}

export function isAssignmentEvent(value: unknown): value is AssignmentEvent {
  return assignmentEventProblems(value).length === 0
}

/**
 * A cheap check that a value has the shape the fold relies on. Documents
 * reach a replica only through the server, which validated every event in
 * full (update-rules.ts); reading them back needs only this guard.
 */
export function hasEventShape(value: unknown): value is AssignmentEvent {
  if (typeof value !== 'object' || value === null) return false
  const e = ownFields(value)
  return typeof e.id === 'string' && typeof e.actor === 'string' && typeof e.at === 'string' && KIND_SET.has(e.kind as string)
}

const KIND_SET = new Set<string>(ASSIGNMENT_KINDS)

/** The total order of the fold: stamp, then actor, then event id. */
export function compareEvents(a: AssignmentEvent, b: AssignmentEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1
  if (a.actor !== b.actor) return a.actor < b.actor ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
