/**
 * Where document updates are kept. One implementation runs on LevelDB
 * (level-document-store.ts); the tests keep one in memory (test/helpers/memory-document-store.ts).
 */

export type StoredDocument = {
  /** The snapshot (if any) followed by every update appended since, in order. */
  readonly updates: readonly Uint8Array[]
  /** Sequence number of the last stored update (0 when the document is new). */
  readonly lastSeq: number
  /** How many updates are stored after the snapshot. */
  readonly pending: number
  /** Who writes with each client id in this document: client id → user id (see core/struct-rules.ts). */
  readonly owners: ReadonlyMap<number, string>
}

/** What another node stored, to integrate without checking it again: updates, the client ids they bind, through which entry. */
export type StoredEntries = {
  readonly updates: readonly Uint8Array[]
  readonly owners: ReadonlyMap<number, string>
  readonly lastSeq: number
}

export interface DocumentStore {
  load(name: string): Promise<StoredDocument>
  /**
   * For a store shared by several nodes (cluster mode): calls `onEntries`, in
   * order, with what other nodes append to `name` after `fromSeq` (the
   * `lastSeq` its load returned), until the returned function is called.
   * Stores only this process writes leave it out.
   */
  follow?(name: string, fromSeq: number, onEntries: (entries: StoredEntries) => void): () => void
  /**
   * Appends an update and resolves with its sequence number once it is durably
   * on disk (synced). Appends arriving together share one synced write.
   * Rejects when the write failed: nothing is then to be acknowledged.
   * `owners` (client id → user id) are bound in the same write as the update,
   * so a stored struct never lacks its writer; they outlive compactions.
   */
  append(name: string, update: Uint8Array, owners?: ReadonlyMap<number, string>): Promise<number>
  /**
   * Replaces the snapshot and every update with seq <= `throughSeq` by
   * `snapshot`, in one atomic batch. Updates appended after `throughSeq` stay.
   */
  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  /** Removes a document entirely (an inbox deleted, say). */
  remove(name: string): Promise<void>
  close(): Promise<void>
}
