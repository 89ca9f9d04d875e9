/**
 * A DocumentStore that tells listeners the name of each document once an
 * update to it is durably stored, or it was replaced or removed: the one
 * place every change passes, a client's or the server's, so the search index
 * follows them all.
 */
import type { DocumentStore, StoredDocument, StoredEntries } from '../store/document-store.js'

/** How a document changed: an update appended, one appended by another cluster node, its log compacted (or replaced), or removed. */
export type StoreChange = 'append' | 'elsewhere' | 'compact' | 'remove'

export type StoreListener = (name: string, change: StoreChange) => void

export class ObservedStore implements DocumentStore {
  private readonly listeners = new Set<StoreListener>()

  constructor(private readonly inner: DocumentStore) {}

  onChange(listener: StoreListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  load(name: string): Promise<StoredDocument> {
    return this.inner.load(name)
  }

  /** Passes on what other cluster nodes store, telling the listeners once it is integrated. */
  follow(name: string, fromSeq: number, onEntries: (entries: StoredEntries) => void): () => void {
    if (!this.inner.follow) return () => {}
    return this.inner.follow(name, fromSeq, (entries) => {
      onEntries(entries)
      for (const listener of this.listeners) listener(name, 'elsewhere')
    })
  }

  async append(name: string, update: Uint8Array, owners?: ReadonlyMap<number, string>): Promise<number> {
    const seq = await this.inner.append(name, update, owners)
    for (const listener of this.listeners) listener(name, 'append')
    return seq
  }

  async compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.inner.compact(name, snapshot, throughSeq)
    // A compaction changes no content, but a document replaced by a new one
    // (an inbox rotated to a new epoch) goes through here too.
    for (const listener of this.listeners) listener(name, 'compact')
  }

  async remove(name: string): Promise<void> {
    await this.inner.remove(name)
    for (const listener of this.listeners) listener(name, 'remove')
  }

  close(): Promise<void> {
    return this.inner.close()
  }
}
