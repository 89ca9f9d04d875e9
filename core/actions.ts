/**
 * Building agents' actions: each checks permission and the state the agent
 * sees, then yields the immutable record to append (an assignment event, a
 * reply, a note). Checks here are for the acting replica's view; concurrent
 * actions elsewhere are settled by the fold.
 */
import type { AssignmentEvent, AssignmentKind, SnoozeUntil } from './assignment-event.js'
import type { Priority } from './priority.js'
import { HuddleError } from './errors.js'
import type { ConversationState } from './fold.js'
import type { Message } from './message.js'
import { MAX_BODY } from './message.js'
import { MAX_NOTE, parseMentions, type Note } from './note.js'
import { authorize, isInboxMember, type InboxAccess } from './permissions.js'
import { replyRefusal, type ReplyConditions } from './reply-rules.js'
import type { TemplateUse } from './template.js'
import type { Channel, User } from './users.js'

/** What an action needs to know about who acts, where, and when. */
export type ActionContext = {
  readonly user: User
  readonly inbox: InboxAccess
  readonly conversation: string
  readonly state: ConversationState
  /** A fresh hybrid clock stamp for the event. */
  readonly stamp: string
  /** Wall-clock milliseconds (server-corrected) for messages and notes. */
  readonly now: number
  /** A fresh unique id. */
  readonly newId: string
}

export type AssignmentRequest =
  | { readonly kind: Exclude<AssignmentKind, 'assign' | 'auto-assign' | 'snooze' | 'label' | 'unlabel' | 'priority'> }
  | { readonly kind: 'assign'; readonly to: string }
  | { readonly kind: 'snooze'; readonly until: SnoozeUntil }
  /** `label` a label id of the catalogue; `name` its name, for the sentence a refusal says. */
  | { readonly kind: 'label' | 'unlabel'; readonly label: string; readonly name: string }
  | { readonly kind: 'priority'; readonly priority: Priority }

function inboxName(inbox: InboxAccess): string {
  return inbox.kind === 'personal' ? `personal inbox of ${inbox.owner}` : inbox.name
}

function precondition(ctx: ActionContext, request: AssignmentRequest): void {
  const { state, conversation } = ctx
  switch (request.kind) {
    case 'claim':
      if (state.assignee !== null && state.assignee !== ctx.user.id)
        throw new HuddleError('conflict', `Conversation \`${conversation}\` is assigned to ${state.assignee}; take it over with \`huddle conversation takeover ${conversation}\`.`)
      return
    case 'takeover':
      if (state.assignee === ctx.user.id) throw new HuddleError('conflict', `Conversation \`${conversation}\` is already assigned to you.`)
      return
    case 'assign':
      if (!isInboxMember(ctx.inbox, request.to))
        throw new HuddleError('invalid', `\`${request.to}\` is not a member of ${inboxName(ctx.inbox)}, so cannot be assigned \`${conversation}\`. Pick a member.`)
      return
    case 'unassign':
      if (state.assignee === null) throw new HuddleError('conflict', `Conversation \`${conversation}\` is not assigned to anyone.`)
      return
    case 'archive':
      if (state.status === 'archived') throw new HuddleError('conflict', `Conversation \`${conversation}\` is already archived.`)
      return
    case 'unarchive':
      if (state.status === 'open') throw new HuddleError('conflict', `Conversation \`${conversation}\` is not archived.`)
      return
    case 'snooze':
      if (state.status === 'archived') throw new HuddleError('conflict', `Conversation \`${conversation}\` is archived; unarchive it with \`huddle conversation unarchive ${conversation}\` to snooze it.`)
      if (request.until !== 'reply' && request.until <= ctx.now)
        throw new HuddleError('invalid', `A snooze of \`${conversation}\` must wake in the future, not at ${new Date(request.until).toISOString()}.`)
      return
    case 'unsnooze':
      if (state.snooze === null) throw new HuddleError('conflict', `Conversation \`${conversation}\` is not snoozed.`)
      return
    case 'label':
      if (state.labels.includes(request.label)) throw new HuddleError('conflict', `Conversation \`${conversation}\` already has label \`${request.name}\`.`)
      return
    case 'unlabel':
      if (!state.labels.includes(request.label)) throw new HuddleError('conflict', `Conversation \`${conversation}\` has no label \`${request.name}\`.`)
      return
    case 'priority':
      if (state.priority === request.priority) throw new HuddleError('conflict', `Conversation \`${conversation}\` is already of ${request.priority} priority.`)
      return
  }
}

/** The event for a claim, take-over, assignment, unassignment, archive, unarchive, snooze, unsnooze, label added or removed, or priority set. */
export function buildAssignmentEvent(ctx: ActionContext, request: AssignmentRequest): AssignmentEvent {
  authorize(ctx.user, { kind: 'act-in-inbox', inbox: ctx.inbox })
  precondition(ctx, request)
  const base = { id: ctx.newId, kind: request.kind, actor: ctx.user.id, at: ctx.stamp, saw: ctx.state.assignee }
  switch (request.kind) {
    case 'assign':
      return { ...base, to: request.to }
    case 'snooze':
      return { ...base, until: request.until }
    case 'label':
    case 'unlabel':
      return { ...base, label: request.label }
    case 'priority':
      return { ...base, priority: request.priority }
    default:
      return base
  }
}

function bodyOf(text: string, max: number, what: string): string {
  const body = text.trim()
  if (body.length === 0 || body.length > max) throw new HuddleError('invalid', `A ${what} needs 1–${max} characters; yours has ${body.length}.`)
  return body
}

export type ReplyInput = {
  readonly body: string
  readonly channel: Channel
  readonly lastInbound: string | null
  /** The template the reply was made from (its body already rendered, or edited if flexible). */
  readonly template?: TemplateUse
  /** The channel's rules (consent, WhatsApp window, templates); checked when given. */
  readonly conditions?: ReplyConditions
}

/**
 * A reply to the customer, recording what its author saw (for holding it if
 * stale) and the template it came from; refused when the channel's rules
 * forbid it now (see reply-rules.ts).
 */
export function buildReply(ctx: ActionContext, input: ReplyInput): Message {
  authorize(ctx.user, { kind: 'reply', inbox: ctx.inbox, channel: input.channel })
  // A template's text is kept as rendered: trimming it would break a structured template's match.
  const body = input.template ? input.body : bodyOf(input.body, MAX_BODY, 'reply')
  if (input.template && (body.trim().length === 0 || body.length > MAX_BODY))
    throw new HuddleError('invalid', `A reply needs 1–${MAX_BODY} characters; yours has ${body.length}.`)
  const template = input.template ?? null
  if (input.conditions) {
    const refusal = replyRefusal({ conversation: ctx.conversation, channel: input.channel, body, template, at: ctx.now }, input.conditions)
    if (refusal) throw refusal
  }
  return {
    id: ctx.newId,
    direction: 'out',
    author: ctx.user.id,
    body,
    at: ctx.now,
    basis: { assignee: ctx.state.assignee, lastInbound: input.lastInbound },
    ...(template ? { template: { name: template.name, params: { ...template.params } } } : {}),
  }
}

/** An internal note; `@member` mentions are resolved against the inbox's members. */
export function buildNote(ctx: ActionContext, body: string): Note {
  authorize(ctx.user, { kind: 'act-in-inbox', inbox: ctx.inbox })
  const text = bodyOf(body, MAX_NOTE, 'note')
  return { id: ctx.newId, author: ctx.user.id, body: text, at: ctx.now, mentions: parseMentions(text, (id) => isInboxMember(ctx.inbox, id)) }
}
