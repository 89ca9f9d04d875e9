/**
 * Where the search index learns a conversation's facts: who may see it
 * (its inbox), how it is filed (channel, status, assignee) and when it last
 * moved. Live conversations answer from their inbox documents
 * (live-catalog.ts); conversations moved to history answer from the history
 * store, which implements the same interface. The messages and notes
 * themselves always come from the `conversation/<id>` documents.
 */
import type { ConversationFacts } from '../../core/conversation-facts.js'

export type { ConversationFacts } from '../../core/conversation-facts.js'

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
