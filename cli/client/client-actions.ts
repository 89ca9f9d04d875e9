/**
 * Agents' actions applied to the replica: each is built by core/actions.ts
 * (permission and state checks) against what the replica holds, stamped by
 * the client's clock, and written as a local change whose mark the
 * acknowledgement must reach.
 */
import { randomBytes } from 'node:crypto'
import { buildAssignmentEvent, buildNote, buildReply, type ActionContext, type AssignmentRequest } from '../../core/actions.js'
import type { AssignmentEvent } from '../../core/assignment-event.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { authorize, type InboxAccess } from '../../core/permissions.js'
import type { Template, TemplateUse } from '../../core/template.js'
import type { User } from '../../core/users.js'
import type { ClientClock } from './client-clock.js'
import type { ConversationEntry } from './inbox-view.js'
import type { ChangeMark, LocalDoc } from './local-doc.js'
import type { InboxSlot } from './replica-documents.js'

/**
 * Where a conversation's assignment events are read and appended: its entry
 * in the live inbox document, or, while it is in history, its own
 * document's `events` (docs/design.md, "Where a conversation lives over its life").
 */
export type EventPlace = {
  /** The document the events are written to. */
  readonly local: LocalDoc
  readonly events: () => readonly AssignmentEvent[]
  readonly append: (event: AssignmentEvent) => ChangeMark
}

/** Who acts on which conversation, where, in what state. */
export type ActionTarget = { readonly id: string; readonly place: EventPlace; readonly entry: ConversationEntry; readonly access: InboxAccess; readonly user: User }

/** The place of a live conversation: its entry in the inbox document. */
export function livePlace(slot: InboxSlot, id: string): EventPlace {
  return { local: slot.local, events: () => slot.view.inbox.events(id), append: (event) => slot.local.change(() => slot.view.inbox.appendEvent(id, event)) }
}

/** The place of a conversation in history: its own document's `events`. */
export function historyPlace(conversation: LocalDoc): EventPlace {
  const doc = new ConversationDoc(conversation.doc)
  return { local: conversation, events: () => doc.readEvents(), append: (event) => conversation.change(() => doc.appendEvents([event])) }
}

/** A fresh id: 16 lower-case letters and digits after `prefix`. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').toLowerCase()}`
}

function context(target: ActionTarget, clock: ClientClock): ActionContext {
  return {
    user: target.user,
    inbox: target.access,
    conversation: target.id,
    state: target.entry.state,
    stamp: clock.tick(),
    now: clock.now(),
    newId: newId(''),
  }
}

/** An assignment event written: the change's mark, and the event's id (how a lost claim's notice names it). */
export type AppliedEvent = { readonly mark: ChangeMark; readonly event: string }

/** Claim, take-over, assignment, unassignment, archive or unarchive. */
export function applyAssignment(target: ActionTarget, request: AssignmentRequest, clock: ClientClock): AppliedEvent {
  // Stamp after every event of the conversation seen here, so the action sorts after what its author saw.
  for (const event of target.place.events()) clock.observe(event.at)
  const event = buildAssignmentEvent(context(target, clock), request)
  return { mark: target.place.append(event), event: event.id }
}

/** A reply as written: free text, or a template's text with the template it came from. */
export type ReplyText = { readonly body: string; readonly template?: TemplateUse }

/**
 * A reply, refused here already when the channel's rules forbid it (SMS
 * consent, the WhatsApp window, template use), judged on what the replica holds.
 */
export function applyReply(target: ActionTarget, conversation: LocalDoc, text: ReplyText, templates: Readonly<Record<string, Template>>, clock: ClientClock): ChangeMark {
  const doc = new ConversationDoc(conversation.doc)
  const seen = doc.lastInbound()
  const summary = target.entry.summary
  // The inbox's summary may know of a newer customer message than the replica of the conversation.
  const isSummaryNewer = summary.lastInboundId !== null && (seen === null || (summary.lastInboundAt ?? 0) > seen.at)
  const lastInbound = isSummaryNewer ? summary.lastInboundId : (seen?.id ?? null)
  const inboundTimes = doc.inboundTimes()
  if (isSummaryNewer && summary.lastInboundAt !== null) inboundTimes.push(summary.lastInboundAt)
  const message = buildReply(context(target, clock), {
    body: text.body,
    channel: summary.channel,
    lastInbound,
    ...(text.template ? { template: text.template } : {}),
    conditions: { inboundTimes, consent: doc.readConsent(), templates },
  })
  return conversation.change(() => doc.appendMessage(message))
}

export function applyNote(target: ActionTarget, conversation: LocalDoc, body: string, clock: ClientClock): ChangeMark {
  const note = buildNote(context(target, clock), body)
  return conversation.change(() => new ConversationDoc(conversation.doc).appendNote(note))
}

/** The author's decision on a held reply of theirs. */
export function applyHeldDecision(target: ActionTarget, conversation: LocalDoc, message: string, decision: 'send' | 'discard', clock: ClientClock): ChangeMark {
  authorize(target.user, { kind: 'act-in-inbox', inbox: target.access })
  const record = { id: newId('d-'), message, decision, actor: target.user.id, at: clock.now() }
  return conversation.change(() => new ConversationDoc(conversation.doc).appendDecision(record))
}
