/**
 * What a client's update would change in a document, worked out without
 * applying it: the list of changes (update-change.ts) that applying it would
 * produce, so the server can check an update against its live document and
 * then integrate it once, or not at all.
 *
 * It follows Yjs 13.6's integration on the side. The update's structs are
 * taken in the order Yjs takes them (dependencies first); what the document
 * already holds is skipped; each new item is placed through its parent, or
 * else the parent of its origin or right origin, found in the document's
 * store or earlier in the update; a new map value is ordered among the key's
 * values as Yjs orders concurrent sets (map-key-list.ts), since only the
 * rightmost is the key's value and the others are deleted. Deletes are those
 * of the delete set, of the values a new map value replaces, of new values
 * that lose, and of everything inside a deleted type. Whatever depends on a
 * struct neither the document nor the update holds makes the update
 * `pending`, as Yjs would keep that part back.
 *
 * The document must hold nothing pending itself (the server never applies an
 * update with a pending part). Deletes and nested structures are listed once
 * per location: how many Yjs would list depends on how it happens to split
 * items while integrating, which says nothing about the update.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { HuddleError } from '../errors.js'
import { MapKeyList } from './map-key-list.js'
import type { DecodedUpdate } from './update-structs.js'
import { ARRAY_ELEMENT, insertedContent, locateItem, locateType, type Change, type ChangeLocation, type LocatedChange } from './update-change.js'

/** A struct of the update, as the preview integrates it. */
class Added {
  constructor(
    readonly struct: Y.Item | Y.GC,
    /** The first clock the document lacked; the struct's earlier part is skipped. */
    readonly clock: number,
    /** Null when Yjs would keep it as garbage: its parent is gone or is not a type. */
    readonly parent: Parent | null,
    readonly parentSub: string | null,
    readonly origin: Y.ID | null,
    readonly rightOrigin: Y.ID | null,
  ) {}

  get client(): number {
    return this.struct.id.client
  }

  get end(): number {
    return this.struct.id.clock + this.struct.length
  }
}

/** A type items are inserted into: one in the document, a root the document lacks, or one the update creates. */
type Parent = Y.AbstractType<unknown> | string | Added
/** Something that can be deleted: an item of the document or of the update. */
type Node = Y.Item | Added
type Reader = { i: number; refs: (Y.Item | Y.GC | Y.Skip)[] }

function isGone(struct: Y.Item | Y.GC | Added): boolean {
  return struct instanceof Y.GC || (struct instanceof Added && struct.parent === null)
}

function contentOf(node: Node): Y.Item['content'] | null {
  if (node instanceof Y.Item) return node.content
  return node.struct instanceof Y.Item ? node.struct.content : null
}

function parentRef(item: Y.Item): string | Y.ID | null {
  // Decoded items name their parent by root name or by id; Yjs types the field for integrated items.
  const parent: unknown = item.parent
  return typeof parent === 'string' || parent instanceof Y.ID ? parent : null
}

function malformed(id: Y.ID): HuddleError {
  return new HuddleError(
    'invalid',
    `The update refers to ${id.client}:${id.clock} of its own client before holding it; it was not made by Yjs. Reconnect so the client syncs from the start.`,
  )
}

class Preview {
  private readonly changes: Change[] = []
  private readonly listed = new Set<string>()
  private readonly added = new Map<number, Added[]>()
  /** The update's items per parent, for deleting everything inside a deleted type. */
  private readonly children = new Map<Parent, Added[]>()
  private readonly deleted = new Set<Node>()
  private readonly keyLists = new Map<Parent, Map<string, MapKeyList<Added>>>()
  private readonly typeLocations = new Map<Parent, { root: string; path: readonly string[] }>()
  private isPending = false

  constructor(private readonly doc: Y.Doc) {}

  result(): Change[] {
    return this.isPending ? [...this.changes, { kind: 'pending' }] : this.changes
  }

