/**
 * Where the search index learns a conversation's facts: who may see it
 * (its inbox), how it is filed (channel, status, assignee) and when it last
 * moved. Live conversations answer from their inbox documents
 * (live-catalog.ts); conversations moved to history answer from the history
 * store, which implements the same interface. The messages and notes
 * themselves always come from the `conversation/<id>` documents.
 */
import type { ConversationStatus } from '../../core/fold.js'
import type { Channel } from '../../core/users.js'

/** What search shows and filters on about one conversation, besides its text. */
export type ConversationFacts = {
  readonly id: string
  /** Doc name of the inbox it belongs to (`inbox/<id>` or `personal/<user>`). */
  readonly inbox: string
  readonly channel: Channel
  /** The customer's address (phone number, chat visitor id). */
  readonly contact: string
  readonly contactName: string | null
  /** The organisation's address it came in on. */
  readonly address: string
  readonly status: ConversationStatus
  readonly assignee: string | null
  /** Time of the last message (ms since the epoch). */
  readonly lastActivityAt: number
}

/** A source of conversation facts: the live inboxes, or the history store. */
export interface ConversationCatalog {
  /** The facts of one conversation, or null when this catalog does not hold it. */
  facts(id: string): Promise<ConversationFacts | null>
  /** Every conversation this catalog holds (for a rebuild of the index). */
  all(): AsyncIterable<ConversationFacts>
  /**
   * Calls `listener` with the ids whose facts changed (moved in, moved out,
   * reassigned, archived, new activity). Returns an unsubscribe.
   */
  onChange(listener: (ids: readonly string[]) => void): () => void
}
