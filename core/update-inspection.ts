/**
 * Lists what one Yjs transaction changed, in schema terms: which values were
 * inserted where, and where something was deleted. The server applies a
 * client's update to a shadow copy of the document and checks this list
 * against the rules (update-rules.ts) before accepting it.
 *
 * A location is the root name, the map keys leading from the root to the
 * parent type, and the key within a map parent (null for an array element).
 */
import * as Y from 'yjs'

export type ChangeLocation = {
  readonly root: string
  readonly path: readonly string[]
  readonly key: string | null
}

export type Change =
  | { readonly kind: 'insert'; readonly location: ChangeLocation; readonly value: unknown }
  /** A nested shared type (map, array, text …) or other non-JSON content. */
  | { readonly kind: 'insert-structure'; readonly location: ChangeLocation; readonly content: string }
  | { readonly kind: 'delete'; readonly location: ChangeLocation }
  /** Part of the update builds on changes the document lacks, so it could not be inspected (or applied) yet. */
  | { readonly kind: 'pending' }

const ARRAY_ELEMENT = '[]'

function locate(item: Y.Item): ChangeLocation {
  const path: string[] = []
  let type = item.parent as Y.AbstractType<unknown>
  while (type._item !== null) {
    path.unshift(type._item.parentSub ?? ARRAY_ELEMENT)
    type = type._item.parent as Y.AbstractType<unknown>
  }
  return { root: Y.findRootTypeKey(type), path, key: item.parentSub }
}

/** Calls `visit` for every struct of `client` overlapping [from, to). */
function forEachStruct(doc: Y.Doc, client: number, from: number, to: number, visit: (struct: Y.Item | Y.GC) => void): void {
  const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC> | undefined
  if (!structs || structs.length === 0 || from >= to) return
  const last = structs[structs.length - 1]!
  if (from >= last.id.clock + last.length) return
  for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) visit(structs[i]!)
}

function inserted(item: Y.Item): Change[] {
  const location = locate(item)
  const content = item.content
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)
    return content.getContent().map((value: unknown) => ({ kind: 'insert', location, value }) as const)
  if (content instanceof Y.ContentDeleted) return []
  return [{ kind: 'insert-structure', location, content: content.constructor.name }]
}

/** Everything `transaction` inserted and deleted. Call from an `afterTransaction` handler. */
export function inspectTransaction(transaction: Y.Transaction): Change[] {
  const doc = transaction.doc
  const changes: Change[] = []
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    forEachStruct(doc, client, before, after, (struct) => {
      if (struct instanceof Y.Item) changes.push(...inserted(struct))
    })
  }
  for (const [client, ranges] of transaction.deleteSet.clients) {
    for (const range of ranges) {
      forEachStruct(doc, client, range.clock, range.clock + range.len, (struct) => {
        // Items created and deleted in this same transaction were already reported as inserted.
        if (struct instanceof Y.Item) changes.push({ kind: 'delete', location: locate(struct) })
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
