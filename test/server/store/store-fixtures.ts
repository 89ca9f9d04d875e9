/** Temporary databases and the table of store implementations the shared tests run against. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { Database } from '../../../server/store/database.js'
import type { DocumentStore } from '../../../server/store/document-store.js'
import { MemoryDocumentStore } from '../../helpers/memory-document-store.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'
import type { RecordStore } from '../../../server/store/record-store.js'

export type OpenedStore<S> = { readonly store: S; close(): Promise<void> }
export type StoreKind<S> = { readonly name: string; open(): Promise<OpenedStore<S>> }

/** A fresh folder under the system temporary folder, and a function that deletes it. */
export async function makeTempFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'huddle-store-'))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

async function openTempDatabase<S>(pick: (db: Database) => S): Promise<OpenedStore<S>> {
  const folder = await makeTempFolder()
  const db = await Database.open(folder.path)
  return {
    store: pick(db),
    close: async () => {
      await db.close()
      await folder.remove()
    },
  }
}

export const DOCUMENT_STORES: readonly StoreKind<DocumentStore>[] = [
  { name: 'LevelDocumentStore', open: () => openTempDatabase((db) => db.documents) },
  { name: 'MemoryDocumentStore', open: async () => ({ store: new MemoryDocumentStore(), close: async () => {} }) },
]

export const RECORD_STORES: readonly StoreKind<RecordStore>[] = [
  { name: 'LevelRecordStore', open: () => openTempDatabase((db) => db.records) },
  { name: 'MemoryRecordStore', open: async () => ({ store: new MemoryRecordStore(), close: async () => {} }) },
]

/** A document edited `count` times, with the update each edit produced. */
export function editDocument(count: number, doc = new Y.Doc()): { doc: Y.Doc; updates: Uint8Array[] } {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array): void => void updates.push(update)
  doc.on('update', onUpdate)
  for (let i = 0; i < count; i += 1) {
    doc.transact(() => {
      doc.getText('body').insert(doc.getText('body').length, `line ${i}\n`)
      doc.getMap('meta').set(`edit-${i}`, i)
    })
  }
  doc.off('update', onUpdate)
  return { doc, updates }
}

/** A new document with `updates` applied in order. */
export function rebuild(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

/** The parts of a document the tests compare: its text, its map and its state vector. */
export function contentOf(doc: Y.Doc): { body: string; meta: unknown; state: Uint8Array } {
  return { body: doc.getText('body').toString(), meta: doc.getMap('meta').toJSON(), state: Y.encodeStateVector(doc) }
}
