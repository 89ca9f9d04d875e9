/**
 * The conversation document (`conversation/<id>`): messages, internal notes and
 * delivery status.
 *
 *   meta:      Y.Map   id, inbox (doc name), channel, contact, address   set once, by the server
 *                      consent (SMS opt-out/in, see consent.ts)            by the server, when the contact texts a keyword
 *   messages:  Y.Array<Message>                                         append-only
 *   notes:     Y.Array<Note>                                            append-only
 *   delivery:  Y.Map<messageId, Delivery>                               written by the server only
 *   decisions: Y.Array<HeldDecision>                                    append-only, by a held reply's author
 *   events:    Y.Array<StoredEvent>  (inbox-layout.ts)                  append-only: its assignment events once it
 *                                                                       went to history, and actions on it since
 *                                                                       (see docs/design.md, "Where a conversation lives")
 */
import * as Y from 'yjs'
import type { AssignmentEvent } from './assignment-event.js'
import { encodeEvent, readEvent } from './inbox-layout.js'
import { isConsent, type Consent } from './consent.js'
import type { Delivery } from './delivery.js'
import type { HeldDecision } from './held-decision.js'
import type { Message } from './message.js'
import type { Note } from './note.js'
import type { Channel } from './users.js'

export const CONVERSATION_ROOTS = { meta: 'meta', messages: 'messages', notes: 'notes', delivery: 'delivery', decisions: 'decisions', events: 'events' } as const

export type ConversationMeta = {
  readonly id: string
  /** Doc name of the inbox it lives in (`inbox/<id>` or `personal/<user>`). */
  readonly inbox: string
  readonly channel: Channel
  readonly contact: string
  readonly address: string
  /** The contact's latest consent change (SMS), when they ever texted a keyword. */
  readonly consent?: Consent
}

export type MessageView = Message & { readonly delivery?: Delivery }

/** Typed access to a conversation document. */
export class ConversationDoc {
  readonly meta: Y.Map<unknown>
  readonly messages: Y.Array<Message>
  readonly notes: Y.Array<Note>
  readonly delivery: Y.Map<Delivery>
  readonly decisions: Y.Array<HeldDecision>
  readonly events: Y.Array<unknown>

  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap(CONVERSATION_ROOTS.meta)
    this.messages = doc.getArray(CONVERSATION_ROOTS.messages)
    this.notes = doc.getArray(CONVERSATION_ROOTS.notes)
    this.delivery = doc.getMap(CONVERSATION_ROOTS.delivery)
    this.decisions = doc.getArray(CONVERSATION_ROOTS.decisions)
    this.events = doc.getArray(CONVERSATION_ROOTS.events)
  }

  /** The assignment events kept here (history, and actions taken on it there). */
  readEvents(): AssignmentEvent[] {
    return this.events.toArray().flatMap((stored) => readEvent(stored) ?? [])
  }

  /** Appends the events whose ids are not here yet. */
  appendEvents(events: readonly AssignmentEvent[]): void {
    const known = new Set(this.readEvents().map((e) => e.id))
    const fresh = events.filter((e) => !known.has(e.id))
    if (fresh.length > 0) this.events.push(fresh.map(encodeEvent))
  }

  readMeta(): ConversationMeta | undefined {
    if (!this.meta.has('id')) return undefined
    return this.meta.toJSON() as ConversationMeta
  }

  /** Sets the meta fields; the server does this once when creating the conversation. */
  writeMeta(meta: ConversationMeta): void {
    this.doc.transact(() => {
      for (const [key, value] of Object.entries(meta)) this.meta.set(key, value)
    })
  }

  /** Messages in time order, with their delivery status. */
  readMessages(): MessageView[] {
    return this.messages
      .toArray()
      .map((m) => {
        const delivery = this.delivery.get(m.id)
        return delivery ? { ...m, delivery } : m
      })
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
  }

  readNotes(): Note[] {
    return this.notes.toArray().sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
  }

  hasMessage(id: string): boolean {
    return this.messages.toArray().some((m) => m.id === id)
  }

  /** The newest customer message, or null. */
  lastInbound(): Message | null {
    let last: Message | null = null
    for (const m of this.messages.toArray()) if (m.direction === 'in' && (last === null || m.at >= last.at)) last = m
    return last
  }

  /** When each customer message arrived, oldest first. */
  inboundTimes(): number[] {
    return this.messages
      .toArray()
      .filter((m) => m.direction === 'in')
      .map((m) => m.at)
      .sort((a, b) => a - b)
  }

  /** The contact's latest consent change, or null. */
  readConsent(): Consent | null {
    const value = this.meta.get('consent')
    return isConsent(value) ? value : null
  }

  /** Records a consent change (the server does this when the contact texts a keyword). */
  setConsent(consent: Consent): void {
    this.meta.set('consent', consent)
  }

  appendMessage(message: Message): void {
    this.messages.push([message])
  }

  appendNote(note: Note): void {
    this.notes.push([note])
  }

  appendDecision(decision: HeldDecision): void {
    this.decisions.push([decision])
  }

  setDelivery(messageId: string, delivery: Delivery): void {
    this.delivery.set(messageId, delivery)
  }
}
