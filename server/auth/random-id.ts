/** Random ids for conversations, messages, events and policies (base36, so they fit the document-name grammar). */
import { randomBytes, randomInt } from 'node:crypto'

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'

export function randomBase36(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += BASE36[randomInt(36)]
  return out
}

/** `prefix` + 16 base36 characters (about 82 bits), e.g. `c-k3j9x0…`. */
export function randomId(prefix: string, length = 16): string {
  return `${prefix}${randomBase36(length)}`
}

/** Lower-case hex, as carriers write message ids (`SM` + 32 hex digits). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}
