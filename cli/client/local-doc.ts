/**
 * One document of the replica: a Y.Doc loaded from the store, every update
 * (local or remote) appended to the store as it happens, compacted into a
 * snapshot every COMPACT_EVERY updates.
 *
 * Local changes go through `change`, which returns the mark an
 * acknowledgement must cover. The server acknowledges an update with the
 * state vector of that update, which names a client only if the update starts
 * at that client's clock 0; so local changes are written under a writer id
 * of their own, renewed whenever the current one may already have reached the
 * server. The document's own clientID stays put: the provider and the
 * awareness identify this client by it.
 */
import { randomInt } from 'node:crypto'
import * as Y from 'yjs'
import type { ReplicaStore } from './replica-store.js'

/** Updates appended before the log is folded into a snapshot. */
export const COMPACT_EVERY = 200

/** The origin of this replica's own changes. */
export const LOCAL_ORIGIN = Symbol('local change')
const LOAD_ORIGIN = Symbol('load')

/** What an acknowledgement must cover for a local change to count as stored by the server. */
export type ChangeMark = { readonly doc: string; readonly client: number; readonly clock: number }

export class LocalDoc {
  readonly doc = new Y.Doc({ gc: true })
  private appended = 0
  /** The clientID local changes are written under. */
  private writerId = this.doc.clientID
  /** Whether the writer id's changes may have been sent already. */
  private isWriterSent = false
  private isLinked = false

  private constructor(
    readonly name: string,
    private readonly store: ReplicaStore,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return
      if (origin === LOCAL_ORIGIN && this.isLinked) this.isWriterSent = true
      this.store.appendUpdate(this.name, update)
      if (++this.appended >= COMPACT_EVERY) this.compact()
    })
  }

  /** Loads a document from the store (empty when the replica does not hold it yet). */
  static async load(name: string, store: ReplicaStore): Promise<LocalDoc> {
    const local = new LocalDoc(name, store)
    const updates = await store.loadDoc(name)
    if (updates.length > 0) {
      local.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(local.doc, update, LOAD_ORIGIN)
      }, LOAD_ORIGIN)
    }
    return local
  }

  /** Applies a local change; returns the mark its acknowledgement must reach. */
  change(apply: () => void): ChangeMark {
    if (this.isWriterSent) this.renewWriterId()
    const own = this.doc.clientID
    // Yjs stamps new items with doc.clientID; it is the writer's only for this transaction.
    this.doc.clientID = this.writerId
    try {
      this.doc.transact(apply, LOCAL_ORIGIN)
    } finally {
      this.doc.clientID = own
    }
    return { doc: this.name, client: this.writerId, clock: Y.getState(this.doc.store, this.writerId) }
  }

  /** Told by the connection whenever it opens or closes. */
  setLinked(isLinked: boolean): void {
    this.isLinked = isLinked
    // A connection that opens sends whatever this client wrote offline.
    if (isLinked && Y.getState(this.doc.store, this.writerId) > 0) this.isWriterSent = true
  }

  /** Folds the stored updates into one snapshot. */
  compact(): void {
    this.appended = 0
    this.store.compactDoc(this.name, Y.encodeStateAsUpdate(this.doc))
  }

  /** Updates stored since the last compaction. */
  appendedSinceCompaction(): number {
    return this.appended
  }

  /** Whether the replica holds anything of this document. */
  isEmpty(): boolean {
    return this.doc.store.clients.size === 0
  }

  destroy(): void {
    this.doc.destroy()
  }

  private renewWriterId(): void {
    let id: number
    do id = randomInt(1, 2 ** 32 - 1)
    while (this.doc.store.clients.has(id) || id === this.doc.clientID)
    this.writerId = id
    this.isWriterSent = false
  }
}
