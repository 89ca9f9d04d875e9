/**
 * A DocumentStore that tells listeners the name of each document once an
 * update to it is durably stored: the one place every change passes, a
 * client's or the server's, so the search index follows them all.
 */
import type { DocumentStore, StoredDocument } from '../store/document-store.js'

export type AppendListener = (name: string) => void

export class ObservedStore implements DocumentStore {
  private readonly listeners = new Set<AppendListener>()

  constructor(private readonly inner: DocumentStore) {}

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  load(name: string): Promise<StoredDocument> {
    return this.inner.load(name)
  }

  async append(name: string, update: Uint8Array): Promise<number> {
    const seq = await this.inner.append(name, update)
    for (const listener of this.listeners) listener(name)
    return seq
  }

  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.inner.compact(name, snapshot, throughSeq)
  }

  async remove(name: string): Promise<void> {
    await this.inner.remove(name)
    for (const listener of this.listeners) listener(name)
  }

  close(): Promise<void> {
    return this.inner.close()
  }
}
