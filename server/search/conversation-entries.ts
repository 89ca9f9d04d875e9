/** A conversation document's messages and notes as index entries, read straight from the store. */
import * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { conversationDocName } from '../../core/doc-names.js'
import type { DocumentStore } from '../store/document-store.js'
import type { SearchEntry } from '../../core/search-hit.js'

export async function conversationEntries(store: DocumentStore, id: string): Promise<SearchEntry[]> {
  const stored = await store.load(conversationDocName(id))
  const doc = new Y.Doc()
  try {
    Y.transact(doc, () => {
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    const conversation = new ConversationDoc(doc)
    return [
      ...conversation.messages.toArray().map((m): SearchEntry => ({ kind: 'message', at: m.at, text: m.body })),
      ...conversation.notes.toArray().map((n): SearchEntry => ({ kind: 'note', at: n.at, text: n.body })),
    ]
  } finally {
    doc.destroy()
  }
}
