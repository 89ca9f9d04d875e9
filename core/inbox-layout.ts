/**
 * The stored form of an inbox document's entries and of assignment events:
 * the one place that knows the keys and tuple positions (design.md, "Where a
 * conversation lives over its life"). Two layouts are read; the compact one
 * is written.
 *
 *   compact (written)                       original (read only)
 *   f  [channel, contact, address,          id, channel, contact, address,
 *       createdAt, linkedTo]                createdAt, linkedTo
 *   n  contactName                          contactName
 *   t  lastMessageAt                        lastMessageAt
 *   i  lastInboundAt                        lastInboundAt
 *   d  lastInboundId                        lastInboundId
 *   p  preview                              preview
 *   r  responses                            responses   (sla.ts: [firstReplyAt, lastReplyAt, awaitingSince], by the server)
 *   e  events: Y.Array<StoredEvent>         events: Y.Array<AssignmentEvent>
 *
 *   event  [id, kind index, actor, ms, counter, saw, arg?]  or   { id, kind, actor, at, saw, to?, until?, label?, priority? }
 *
 * `arg` is the kind's argument (ARGUMENT_FIELD): `to` of an assign or
 * auto-assign, `until` of a snooze (epoch ms or `reply`), `label` of a label
 * or unlabel (a label id), `priority` of a priority; the other kinds have none.
 *
 * The entry's id is its key in `conversations`. A kind index is its position
 * in ASSIGNMENT_KINDS; `ms, counter` are the stamp's two numbers (hlc.ts),
 * both integers below 10^15 and 10^6, so `formatHlc` gives the stamp back
 * exactly.
 */
import { ASSIGNMENT_KINDS, hasEventShape, type AssignmentEvent, type AssignmentKind } from './assignment-event.js'
import { formatHlc, isHlcString, parseHlc } from './hlc.js'

/** The summary's fields that later messages update, last writer wins. */
export const MUTABLE_SUMMARY_KEYS = ['contactName', 'lastMessageAt', 'lastInboundAt', 'lastInboundId', 'preview', 'responses'] as const
export type MutableSummaryField = (typeof MUTABLE_SUMMARY_KEYS)[number]

/** The summary's fields set once when the conversation is created, in their order in the fixed tuple. */
export const FIXED_TUPLE_FIELDS = ['channel', 'contact', 'address', 'createdAt', 'linkedTo'] as const

/** The compact layout's keys. */
export const ENTRY_KEYS = {
  fixed: 'f',
  contactName: 'n',
  lastMessageAt: 't',
  lastInboundAt: 'i',
  lastInboundId: 'd',
  preview: 'p',
  responses: 'r',
  events: 'e',
} as const satisfies Record<MutableSummaryField | 'fixed' | 'events', string>

/** The original layout's events key (its summary keys are the field names). */
export const ORIGINAL_EVENTS_KEY = 'events'

/** The mutable field a compact key stores, if it stores one. */
export function mutableFieldOf(key: string): MutableSummaryField | undefined {
  return MUTABLE_SUMMARY_KEYS.find((field) => ENTRY_KEYS[field] === key)
}

/** Whether `key` holds an entry's events array, in either layout. */
export function isEventsKey(key: string): boolean {
  return key === ENTRY_KEYS.events || key === ORIGINAL_EVENTS_KEY
}

export type StoredEvent =
  | readonly [string, number, string, number, number, string | null]
  | readonly [string, number, string, number, number, string | null, string | number]

/** The object field a kind's tuple argument is read into. */
const ARGUMENT_FIELD: Readonly<Partial<Record<AssignmentKind, 'to' | 'until' | 'label' | 'priority'>>> = {
  assign: 'to',
  'auto-assign': 'to',
  snooze: 'until',
  label: 'label',
  unlabel: 'label',
  priority: 'priority',
}

const MAX_MS = 10 ** 15
const MAX_COUNTER = 10 ** 6

/**
 * The compact form of an event. One whose stamp is not a clock stamp (never
 * accepted from a client, but a stored document is not ours to assume) keeps
 * the object form, which readers take too, so rebuilding an entry never fails.
 */
export function encodeEvent(event: AssignmentEvent): StoredEvent | AssignmentEvent {
  if (!isHlcString(event.at)) return event
  const { ms, counter } = parseHlc(event.at)
  const head = [event.id, ASSIGNMENT_KINDS.indexOf(event.kind), event.actor, ms, counter, event.saw] as const
  const arg = event.to ?? event.until ?? event.label ?? event.priority
  return arg === undefined ? head : [...head, arg]
}

function isStampPart(n: unknown, below: number): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) < below
}

/**
 * An event stored in either form, as the object form, not yet validated: a
 * tuple's malformed parts come out as values the event checks refuse (an
 * unknown kind, a stamp that is not one), so both forms meet the same checks.
 */
export function decodeEvent(value: unknown): unknown {
  if (!Array.isArray(value)) return value
  const [id, kind, actor, ms, counter, saw, arg] = value as unknown[]
  const at = isStampPart(ms, MAX_MS) && isStampPart(counter, MAX_COUNTER) ? formatHlc({ ms, counter }) : `${String(ms)}.${String(counter)}`
  const known = typeof kind === 'number' && Number.isInteger(kind) ? ASSIGNMENT_KINDS[kind] : undefined
  const event: Record<string, unknown> = { id, kind: known ?? kind, actor, at, saw }
  // A seventh part on a kind without an argument is read as `to`, which the event checks then refuse.
  if (value.length > 6) event[(known && ARGUMENT_FIELD[known]) ?? 'to'] = arg
  return event
}

/**
 * Problems with a stored event's form that its object form cannot show (empty
 * when fine). A tuple holding the kind's name or the stamp as digit strings
 * would decode to a valid event, so the tuple's own types are checked here:
 * only the documented form is ever stored.
 */
export function storedEventFormProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  if (value.length !== 6 && value.length !== 7) return [`an assignment event tuple has 6 or 7 parts, not ${value.length}`]
  const [, kind, , ms, counter] = value as unknown[]
  const problems: string[] = []
  if (typeof kind !== 'number') problems.push(`an assignment event tuple holds its kind as a number (its index in ${ASSIGNMENT_KINDS.join(', ')}), not \`${String(kind)}\``)
  if (typeof ms !== 'number' || typeof counter !== 'number') problems.push(`an assignment event tuple holds its stamp as two numbers, not \`${String(ms)}\`, \`${String(counter)}\``)
  return problems
}

/** An event read back from a document, in either form (null when it lacks the shape the fold needs). */
export function readEvent(value: unknown): AssignmentEvent | null {
  const event = decodeEvent(value)
  return hasEventShape(event) ? event : null
}
