/** What the server hands a channel's carrier to send a reply, and what it gets back. */
import type { Channel } from '../../core/users.js'

export type OutgoingMessage = {
  readonly conversation: string
  readonly messageId: string
  readonly channel: Channel
  /** The organisation's address the conversation came in on. */
  readonly from: string
  /** The contact's address. */
  readonly to: string
  readonly body: string
  readonly author: string
}

/** Sends replies on one channel. Rejects (with a reason the agent can read) when the carrier refuses. */
export interface OutboundAdapter {
  /** Resolves with the carrier's id of the message (e.g. `SM…`), used by its status receipts. */
  send(message: OutgoingMessage): Promise<{ readonly externalId: string }>
}
