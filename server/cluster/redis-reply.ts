/** Reading the shapes of Redis replies the node uses, whichever form the client hands them in. */

/** A hash or a field list (HGETALL, CONFIG GET): an object, a Map or a flat `[field, value, …]` list. */
export function fieldsOf(reply: unknown): Map<string, Buffer> {
  const fields = new Map<string, Buffer>()
  if (reply === null || reply === undefined) return fields
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), bufferOf(reply[i + 1]))
    return fields
  }
  const pairs = reply instanceof Map ? [...reply] : Object.entries(reply as object)
  for (const [key, value] of pairs) fields.set(String(key), bufferOf(value))
  return fields
}

export function bufferOf(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value))
}
