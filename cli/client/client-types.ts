/** The shapes the client library hands to its users: the agent commands and the dashboard. */
import type { SlaPolicy } from '../../core/sla-policy.js'
import type { HuddleError } from '../../core/errors.js'
import type { Availability } from '../../core/availability.js'
import type { ViewCounts } from '../../core/views.js'
import type { ActionKind } from './ack-tracker.js'
import type { ConnectionState } from './connection-state.js'
import type { ConversationRow } from './inbox-view.js'
import type { ReplicaStore } from './replica-store.js'

export type HuddleClientOptions = {
  /** The server's http(s) URL (for messages and the replica's identity). */
  readonly server: string
  /** `ws(s)://host:port/sync`. */
  readonly syncUrl: string
  readonly token: string
  /** The fetch of the HTTP API calls (default: the global one). */
  readonly fetch?: typeof fetch
  /** The replica; the client closes it when it closes. */
  readonly store: ReplicaStore
  /** The version announced to the server (default: this huddle's). */
  readonly clientVersion?: string
  /** Conversations of each inbox kept for offline use besides those opened (default 50). */
  readonly recentPerInbox?: number
  /** Connect at once (default true); otherwise only the replica is read until `connect()`. */
  readonly connect?: boolean
  readonly maxBackoffMs?: number
  /** Delay of batched notifications (default 16 ms). */
  readonly batchMs?: number
  readonly wallClock?: () => number
  readonly WebSocket?: unknown
}

/** An inbox the user works in, with its view counts. */
export type InboxInfo = {
  /** Its document name: `inbox/<id>` or `personal/<user>`. */
  readonly doc: string
  /** The inbox id, or `@<user>` for a personal inbox. */
  readonly id: string
  readonly kind: 'shared' | 'personal'
  readonly name: string
  readonly members: readonly string[]
  readonly counts: ViewCounts
  /** Its SLA policy, from `org` (null: none). */
  readonly sla: SlaPolicy | null
}

export type InboxSnapshot = { readonly inbox: InboxInfo; readonly rows: readonly ConversationRow[]; readonly counts: ViewCounts }

/** What a command or the dashboard shows beside the data: connection and changes waiting to sync. */
/** The connection, changes waiting to sync, and the user's own availability as the server last published it (null: not yet). */
export type ClientStatus = { readonly connection: ConnectionState; readonly pending: number; readonly availability: Availability | null }

export type ActionReceipt = {
  readonly id: string
  readonly kind: ActionKind
  readonly conversation: string
  /** The id of the assignment event it wrote (assignment actions only). */
  readonly event?: string
  /** Resolves once the server has durably stored the change. */
  readonly acknowledged: Promise<void>
}

/** What one conversation of a bulk action came to: applied here (its receipt), or refused (why). */
export type BulkOutcome = { readonly id: string; readonly receipt: ActionReceipt } | { readonly id: string; readonly error: HuddleError }

export type HeldReply = {
  readonly conversation: string
  readonly message: string
  readonly body: string
  readonly reason: string
  readonly at: number
  /** A decision already taken here, waiting for the server. */
  readonly decision: 'send' | 'discard' | null
}

export type SyncReport = {
  readonly connection: ConnectionState
  /** Actions the server acknowledged during this sync. */
  readonly acknowledged: number
  /** Actions still waiting. */
  readonly pending: number
  /** Conversation documents fetched or refreshed. */
  readonly conversations: number
  /** Conversation documents dropped from the replica by retention. */
  readonly evicted: number
}

export type ConversationHandle = {
  readonly id: string
  /** Tells the others whether this user is typing a reply or note. */
  setTyping(isTyping: boolean): void
  /** Stops showing presence and lets the conversation's connection go. */
  close(): void
}
