/**
 * The inbox document (`inbox/<id>` and `personal/<userId>`): the conversation
 * index and the assignment events of every conversation in the inbox.
 *
 *   conversations: Y.Map<conversationId, Y.Map>
 *     channel, contact, address, createdAt, linkedTo   set once, by the server
 *     contactName, lastMessageAt, lastInboundAt,
 *     lastInboundId, preview, responses               summary, last writer wins
 *     events                                          append-only
 *   epoch: Y.Map           n: the live document's epoch (absent: 0)    by the server, once per epoch
 *
 * How an entry and its events are stored (keys, tuples, two layouts read)
 * is inbox-layout.ts's; this class is the only reader of entries.
 *
 * A conversation's entry and its events array are created together by the
 * server when the conversation is routed, so replicas only ever append to an
 * array they all share (two replicas creating the same array would lose one).
 */
import * as Y from 'yjs'
import type { AssignmentEvent } from './assignment-event.js'
import { foldAssignment, foldEvents, type Assignment, type ConversationState } from './fold.js'
import { ENTRY_KEYS, FIXED_TUPLE_FIELDS, MUTABLE_SUMMARY_KEYS, ORIGINAL_EVENTS_KEY, encodeEvent, readEvent, type MutableSummaryField } from './inbox-layout.js'
import { isResponses, type Responses } from './sla.js'
import { isChannel, type Channel } from './users.js'

export { MUTABLE_SUMMARY_KEYS } from './inbox-layout.js'
export const INBOX_ROOT = 'conversations'
export const EPOCH_ROOT = 'epoch'
const EPOCH_KEY = 'n'

export type ConversationSummary = {
  readonly id: string
  readonly channel: Channel
  readonly contact: string
  readonly contactName: string | null
  /** The organisation's address it came in on. */
  readonly address: string
  readonly createdAt: number
  /** The earlier conversation of this contact it follows, if any. */
  readonly linkedTo: string | null
  readonly lastMessageAt: number
  readonly lastInboundAt: number | null
  readonly lastInboundId: string | null
  readonly preview: string
  /** When it was answered, for SLA due times (sla.ts); absent or null: no reply yet. Written by the server only. */
  readonly responses?: Responses | null
}

export type SummaryUpdate = Partial<Pick<ConversationSummary, MutableSummaryField>>

function isNullableString(v: unknown): boolean {
  return v === null || typeof v === 'string'
}

function isNullableNumber(v: unknown): boolean {
  return v === null || (typeof v === 'number' && Number.isFinite(v))
}

const SUMMARY_CHECKS: Readonly<Record<keyof ConversationSummary, (v: unknown) => boolean>> = {
  id: (v) => typeof v === 'string' && v.length > 0,
  channel: isChannel,
  contact: (v) => typeof v === 'string' && v.length > 0 && v.length <= 128,
  contactName: (v) => v === null || (typeof v === 'string' && v.length <= 80),
  address: (v) => typeof v === 'string' && v.length > 0 && v.length <= 64,
  createdAt: (v) => typeof v === 'number' && Number.isFinite(v),
  linkedTo: isNullableString,
  lastMessageAt: (v) => typeof v === 'number' && Number.isFinite(v),
  lastInboundAt: isNullableNumber,
  lastInboundId: isNullableString,
  preview: (v) => typeof v === 'string' && v.length <= 200,
  responses: (v) => v === null || isResponses(v),
}

/** Problems with one summary field's value (empty when fine). */
export function summaryFieldProblems(key: string, value: unknown): string[] {
  const check = Object.hasOwn(SUMMARY_CHECKS, key) ? SUMMARY_CHECKS[key as keyof ConversationSummary] : undefined
  if (!check) return [`conversation entry has an unknown field \`${key}\``]
  return check(value) ? [] : [`conversation field \`${key}\` has a malformed value`]
}

/** Typed access to an inbox document; nothing else touches its raw maps. */
export class InboxDoc {
  readonly conversations: Y.Map<Y.Map<unknown>>

  constructor(readonly doc: Y.Doc) {
    this.conversations = doc.getMap(INBOX_ROOT)
  }

  /** Which epoch of the live document this is (see live-epoch.ts). */
  epoch(): number {
    const n = this.doc.getMap<unknown>(EPOCH_ROOT).get(EPOCH_KEY)
    return typeof n === 'number' ? n : 0
  }

  /** Marks a fresh document as epoch `n` (the server does this, once, when it rotates). */
  markEpoch(n: number): void {
    this.doc.getMap<unknown>(EPOCH_ROOT).set(EPOCH_KEY, n)
  }

  ids(): string[] {
    return [...this.conversations.keys()]
  }

