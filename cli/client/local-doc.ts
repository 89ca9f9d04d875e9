/**
 * One document of the replica: a Y.Doc loaded from the store, every update
 * (local or remote) appended to the store as it happens, compacted into a
 * snapshot every COMPACT_EVERY updates.
 *
 * Local changes go through `change`, which returns the mark an
 * acknowledgement must cover: this document's clientID and its clock after
 * the change. A new Y.Doc, so a new clientID, each time the replica is
 * loaded: marks of earlier runs name the clientIDs of those runs.
 */
import * as Y from 'yjs'
import type { ReplicaStore } from './replica-store.js'

/** Updates appended before the log is folded into a snapshot. */
export const COMPACT_EVERY = 200

/** The origin of this replica's own changes. */
export const LOCAL_ORIGIN = Symbol('local change')

/** Whether a transaction changed the document: what Yjs checks before it emits 'update'. */
function hasChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}

/** What an acknowledgement must cover for a local change to count as stored by the server. */
export type ChangeMark = { readonly doc: string; readonly client: number; readonly clock: number }

export class LocalDoc {
  readonly doc = new Y.Doc({ gc: true })
  private appended = 0

  private constructor(
    readonly name: string,
    private readonly store: ReplicaStore,
  ) {}

  /** Loads a document from the store (empty when the replica does not hold it yet). */
  static async load(name: string, store: ReplicaStore): Promise<LocalDoc> {
    const local = new LocalDoc(name, store)
    const updates = await store.loadDoc(name)
    if (updates.length > 0) {
      local.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(local.doc, update)
      })
    }
    // Listening only now: with a listener, Yjs would encode the whole loaded state again just to hand it over.
    local.doc.on('update', (update: Uint8Array) => {
      local.store.appendUpdate(local.name, update)
      if (++local.appended >= COMPACT_EVERY) local.compact()
    })
    return local
  }

  /**
   * Runs several local changes (`change` calls) as one transaction, so they
   * become one update to store and send, each keeping its own mark.
   */
  batch(apply: () => void): void {
    this.doc.transact(apply, LOCAL_ORIGIN)
  }

  /** Applies a local change; returns the mark its acknowledgement must reach. */
  change(apply: () => void): ChangeMark {
    this.doc.transact(apply, LOCAL_ORIGIN)
    return { doc: this.name, client: this.doc.clientID, clock: Y.getState(this.doc.store, this.doc.clientID) }
  }

  /**
   * Applies (through `apply`) a whole state received from the server,
   * `update`: the 'update' listeners (the store among them) are given the
   * received bytes rather than the same again encoded by Yjs from the
   * transaction, which for a large inbox takes half as long as applying it.
   */
  receiveState(update: Uint8Array, apply: () => void): void {
    // Yjs encodes a transaction's update only when someone listens for 'update' (lib0's observer map).
    const observers = this.doc._observers
    const listeners = observers.get('update')
    if (!listeners) return apply()
    // Told where Yjs would tell them, at the end of the transaction: before the provider counts the document as synced.
    const onTransaction = (transaction: Y.Transaction): void => {
      if (hasChanged(transaction)) for (const listener of [...listeners]) listener(update, transaction.origin, this.doc, transaction)
    }
    observers.delete('update')
    this.doc.on('afterTransaction', onTransaction)
    try {
      apply()
    } finally {
      this.doc.off('afterTransaction', onTransaction)
      observers.set('update', listeners)
    }
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
}
