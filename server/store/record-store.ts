/**
 * Small JSON records kept beside the documents: the directory, credentials,
 * indexes. Keys are strings; values are JSON. A batch applies whole or not at all.
 */

export type RecordOp =
  | { readonly type: 'put'; readonly key: string; readonly value: unknown }
  | { readonly type: 'del'; readonly key: string }

export interface RecordStore {
  get<T>(key: string): Promise<T | undefined>
  /** Every record whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>>
  /** Up to `limit` records whose key starts with `prefix` and sorts before `below` (null: any), in reverse key order. */
  listBackward<T>(prefix: string, below: string | null, limit: number): Promise<Array<{ key: string; value: T }>>
  /** Applies the operations atomically and durably (synced). */
  batch(ops: readonly RecordOp[]): Promise<void>
  /**
   * Applies the operations like `batch` only when no record `key` exists, and
   * says whether it did: what is created once however many processes try
   * (the organisation on first start). Atomic across cluster nodes; on one
   * process its callers serialise it (the settings writer's queue).
   */
  batchIfAbsent(key: string, ops: readonly RecordOp[]): Promise<boolean>
  close(): Promise<void>
}
