/**
 * The inbox document (`inbox/<id>` and `personal/<userId>`): the conversation
 * index and the assignment events of every conversation in the inbox.
 *
 *   conversations: Y.Map<conversationId, Y.Map>
 *     id, channel, contact, address, createdAt, linkedTo   set once, by the server
 *     contactName, lastMessageAt, lastInboundAt,
 *     lastInboundId, preview                              summary, last writer wins
 *     events: Y.Array<AssignmentEvent>                     append-only
 *   epoch: Y.Map           n: the live document's epoch (absent: 0)    by the server, once per epoch
 *
 * A conversation's entry and its events array are created together by the
 * server when the conversation is routed, so replicas only ever append to an
 * array they all share (two replicas creating the same array would lose one).
 */
import * as Y from 'yjs'
import { hasEventShape, type AssignmentEvent } from './assignment-event.js'
import { foldAssignment, foldEvents, type Assignment, type ConversationState } from './fold.js'
import { isChannel, type Channel } from './users.js'

export const INBOX_ROOT = 'conversations'
export const EVENTS_KEY = 'events'
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
}

/** Keys set once when the conversation is created. */
export const FIXED_SUMMARY_KEYS = ['id', 'channel', 'contact', 'address', 'createdAt', 'linkedTo'] as const
/** Keys that later messages update, last writer wins. */
export const MUTABLE_SUMMARY_KEYS = ['contactName', 'lastMessageAt', 'lastInboundAt', 'lastInboundId', 'preview'] as const

export type SummaryUpdate = Partial<Pick<ConversationSummary, (typeof MUTABLE_SUMMARY_KEYS)[number]>>

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
    return entry ? readSummary(entry) : undefined
  }

  summaries(): ConversationSummary[] {
    return [...this.conversations.values()].map(readSummary)
  }

  events(id: string): AssignmentEvent[] {
    const events = this.conversations.get(id)?.get(EVENTS_KEY)
    if (!(events instanceof Y.Array)) return []
    const valid: AssignmentEvent[] = []
    events.forEach((event: unknown) => {
      if (hasEventShape(event)) valid.push(event)
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

  /** Creates a conversation's entry and its events array (the server does this, once), holding `events` when it comes back from history. */
  addConversation(summary: ConversationSummary, events: readonly AssignmentEvent[] = []): void {
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>()
      for (const [key, value] of Object.entries(summary)) entry.set(key, value)
      const array = new Y.Array<AssignmentEvent>()
      array.push([...events])
      entry.set(EVENTS_KEY, array)
      this.conversations.set(summary.id, entry)
    })
  }

  appendEvent(id: string, event: AssignmentEvent): void {
    const events = this.conversations.get(id)?.get(EVENTS_KEY)
    if (!(events instanceof Y.Array)) throw new Error(`Conversation ${id} has no events array in this inbox.`)
    events.push([event])
  }

  updateSummary(id: string, update: SummaryUpdate): void {
    const entry = this.conversations.get(id)
    if (!entry) return
    this.doc.transact(() => {
      for (const [key, value] of Object.entries(update)) if (entry.get(key) !== value) entry.set(key, value)
    })
  }
}

function readSummary(entry: Y.Map<unknown>): ConversationSummary {
  const get = <T>(key: keyof ConversationSummary, fallback: T): T => (entry.has(key) ? (entry.get(key) as T) : fallback)
  return {
    id: get('id', ''),
    channel: get('channel', 'sms'),
    contact: get('contact', ''),
    contactName: get('contactName', null),
    address: get('address', ''),
    createdAt: get('createdAt', 0),
    linkedTo: get('linkedTo', null),
    lastMessageAt: get('lastMessageAt', 0),
    lastInboundAt: get('lastInboundAt', null),
    lastInboundId: get('lastInboundId', null),
    preview: get('preview', ''),
  }
}
