/**
 * The inbound pipeline's server-side records:
 *
 *   inbound/message/<key>       → InboundPlan   one per message id: dedupe and crash recovery
 *   inbound/pending/<key>       → { key }       plans whose documents are not all written yet
 *   inbound/thread/<threadKey>  → { conversation }  the latest conversation per (channel, address, contact)
 *   inbound/unrouted/<at>-<id>  → UnroutedMessage
 *
 * Keys are URI-encoded so carrier ids and addresses cannot break the layout.
 */
import { threadKey, type ThreadKey } from '../../core/threading.js'
import type { RecordOp } from '../store/record-store.js'
import type { InboundResult, UnroutedMessage } from '../../core/http-contract/inbound-contract.js'
import type { InboundInput } from '../../core/inbound-message.js'

export const MESSAGE_PREFIX = 'inbound/message/'
export const PENDING_PREFIX = 'inbound/pending/'
export const THREAD_PREFIX = 'inbound/thread/'
export const UNROUTED_PREFIX = 'inbound/unrouted/'


/** The documents a message will be written to, decided before any is written. */
export type PlannedWrite =
  | { readonly kind: 'new'; readonly conversation: string; readonly inboxDoc: string; readonly linkedTo: string | null }
  | { readonly kind: 'join'; readonly conversation: string; readonly inboxDoc: string }
  | { readonly kind: 'reopen'; readonly conversation: string; readonly inboxDoc: string }
  | { readonly kind: 'unrouted'; readonly reason: string }

export type InboundPlan = {
  readonly key: string
  readonly state: 'planned' | 'done'
  readonly messageId: string
  readonly at: number
  readonly message: InboundInput
  readonly write: PlannedWrite
  readonly result: InboundResult
}


export function messageKey(key: string): string {
  return MESSAGE_PREFIX + encodeURIComponent(key)
}

export function pendingKey(key: string): string {
  return PENDING_PREFIX + encodeURIComponent(key)
}

export function threadRecordKey(key: ThreadKey): string {
  return THREAD_PREFIX + encodeURIComponent(threadKey(key))
}

export function threadKeyOf(message: InboundInput): ThreadKey {
  return { channel: message.channel, contact: message.from, address: message.to }
}

export function unroutedOp(plan: InboundPlan, reason: string): RecordOp {
  const { message } = plan
  const value: UnroutedMessage = {
    id: plan.messageId,
    channel: message.channel,
    from: message.from,
    to: message.to,
    body: message.body,
    contactName: message.contactName,
    externalId: message.externalId,
    receivedAt: plan.at,
    reason,
  }
  // Zero-padded time first, so the listing comes back oldest first.
  return { type: 'put', key: `${UNROUTED_PREFIX}${String(plan.at).padStart(15, '0')}-${plan.messageId}`, value }
}
