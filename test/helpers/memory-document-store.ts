/** DocumentStore in memory, for fast tests of the modules that use one. */
import type { DocumentStore, StoredDocument } from '../../server/store/document-store.js'
import { checkCompaction, checkDocumentName, closedError } from '../../server/store/store-checks.js'

type MemoryDocument = {
  snapshot: { readonly seq: number; readonly update: Uint8Array } | null
  updates: Array<{ readonly seq: number; readonly update: Uint8Array }>
  lastSeq: number
  owners: Map<number, string>
}

/** Same contract as the LevelDB store, kept in a map; nothing survives the process. */
export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, MemoryDocument>()
  private closed = false

  async load(name: string): Promise<StoredDocument> {
    const doc = this.documentOf(name)
    const updates = doc.updates.map((entry) => entry.update)
    return {
      updates: doc.snapshot ? [doc.snapshot.update, ...updates] : updates,
      lastSeq: doc.lastSeq,
      pending: doc.updates.length,
      owners: new Map(doc.owners),
    }
  }

  async append(name: string, update: Uint8Array, owners: ReadonlyMap<number, string> = new Map()): Promise<number> {
    const doc = this.documentOf(name)
    const seq = ++doc.lastSeq
    // Copied, as a database would: the caller may reuse its buffer.
    doc.updates.push({ seq, update: update.slice() })
    for (const [client, owner] of owners) doc.owners.set(client, owner)
    this.documents.set(name, doc)
    return seq
  }

  async compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const doc = this.documentOf(name)
    checkCompaction(name, throughSeq, doc.snapshot?.seq ?? 0, doc.lastSeq)
    doc.snapshot = { seq: throughSeq, update: snapshot.slice() }
    doc.updates = doc.updates.filter((entry) => entry.seq > throughSeq)
    this.documents.set(name, doc)
  }

  async remove(name: string): Promise<void> {
    this.assertUsable(name)
    this.documents.delete(name)
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private documentOf(name: string): MemoryDocument {
    this.assertUsable(name)
    return this.documents.get(name) ?? { snapshot: null, updates: [], lastSeq: 0, owners: new Map() }
  }

  private assertUsable(name: string): void {
    checkDocumentName(name)
    if (this.closed) throw closedError('document store')
  }
}
