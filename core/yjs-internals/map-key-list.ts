/**
 * The list Yjs keeps behind one key of a map: every value ever set there, in
 * the order its conflict resolution (YATA) gives concurrent sets, the
 * rightmost being the key's value. This is a copy on the side, built lazily
 * from the document's items and extended with values an update would add, so
 * that the preview (update-preview.ts) knows which new value would win
 * without integrating anything.
 */
import * as Y from 'yjs'
import { HuddleError } from '../errors.js'

/** A value of the key the document does not hold yet. */
export type NewEntry = {
  readonly client: number
  readonly clock: number
  readonly end: number
  readonly origin: Y.ID | null
  readonly rightOrigin: Y.ID | null
}

/** Part of a value's item: Yjs splits items where a new item's origin points inside them. */
type Piece<E> = {
  readonly node: Y.Item | E
  readonly client: number
  readonly from: number
  readonly to: number
  readonly origin: Y.ID | null
  readonly rightOrigin: Y.ID | null
}

function pieceOf<E extends NewEntry>(node: Y.Item | E): Piece<E> {
  if (node instanceof Y.Item) {
    const { client, clock } = node.id
    return { node, client, from: clock, to: clock + node.length, origin: node.origin, rightOrigin: node.rightOrigin }
  }
  return { node, client: node.client, from: node.clock, to: node.end, origin: node.origin, rightOrigin: node.rightOrigin }
}

function isSameId(a: Y.ID | null, b: Y.ID | null): boolean {
  return a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock)
}

function holds(piece: Piece<unknown>, id: Y.ID): boolean {
  return piece.client === id.client && piece.from <= id.clock && id.clock < piece.to
}

/** What placing a new value did: whether it is now the key's value, and the value it replaced. */
export type Placement<E> = { readonly isCurrent: boolean; readonly replaced: Y.Item | E | null }

/** One key's list of values, as far as the preview has needed to look into it. */
export class MapKeyList<E extends NewEntry> {
  /** The list from some item to its end; it only grows to the left when a lookup needs it. */
  private readonly pieces: Piece<E>[] = []
  private isComplete: boolean

  /** `current` is the item the document holds as the key's value (the list's last), or null for a key never set. */
  constructor(current: Y.Item | null) {
    if (current !== null) this.pieces.push(pieceOf<E>(current))
    this.isComplete = current === null
  }

  /** Places `entry` as Yjs integrates a map value with this origin and right origin. */
  place(entry: E): Placement<E> {
    const leftPiece = entry.origin === null ? null : this.splitAfter(entry.origin)
    const rightPiece = entry.rightOrigin === null ? null : this.splitBefore(entry.rightOrigin)
    if (leftPiece === null) this.extendToStart()
    let left = leftPiece === null ? -1 : this.pieces.indexOf(leftPiece)
    const right = rightPiece === null ? -1 : this.pieces.indexOf(rightPiece)
    const leftsRight = left >= 0 ? (this.pieces[left + 1] ?? null) : null
    if ((left < 0 && (rightPiece === null || right > 0)) || (left >= 0 && leftsRight !== rightPiece)) {
      // Yjs' conflict resolution (Item.integrate), step for step.
      const conflicting = new Set<Piece<E>>()
      const beforeOrigin = new Set<Piece<E>>()
      const has = (set: Set<Piece<E>>, id: Y.ID): boolean => [...set].some((piece) => holds(piece, id))
      for (let o = left + 1; o < this.pieces.length && this.pieces[o] !== rightPiece; o++) {
        const piece = this.pieces[o]!
        beforeOrigin.add(piece)
        conflicting.add(piece)
        if (isSameId(entry.origin, piece.origin)) {
          if (piece.client < entry.client) {
            left = o
            conflicting.clear()
          } else if (isSameId(entry.rightOrigin, piece.rightOrigin)) break
        } else if (piece.origin !== null && has(beforeOrigin, piece.origin)) {
          if (!has(conflicting, piece.origin)) {
            left = o
            conflicting.clear()
          }
        } else break
      }
    }
    this.pieces.splice(left + 1, 0, pieceOf(entry))
    const isCurrent = left + 2 === this.pieces.length
    return { isCurrent, replaced: isCurrent && left >= 0 ? this.pieces[left]!.node : null }
  }

  /** The piece ending at `id`, split off the rest of its item if needed. */
  private splitAfter(id: Y.ID): Piece<E> {
    const index = this.indexHolding(id)
    const piece = this.pieces[index]!
    if (id.clock + 1 === piece.to) return piece
    const [head] = this.split(index, id.clock + 1)
    return head
  }

  /** The piece starting at `id`, split off the rest of its item if needed. */
  private splitBefore(id: Y.ID): Piece<E> {
    const index = this.indexHolding(id)
    const piece = this.pieces[index]!
    if (id.clock === piece.from) return piece
    const [, tail] = this.split(index, id.clock)
    return tail
  }

  private split(index: number, at: number): [Piece<E>, Piece<E>] {
    const piece = this.pieces[index]!
    const head = { ...piece, to: at }
    const tail = { ...piece, from: at, origin: Y.createID(piece.client, at - 1) }
    this.pieces.splice(index, 1, head, tail)
    return [head, tail]
  }

  private indexHolding(id: Y.ID): number {
    for (;;) {
      for (let i = this.pieces.length - 1; i >= 0; i--) if (holds(this.pieces[i]!, id)) return i
      if (!this.extendLeft())
        throw new HuddleError('invalid', `The update places a map value next to ${id.client}:${id.clock}, which is not a value of that key; it was not made by Yjs. Reconnect so the client syncs from the start.`)
    }
  }

  private extendToStart(): void {
    while (this.extendLeft());
  }

  /** Adds the item left of the first known one; false once the list is whole. */
  private extendLeft(): boolean {
    // New entries are only ever placed after a known piece (or into a whole list), so
    // the first piece is the document's, and so is everything left of it.
    const first = this.pieces[0]?.node
    if (this.isComplete || !(first instanceof Y.Item) || first.left === null) {
      this.isComplete = true
      return false
    }
    this.pieces.unshift(pieceOf<E>(first.left))
    return true
  }
}
