/**
 * A conversation as the agent sees it: its summary and assignment from the
 * inbox document, its messages (with delivery status), notes and decisions
 * from the conversation document when the replica holds it, and the
 * assignment history with lost claims marked.
 */
import type { Consent } from '../../core/consent.js'
import type { ConversationDoc } from '../../core/conversation-doc.js'
import type { DeliveryStatus } from '../../core/delivery.js'
import type { Direction } from '../../core/message.js'
import { parseHlc } from '../../core/hlc.js'
import type { AssignmentKind, SnoozeUntil } from '../../core/assignment-event.js'
import type { TemplateUse } from '../../core/template.js'
import type { Priority } from '../../core/priority.js'
import type { ConversationEntry, ConversationRow } from './inbox-view.js'

export type MessageLine = {
  readonly id: string
  readonly direction: Direction
  readonly author: string
  readonly body: string
  readonly at: number
  /** Delivery of a reply (`pending` until the server has seen it); null for customer messages. */
  readonly status: DeliveryStatus | 'pending' | null
  readonly reason?: string
  /** A decision taken on a held reply and not yet acted on by the server. */
  readonly decision?: 'send' | 'discard'
  /** The template a reply was made from. */
  readonly template?: TemplateUse
}

export type NoteLine = { readonly id: string; readonly author: string; readonly body: string; readonly at: number; readonly mentions: readonly string[] }

export type HistoryLine = {
  readonly id: string
  readonly kind: AssignmentKind
  readonly actor: string
  /** Milliseconds of the event's clock stamp. */
  readonly at: number
  readonly stamp: string
  readonly to?: string
  /** When a snooze wakes (epoch ms, or `reply`). */
  readonly until?: SnoozeUntil
  /** The label id a label or unlabel names. */
  readonly label?: string
  /** The priority a priority event sets. */
  readonly priority?: Priority
  readonly outcome: 'applied' | 'lost'
  /** Who held the conversation, for a lost claim. */
  readonly winner?: string
  readonly assignee: string | null
  readonly status: 'open' | 'archived'
}

export type ConversationDetail = ConversationRow & {
  readonly address: string
  readonly createdAt: number
  readonly linkedTo: string | null
  /** Whether the replica holds the conversation's messages and notes. */
  readonly isLoaded: boolean
  readonly messages: readonly MessageLine[]
  readonly notes: readonly NoteLine[]
  readonly history: readonly HistoryLine[]
  /** The contact's latest SMS consent change (STOP/START), as the server recorded it; null or absent when none. */
  readonly consent?: Consent | null
}

export function conversationDetail(row: ConversationRow, entry: ConversationEntry, doc: ConversationDoc | null): ConversationDetail {
  const decisions = new Map((doc?.decisions.toArray() ?? []).map((d) => [d.message, d.decision] as const))
  const messages: MessageLine[] = (doc?.readMessages() ?? []).map((m) => {
    const base = { id: m.id, direction: m.direction, author: m.author, body: m.body, at: m.at, ...(m.template ? { template: m.template } : {}) }
    if (m.direction === 'in') return { ...base, status: null }
    const status = m.delivery?.status ?? 'pending'
    const decision = status === 'held' ? decisions.get(m.id) : undefined
    return { ...base, status, ...(m.delivery?.reason ? { reason: m.delivery.reason } : {}), ...(decision ? { decision } : {}) }
  })
  const notes = (doc?.readNotes() ?? []).map((n) => ({ id: n.id, author: n.author, body: n.body, at: n.at, mentions: n.mentions }))
  const history = entry.state.history.map((h) => ({
    id: h.event.id,
    kind: h.event.kind,
    actor: h.event.actor,
    at: parseHlc(h.event.at).ms,
    stamp: h.event.at,
    ...(h.event.to === undefined ? {} : { to: h.event.to }),
    ...(h.event.until === undefined ? {} : { until: h.event.until }),
    ...(h.event.label === undefined ? {} : { label: h.event.label }),
    ...(h.event.priority === undefined ? {} : { priority: h.event.priority }),
    outcome: h.outcome,
    ...(h.winner === undefined ? {} : { winner: h.winner }),
    assignee: h.assignee,
    status: h.status,
  }))
  return {
    ...row,
    address: entry.summary.address,
    createdAt: entry.summary.createdAt,
    linkedTo: entry.summary.linkedTo,
    isLoaded: doc !== null && doc.meta.has('id'),
    messages,
    notes,
    history,
    consent: doc?.readConsent() ?? null,
  }
}