  /** Integrates the update's structs in Yjs' order (encoding.js `integrateStructs`). */
  integrateStructs(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): void {
    const readers = new Map<number, Reader>()
    for (const struct of structs) {
      const reader = readers.get(struct.id.client)
      if (reader) reader.refs.push(struct)
      else readers.set(struct.id.client, { i: 0, refs: [struct] })
    }
    // Higher client ids first, as Yjs does.
    let clients = [...readers.keys()].sort((a, b) => a - b)
    const nextReader = (): Reader | null => {
      while (clients.length > 0) {
        const reader = readers.get(clients[clients.length - 1]!)!
        if (reader.i < reader.refs.length) return reader
        clients.pop()
      }
      return null
    }
    const stack: (Y.Item | Y.GC)[] = []
    // What waits for a missing struct is kept back with the rest of its client's structs.
    const keepBack = (): void => {
      this.isPending = true
      for (const struct of stack) {
        const reader = readers.get(struct.id.client)
        if (reader) reader.i = reader.refs.length
        readers.delete(struct.id.client)
        clients = clients.filter((client) => client !== struct.id.client)
      }
      stack.length = 0
    }
    let current = nextReader()
    if (current === null) return
    let head = current.refs[current.i++]!
    for (;;) {
      if (!(head instanceof Y.Skip)) {
        const offset = this.state(head.id.client) - head.id.clock
        if (offset < 0) {
          stack.push(head)
          keepBack()
        } else {
          const missing = head instanceof Y.Item ? this.missingClient(head) : null
          if (missing !== null) {
            stack.push(head)
            const reader = readers.get(missing)
            if (!reader || reader.i === reader.refs.length) keepBack()
            else {
              head = reader.refs[reader.i++]!
              continue
            }
          } else if (offset === 0 || offset < head.length) this.integrate(head, offset)
        }
      }
      const popped = stack.pop()
      if (popped) head = popped
      else if (current !== null && current.i < current.refs.length) head = current.refs[current.i++]!
      else {
        current = nextReader()
        if (current === null) break
        head = current.refs[current.i++]!
      }
    }
  }

  /** Applies the update's delete set (DeleteSet.js `readAndApplyDeleteSet`). */
  applyDeleteSet(ds: ReturnType<typeof Y.decodeUpdate>['ds']): void {
    for (const [client, ranges] of ds.clients) {
      const state = this.state(client)
      for (const { clock, len } of ranges) {
        if (clock + len > state) this.isPending = true
        this.forEachStruct(client, clock, Math.min(clock + len, state), (struct) => {
          if (!isGone(struct)) this.delete(struct as Node)
        })
      }
    }
  }

  private state(client: number): number {
    const added = this.added.get(client)
    return added && added.length > 0 ? added[added.length - 1]!.end : Y.getState(this.doc.store, client)
  }

  /** The client of a struct `item` needs that neither the document nor the update so far holds (Item.getMissing). */
  private missingClient(item: Y.Item): number | null {
    const { client } = item.id
    const isMissing = (id: Y.ID | null): id is Y.ID => id !== null && id.client !== client && id.clock >= this.state(id.client)
    if (isMissing(item.origin)) return item.origin.client
    if (isMissing(item.rightOrigin)) return item.rightOrigin.client
    const parent = parentRef(item)
    if (parent instanceof Y.ID && isMissing(parent)) return parent.client
    return null
  }

