/**
 * Lists what one Yjs transaction changed, observed after the fact: which
 * values were inserted where, and where something was deleted. This is the
 * reference the server's preview (update-preview.ts), which works the same
 * list out without applying the update, is tested against.
 */
import * as Y from 'yjs'
import { insertedContent, locateItem, type Change } from './update-change.js'

/** Calls `visit` for every struct of `client` overlapping [from, to). */
function forEachStruct(doc: Y.Doc, client: number, from: number, to: number, visit: (struct: Y.Item | Y.GC) => void): void {
  const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC> | undefined
  if (!structs || structs.length === 0 || from >= to) return
  const last = structs[structs.length - 1]!
  if (from >= last.id.clock + last.length) return
  for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) visit(structs[i]!)
}

/** Everything `transaction` inserted and deleted. Call from an `afterTransaction` handler. */
export function inspectTransaction(transaction: Y.Transaction): Change[] {
  const doc = transaction.doc
  const changes: Change[] = []
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    forEachStruct(doc, client, before, after, (struct) => {
      if (struct instanceof Y.Item) changes.push(...insertedContent(locateItem(struct), struct.content))
    })
  }
  for (const [client, ranges] of transaction.deleteSet.clients) {
    for (const range of ranges) {
      forEachStruct(doc, client, range.clock, range.clock + range.len, (struct) => {
        // Items created and deleted in this same transaction were already reported as inserted.
        if (struct instanceof Y.Item) changes.push({ kind: 'delete', location: locateItem(struct) })
      })
    }
  }
  return changes
}

function pendingSize(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0)
}

/** Applies `update` to `doc` and returns what it changed. */
export function applyAndInspect(doc: Y.Doc, update: Uint8Array, origin: unknown): Change[] {
  let changes: Change[] = []
  const capture = (transaction: Y.Transaction): void => {
    changes = inspectTransaction(transaction)
  }
  const pendingBefore = pendingSize(doc)
  doc.on('afterTransaction', capture)
  try {
    Y.applyUpdate(doc, update, origin)
  } finally {
    doc.off('afterTransaction', capture)
  }
  // Yjs keeps what it cannot integrate yet and integrates it silently in a later
  // transaction, which would then be checked against someone else's update.
  if (pendingSize(doc) > pendingBefore) changes = [...changes, { kind: 'pending' }]
  return changes
}
