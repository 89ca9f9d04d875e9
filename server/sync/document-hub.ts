/**
 * What the rest of the server (HTTP API, inbound messages, directory changes)
 * needs from the sync side: changing documents as the server, reading them,
 * and cutting off users who lost access. Implemented by the sync server.
 */
import type * as Y from 'yjs'

export interface DocumentHub {
  /**
   * Loads the document if needed and applies `change` to it in one transaction
   * as the server; resolves once the change is durably stored and has been sent
   * to every connected client of that document.
   */
  change(name: string, change: (doc: Y.Doc) => void): Promise<void>
  /** Loads the document if needed and reads it. */
  read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T>
  /**
   * Closes the connections of `userId` to every document `matches` accepts,
   * with a close code and reason (see CLOSE_CODES in core/wire.ts).
   */
  disconnect(userId: string, matches: (docName: string) => boolean, code: number, reason: string): void
  /**
   * Replaces a document by what `rebuild` makes of it, once `beforeStore` has
   * resolved, closing its connections `4409` (see SyncServer.rotate).
   */
  rotate(name: string, rebuild: (doc: Y.Doc) => Uint8Array, beforeStore?: () => Promise<void>): Promise<void>
  /** Deletes a document: closes its connections and removes it from the store. */
  remove(name: string): Promise<void>
  /**
   * Calls `listener` after a document is loaded (`user` null) and after each
   * client update applied to it (`user` its author). Returns an unsubscribe.
   */
  observe(listener: (name: string, doc: Y.Doc, user: string | null) => void): () => void
}
