/**
 * A change a client's update makes to a document, in schema terms: which
 * values it inserts where, and where it deletes something. The server works
 * these out before accepting an update (update-preview.ts) and checks them
 * against the rules (update-rules.ts).
 *
 * A location is the root name, the map keys leading from the root to the
 * parent type (`[]` for an array element on the way), and the key within a
 * map parent (null for an array element).
 */
import * as Y from 'yjs'
import { readPlainValue, type PlainValue } from '../plain-value.js'

export type ChangeLocation = {
  readonly root: string
  readonly path: readonly string[]
  readonly key: string | null
}

export type Change =
  /** `value` is plain data (plain-value.ts): rules read it, never the decoded object. */
  | { readonly kind: 'insert'; readonly location: ChangeLocation; readonly value: PlainValue }
  /** A value that is not plain data (a `__proto__` key, binary, `undefined` …), with what is wrong with it. */
  | { readonly kind: 'insert-unreadable'; readonly location: ChangeLocation; readonly problem: string }
  /** A nested shared type (map, array, text …) or other non-JSON content. */
  | { readonly kind: 'insert-structure'; readonly location: ChangeLocation; readonly content: string }
  | { readonly kind: 'delete'; readonly location: ChangeLocation }
  /** Part of the update builds on changes the document lacks, so it could not be inspected (or applied) yet. */
  | { readonly kind: 'pending' }

/** A change with a place in the document: anything but `pending`. */
export type LocatedChange = Exclude<Change, { readonly kind: 'pending' }>

/** The path step for an element of an array. */
export const ARRAY_ELEMENT = '[]'

/** Where a type integrated in a document sits: its root and the path of keys to it. */
export function locateType(type: Y.AbstractType<unknown>): { root: string; path: string[] } {
  const path: string[] = []
  while (type._item !== null) {
    path.unshift(type._item.parentSub ?? ARRAY_ELEMENT)
    type = type._item.parent as Y.AbstractType<unknown>
  }
  return { root: Y.findRootTypeKey(type), path }
}

/** Where an item integrated in a document sits. */
export function locateItem(item: Y.Item): ChangeLocation {
  return { ...locateType(item.parent as Y.AbstractType<unknown>), key: item.parentSub }
}

/** What inserting `content` at `location` changes, leaving out its first `offset` elements (already in the document). */
export function insertedContent(location: ChangeLocation, content: Y.Item['content'], offset = 0): LocatedChange[] {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)
    return content
      .getContent()
      .slice(offset)
      .map((value: unknown) => insertedValue(location, value))
  if (content instanceof Y.ContentDeleted) return []
  return [{ kind: 'insert-structure', location, content: content.constructor.name }]
}

/**
 * The one place where values decoded from an update leave this folder: as a
 * plain copy, or as the reason there is none. lib0 decodes a `__proto__` key
 * into the object's prototype, where a reader would find an inherited field
 * that the shape checks, the encoder and every replica do not see.
 */
function insertedValue(location: ChangeLocation, value: unknown): LocatedChange {
  const reading = readPlainValue(value)
  return reading.ok ? { kind: 'insert', location, value: reading.value } : { kind: 'insert-unreadable', location, problem: reading.problem }
}
