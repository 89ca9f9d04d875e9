/** Reads a document straight from the store, without loading it into the sync server. */
import * as Y from 'yjs'
import type { DocumentStore } from '../store/document-store.js'

export async function readStored<T>(store: DocumentStore, name: string, read: (doc: Y.Doc) => T): Promise<T> {
  const stored = await store.load(name)
  const doc = new Y.Doc()
  try {
    Y.transact(doc, () => {
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    return read(doc)
  } finally {
    doc.destroy()
  }
}
