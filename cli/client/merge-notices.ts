/**
 * What merging brought that the user should be told, once: a claim of theirs
 * that lost, a conversation taken from them, one of theirs that woke from a
 * snooze, a note mentioning them, a reply of theirs the server held; and what the connection reported: an inbox they
 * lost access to, a change the server refused. Every notice has a stable key,
 * so the replica remembers which were reported.
 */
import { parseHlc } from '../../core/hlc.js'
import type { ConversationDoc } from '../../core/conversation-doc.js'
import type { ConversationState } from '../../core/fold.js'
import { snoozeStatus } from '../../core/snooze.js'

export type Notice =
  | {
      readonly kind: 'lost-claim'
      readonly key: string
      readonly conversation: string
      readonly inbox: string
      readonly winner: string
      /** When the winner's claim (or assignment) was made. */
      readonly wonAt: number
      readonly at: number
    }
  /**
   * Claims of one bulk action that lost, told together once all its claims
   * reached the server: of `total`, these went to others. `covers` are the
   * keys of the lost claims' own notices, reported with it.
   */
  | {
      readonly kind: 'bulk-claim'
      readonly key: string
      readonly total: number
      readonly lost: readonly { readonly conversation: string; readonly winner: string }[]
      readonly covers: readonly string[]
      readonly at: number
    }
  | { readonly kind: 'taken-over'; readonly key: string; readonly conversation: string; readonly inbox: string; readonly by: string; readonly to: string; readonly at: number }
  /** A snoozed conversation the user holds woke: the customer wrote, or its time came. */
  | { readonly kind: 'woke'; readonly key: string; readonly conversation: string; readonly inbox: string; readonly reason: 'customer' | 'time'; readonly at: number }
  | { readonly kind: 'mention'; readonly key: string; readonly conversation: string; readonly author: string; readonly body: string; readonly at: number }
  | { readonly kind: 'held'; readonly key: string; readonly conversation: string; readonly message: string; readonly body: string; readonly reason: string; readonly at: number }
  | { readonly kind: 'access-lost'; readonly key: string; readonly inbox: string; readonly reason: string; readonly at: number }
  /** The server refused `what`; it was undone here too. */
  | { readonly kind: 'rejected'; readonly key: string; readonly doc: string; readonly what: string; readonly reason: string; readonly at: number }

function stampMs(stamp: string): number {
  return parseHlc(stamp).ms
}

/** Lost claims of `me` and conversations taken from `me`, from a conversation's folded history. */
export function assignmentNotices(inbox: string, conversation: string, state: ConversationState, me: string): Notice[] {
  const notices: Notice[] = []
  let holderSince: { user: string; at: number } | null = null
  let previous: string | null = null
  for (const entry of state.history) {
    const { event } = entry
    if (entry.outcome === 'lost' && event.actor === me)
      notices.push({
        kind: 'lost-claim',
        key: `lost:${event.id}`,
        conversation,
        inbox,
        winner: entry.winner ?? '',
        wonAt: holderSince !== null && holderSince.user === entry.winner ? holderSince.at : stampMs(event.at),
        at: stampMs(event.at),
      })
    if ((event.kind === 'takeover' || event.kind === 'assign') && event.actor !== me && previous === me && entry.assignee !== me)
      notices.push({ kind: 'taken-over', key: `taken:${event.id}`, conversation, inbox, by: event.actor, to: entry.assignee ?? '', at: stampMs(event.at) })
    if (entry.assignee !== previous) holderSince = entry.assignee === null ? null : { user: entry.assignee, at: stampMs(event.at) }
    previous = entry.assignee
  }
  return notices
}

/** The notice that a conversation `me` holds woke from its snooze by `now`, or null while it sleeps (or is not `me`'s, or not snoozed). */
export function wakeNotice(inbox: string, conversation: string, state: ConversationState, lastInboundAt: number | null, me: string, now: number): Notice | null {
  if (state.status !== 'open' || state.assignee !== me || state.snooze === null) return null
  const status = snoozeStatus(state.snooze, now, lastInboundAt)
  if (status !== 'woke-by-customer' && status !== 'woke-by-time') return null
  // The snooze in force is the last one applied: its event's id keys the notice, so each wake is told once.
  const snoozed = state.history.findLast((entry) => entry.event.kind === 'snooze' && entry.snooze !== null)
  if (!snoozed) return null
  const byCustomer = status === 'woke-by-customer'
  const at = byCustomer ? (lastInboundAt ?? now) : (state.snooze.until as number)
  return { kind: 'woke', key: `woke:${snoozed.event.id}`, conversation, inbox, reason: byCustomer ? 'customer' : 'time', at }
}

/** Notes by others mentioning `me`, and replies of `me` the server holds, in one conversation. */
export function conversationNotices(conversation: string, doc: ConversationDoc, me: string): Notice[] {
  const notices: Notice[] = []
  for (const note of doc.notes.toArray())
    if (note.author !== me && note.mentions.includes(me))
      notices.push({ kind: 'mention', key: `mention:${note.id}`, conversation, author: note.author, body: note.body, at: note.at })
  const decided = new Set(doc.decisions.toArray().map((d) => d.message))
  for (const message of doc.messages.toArray()) {
    if (message.direction !== 'out' || message.author !== me || decided.has(message.id)) continue
    const delivery = doc.delivery.get(message.id)
    if (delivery?.status === 'held')
      notices.push({
        kind: 'held',
        key: `held:${message.id}`,
        conversation,
        message: message.id,
        body: message.body,
        reason: delivery.reason ?? 'the conversation moved on since you wrote it',
        at: delivery.at,
      })
  }
  return notices
}
