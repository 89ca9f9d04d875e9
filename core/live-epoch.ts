/**
 * Rotating a live inbox document to its next epoch: a fresh document holding
 * only the conversations that stay live, each with its summary and its
 * events unchanged (same ids and stamps, so every fold gives the same
 * result). Its items have new client ids, so it shares nothing with the old
 * epoch's tombstones — and must never be merged with an old replica.
 */
import * as Y from 'yjs'
import { InboxDoc } from './inbox-doc.js'

/** The next epoch of `old` holding the conversations `isKept` accepts, as one Yjs update. */
export function nextEpochUpdate(old: Y.Doc, isKept: (conversationId: string) => boolean): Uint8Array {
  const from = new InboxDoc(old)
  const fresh = new Y.Doc()
  try {
    const next = new InboxDoc(fresh)
    fresh.transact(() => {
      next.markEpoch(from.epoch() + 1)
      for (const id of from.ids()) {
        const summary = from.summary(id)
        if (summary && isKept(id)) next.addConversation(summary, from.events(id))
      }
    })
    return Y.encodeStateAsUpdate(fresh)
  } finally {
    fresh.destroy()
  }
}
