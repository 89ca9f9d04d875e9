/**
 * The local replica's storage: every document's updates (a snapshot plus the
 * updates appended after it) and small JSON records about the replica
 * (acknowledgements, pending actions, reported notices, the clock).
 *
 * Writes are queued and applied in call order, many to one batch; reads see
 * every write queued before them.
 */

export interface ReplicaStore {
  /** Names of the documents the replica holds. */
  docNames(): Promise<string[]>
  /** A document's stored updates, snapshot first (empty when it holds none). */
  loadDoc(name: string): Promise<Uint8Array[]>
  appendUpdate(name: string, update: Uint8Array): void
  /** Replaces everything stored for a document by one snapshot. */
  compactDoc(name: string, snapshot: Uint8Array): void
  removeDoc(name: string): void
  getMeta<T>(key: string): Promise<T | undefined>
  /** Every record whose key starts with `prefix`, in key order. */
  listMeta<T>(prefix: string): Promise<Array<readonly [string, T]>>
  putMeta(key: string, value: unknown): void
  deleteMeta(key: string): void
  /** Resolves once every write queued so far is stored; rejects if one failed. */
  flush(): Promise<void>
  close(): Promise<void>
}

/** Meta keys, in one place so that their layout is documented by the code. */
export const META = {
  known: (doc: string) => `known/${doc}`,
  knownPrefix: 'known/',
  acked: (doc: string) => `acked/${doc}`,
  pending: (id: string) => `pending/${id}`,
  pendingPrefix: 'pending/',
  opened: (conversation: string) => `opened/${conversation}`,
  openedPrefix: 'opened/',
  reported: (key: string) => `reported/${key}`,
  reportedPrefix: 'reported/',
  event: (key: string) => `event/${key}`,
  eventPrefix: 'event/',
  view: (doc: string) => `view/${doc}`,
  history: (conversation: string) => `history/${conversation}`,
  bulk: (id: string) => `bulk/${id}`,
  bulkPrefix: 'bulk/',
  historyPrefix: 'history/',
  clock: 'clock',
  syncedAt: 'synced-at',
  user: 'user',
  server: 'server',
} as const