  private forEachStruct(client: number, from: number, to: number, visit: (struct: Y.Item | Y.GC | Added) => void): void {
    const structs = this.doc.store.clients.get(client) ?? []
    const docState = Y.getState(this.doc.store, client)
    if (from < docState) for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) visit(structs[i]!)
    for (const added of this.added.get(client) ?? []) if (added.clock < to && added.end > from) visit(added)
  }

  private structAt(id: Y.ID): Y.Item | Y.GC | Added {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const structs = this.doc.store.clients.get(id.client)!
      return structs[Y.findIndexSS(structs, id.clock)]!
    }
    const list = this.added.get(id.client) ?? []
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const added = list[middle]!
      if (id.clock < added.clock) high = middle - 1
      else if (id.clock >= added.end) low = middle + 1
      else return added
    }
    throw malformed(id)
  }

  private typeOf(struct: Y.Item | Added): Parent | null {
    const content = contentOf(struct)
    if (!(content instanceof Y.ContentType)) return null
    return struct instanceof Y.Item ? (content.type as Y.AbstractType<unknown>) : struct
  }

  /** Where Yjs would put `item` (Item.getMissing's second half): its parent and key, or null for garbage. */
  private resolve(item: Y.Item): { parent: Parent | null; parentSub: string | null } {
    const left = item.origin === null ? null : this.structAt(item.origin)
    const right = item.rightOrigin === null ? null : this.structAt(item.rightOrigin)
    if ((left && isGone(left)) || (right && isGone(right))) return { parent: null, parentSub: item.parentSub }
    const parent = parentRef(item)
    if (parent === null) {
      const next = (left ?? right) as Node | null
      if (next === null) return { parent: null, parentSub: item.parentSub }
      return next instanceof Y.Item ? { parent: next.parent as Y.AbstractType<unknown>, parentSub: next.parentSub } : { parent: next.parent, parentSub: next.parentSub }
    }
    if (typeof parent === 'string') return { parent: (this.doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? parent, parentSub: item.parentSub }
    const parentItem = this.structAt(parent)
    return { parent: isGone(parentItem) ? null : this.typeOf(parentItem as Node), parentSub: item.parentSub }
  }

  private integrate(struct: Y.Item | Y.GC, offset: number): void {
    const { client } = struct.id
    const clock = struct.id.clock + offset
    const ofClient = this.added.get(client) ?? []
    this.added.set(client, ofClient)
    if (struct instanceof Y.GC) {
      ofClient.push(new Added(struct, clock, null, null, null, null))
      return
    }
    const { parent, parentSub } = this.resolve(struct)
    // Integrating from an offset, Yjs puts the item right after its client's previous clock.
    const origin = offset > 0 ? Y.createID(client, clock - 1) : struct.origin
    const added = new Added(struct, clock, parent, parentSub, origin, struct.rightOrigin)
    ofClient.push(added)
    if (parent === null) return
    const siblings = this.children.get(parent) ?? []
    siblings.push(added)
    this.children.set(parent, siblings)
    const location = this.locationOf(added)
    for (const change of insertedContent(location, struct.content, offset)) this.list(change)
    let isCurrent = true
    if (parentSub !== null) {
      const placement = this.keyList(parent, parentSub).place(added)
      isCurrent = placement.isCurrent
      if (placement.replaced) this.delete(placement.replaced)
    }
    if (struct.content instanceof Y.ContentDeleted || !isCurrent || this.isDeletedType(parent)) this.delete(added)
  }

  private keyList(parent: Parent, key: string): MapKeyList<Added> {
    let lists = this.keyLists.get(parent)
    if (!lists) this.keyLists.set(parent, (lists = new Map()))
    let list = lists.get(key)
    if (!list) lists.set(key, (list = new MapKeyList<Added>(parent instanceof Y.AbstractType ? (parent._map.get(key) ?? null) : null)))
    return list
  }

  private isDeleted(node: Node): boolean {
    return this.deleted.has(node) || (node instanceof Y.Item && node.deleted)
  }

  private isDeletedType(parent: Parent): boolean {
    if (parent instanceof Added) return this.isDeleted(parent)
    return typeof parent !== 'string' && parent._item !== null && this.isDeleted(parent._item)
  }

  /** Deletes `node` and, as Yjs does (ContentType.delete), whatever is still inside it. */
  private delete(node: Node): void {
    if (this.isDeleted(node)) return
    this.deleted.add(node)
    this.list({ kind: 'delete', location: this.locationOf(node) })
    const type = this.typeOf(node)
    if (type === null) return
    if (type instanceof Y.AbstractType) {
      for (let item = type._start; item !== null; item = item.right) this.delete(item)
      for (const item of type._map.values()) this.delete(item)
    }
    for (const child of this.children.get(type) ?? []) this.delete(child)
  }

  private locationOf(node: Node): ChangeLocation {
    if (node instanceof Y.Item) return locateItem(node)
    return { ...this.typeLocation(node.parent!), key: node.parentSub }
  }

  private typeLocation(parent: Parent): { root: string; path: readonly string[] } {
    let location = this.typeLocations.get(parent)
    if (location) return location
    if (typeof parent === 'string') location = { root: parent, path: [] }
    else if (parent instanceof Added) {
      const outer = this.typeLocation(parent.parent!)
      location = { root: outer.root, path: [...outer.path, parent.parentSub ?? ARRAY_ELEMENT] }
    } else location = locateType(parent)
    this.typeLocations.set(parent, location)
    return location
  }

  /** Adds a change; deletes and structures only once per location. */
  private list(change: LocatedChange): void {
    if (change.kind !== 'insert') {
      const { root, path, key } = change.location
      const id = JSON.stringify([change.kind, root, path, key, change.kind === 'insert-structure' ? change.content : null])
      if (this.listed.has(id)) return
      this.listed.add(id)
    }
    this.changes.push(change)
  }
}

/**
 * What applying `update` (version 1 encoding) to `doc` would change, without
 * applying it; throws an `invalid` HuddleError for an update Yjs would fail on
 * or never make. `decoded` is `update` decoded, when the caller has it already.
 */
export function previewChanges(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate = Y.decodeUpdate(update)): Change[] {
  const { structs, ds } = decoded
  // Yjs reads one list of structs per client and a client listed twice replaces its first
  // list; its encoders never do that, so such an update is refused rather than followed.
  const clients = new Set(structs.map((struct) => struct.id.client))
  if (decoding.readVarUint(decoding.createDecoder(update)) !== clients.size)
    throw new HuddleError('invalid', 'The update lists a client’s changes more than once; it was not made by Yjs. Reconnect so the client syncs from the start.')
  const preview = new Preview(doc)
  preview.integrateStructs(structs)
  preview.applyDeleteSet(ds)
  return preview.result()
}
