/**
 * Every struct an update carries, as the client ids and clock ranges it
 * writes: items, and also GC and Skip structs, which change no value and so
 * appear in no change list (update-change.ts) yet still take up a client's
 * clocks once integrated.
 */
import * as Y from 'yjs'

/** One struct of an update: `item` (content), `gc` (garbage-collected content) or `skip` (a gap). */
export type StructRange = { readonly kind: 'item' | 'gc' | 'skip'; readonly client: number; readonly clock: number; readonly length: number }

function kindOf(struct: Y.Item | Y.GC | Y.Skip): StructRange['kind'] {
  if (struct instanceof Y.Item) return 'item'
  return struct instanceof Y.GC ? 'gc' : 'skip'
}

/** An update as Yjs decodes it (version 1), decoded once for both this list and the preview. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** The structs of a decoded update, in the order it lists them. */
export function listStructs(decoded: DecodedUpdate): StructRange[] {
  return decoded.structs.map((struct) => ({ kind: kindOf(struct), client: struct.id.client, clock: struct.id.clock, length: struct.length }))
}

/** Per client id, the clock after the last struct listed of it: the end of the update's range there. */
export function endClocks(structs: readonly StructRange[]): Map<number, number> {
  const ends = new Map<number, number>()
  for (const { client, clock, length } of structs) ends.set(client, Math.max(ends.get(client) ?? 0, clock + length))
  return ends
}
