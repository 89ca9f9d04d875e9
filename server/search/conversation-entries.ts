/** A conversation document's messages and notes as index entries, read straight from the store. */
import { ConversationDoc } from '../../core/conversation-doc.js'
import { conversationDocName } from '../../core/doc-names.js'
import type { SearchEntry } from '../../core/search-hit.js'
import type { DocumentStore } from '../store/document-store.js'
import { readStored } from './stored-document.js'

export function conversationEntries(store: DocumentStore, id: string): Promise<SearchEntry[]> {
  return readStored(store, conversationDocName(id), (doc) => {
    const conversation = new ConversationDoc(doc)
    return [
      ...conversation.messages.toArray().map((m): SearchEntry => ({ kind: 'message', at: m.at, text: m.body })),
      ...conversation.notes.toArray().map((n): SearchEntry => ({ kind: 'note', at: n.at, text: n.body })),
    ]
  })
}