  has(id: string): boolean {
    return this.conversations.has(id)
  }

  summary(id: string): ConversationSummary | undefined {
    const entry = this.conversations.get(id)
    return entry ? readSummary(id, entry) : undefined
  }

  summaries(): ConversationSummary[] {
    return [...this.conversations.entries()].map(([id, entry]) => readSummary(id, entry))
  }

  /** A conversation's events array as stored, to observe; its values are read with inbox-layout.ts's `readEvent`. */
  storedEvents(id: string): Y.Array<unknown> | undefined {
    return eventsArray(this.conversations.get(id))
  }

  events(id: string): AssignmentEvent[] {
    const events = eventsArray(this.conversations.get(id))
    if (!events) return []
    const valid: AssignmentEvent[] = []
    events.forEach((stored: unknown) => {
      const event = readEvent(stored)
      if (event) valid.push(event)
    })
    return valid
  }

  state(id: string, isMember: (userId: string) => boolean): ConversationState {
    return foldEvents(this.events(id), isMember)
  }

  /** Status and assignee only: what views and counts need. */
  assignment(id: string, isMember: (userId: string) => boolean): Assignment {
    return foldAssignment(this.events(id), isMember)
  }

  /** Creates a conversation's entry and its events array in the compact layout (the server does this, once), holding `events` when it comes back from history or moves to a new epoch. */
  addConversation(summary: ConversationSummary, events: readonly AssignmentEvent[] = []): void {
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>()
      entry.set(ENTRY_KEYS.fixed, FIXED_TUPLE_FIELDS.map((field) => summary[field]))
      for (const field of MUTABLE_SUMMARY_KEYS) entry.set(ENTRY_KEYS[field], summary[field] ?? null)
      const array = new Y.Array<unknown>()
      array.push(events.map(encodeEvent))
      entry.set(ENTRY_KEYS.events, array)
      this.conversations.set(summary.id, entry)
    })
  }

  /** Appends an event to a conversation's events array, in the compact form whichever layout the entry has. */
  appendEvent(id: string, event: AssignmentEvent): void {
    const events = eventsArray(this.conversations.get(id))
    if (!events) throw new Error(`Conversation ${id} has no events array in this inbox.`)
    events.push([encodeEvent(event)])
  }

  /** Writes the changed fields under their compact keys, which readers prefer in either layout. */
  updateSummary(id: string, update: SummaryUpdate): void {
    const entry = this.conversations.get(id)
    if (!entry) return
    const current = readSummary(id, entry)
    this.doc.transact(() => {
      for (const field of MUTABLE_SUMMARY_KEYS) {
        const value = update[field]
        if (value !== undefined && JSON.stringify(current[field]) !== JSON.stringify(value)) entry.set(ENTRY_KEYS[field], value)
      }
    })
  }
}

function eventsArray(entry: Y.Map<unknown> | undefined): Y.Array<unknown> | undefined {
  const events = entry?.get(ENTRY_KEYS.events) ?? entry?.get(ORIGINAL_EVENTS_KEY)
  return events instanceof Y.Array ? events : undefined
}

/** An entry's summary in either layout; a mutable field's compact key wins over its original one (updates write compact keys). */
function readSummary(id: string, entry: Y.Map<unknown>): ConversationSummary {
  const fixed = entry.get(ENTRY_KEYS.fixed)
  const tuple = Array.isArray(fixed) ? (fixed as unknown[]) : null
  const fixedField = <T>(field: (typeof FIXED_TUPLE_FIELDS)[number], fallback: T): T => {
    if (tuple) return tuple[FIXED_TUPLE_FIELDS.indexOf(field)] as T
    return entry.has(field) ? (entry.get(field) as T) : fallback
  }
  const mutable = <T>(field: MutableSummaryField, fallback: T): T => {
    for (const key of [ENTRY_KEYS[field], field]) if (entry.has(key)) return entry.get(key) as T
    return fallback
  }
  const responses = mutable<unknown>('responses', null)
  return {
    id: tuple ? id : entry.has('id') ? (entry.get('id') as string) : '',
    channel: fixedField('channel', 'sms'),
    contact: fixedField('contact', ''),
    contactName: mutable('contactName', null),
    address: fixedField('address', ''),
    createdAt: fixedField('createdAt', 0),
    linkedTo: fixedField('linkedTo', null),
    lastMessageAt: mutable('lastMessageAt', 0),
    lastInboundAt: mutable('lastInboundAt', null),
    lastInboundId: mutable('lastInboundId', null),
    preview: mutable('preview', ''),
    // Absent until the server writes it; malformed values (not ours to assume away) read as absent too.
    ...(isResponses(responses) ? { responses } : {}),
  }
}
