/**
 * What the server stores in: its documents and its records. One process on
 * its LevelDB folder (database.ts) by default, or a node of a cluster on
 * Redis (server/cluster/cluster-storage.ts); the services only see this.
 */
import type { DocumentStore } from './document-store.js'
import type { RecordStore } from './record-store.js'

export interface Storage {
  readonly documents: DocumentStore
  readonly records: RecordStore
  /** Whether a failed write stopped writes (reported by `/healthz`). */
  isWriteStopped(): boolean
  /** Waits for queued writes, then closes both stores. */
  close(): Promise<void>
}
