/**
 * Several updates of one document stored as one record, so a synced batch
 * that carries a burst of updates writes one key per document, not one per
 * update. Layout: u32 count, then per update u32 length and its bytes (big-endian).
 */

export function encodeUpdateGroup(updates: readonly Uint8Array[]): Uint8Array {
  const size = 4 + updates.reduce((sum, update) => sum + 4 + update.byteLength, 0)
  const bytes = new Uint8Array(size)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, updates.length)
  let offset = 4
  for (const update of updates) {
    view.setUint32(offset, update.byteLength)
    bytes.set(update, offset + 4)
    offset += 4 + update.byteLength
  }
  return bytes
}

/** The updates of a group record; throws on a record that is not one. */
export function decodeUpdateGroup(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint32(0)
  const updates: Uint8Array[] = []
  let offset = 4
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(offset)
    if (offset + 4 + length > bytes.byteLength) throw new Error('an update group record is truncated')
    updates.push(bytes.subarray(offset + 4, offset + 4 + length))
    offset += 4 + length
  }
  return updates
}
