/**
 * One entry of a document's log stream (docs/design.md, "Cluster mode"):
 * id `<seq>-0`, fields `u` the updates (an update group), `o` the client ids
 * they bind (JSON pairs), `n` who appended it (`<node>:<append>`). Also the
 * parsing of Redis's stream replies into entries, checked once here.
 */
import { decodeUpdateGroup, encodeUpdateGroup } from '../store/update-group.js'
import type { RedisArgs } from './redis-link.js'
import { bufferOf } from './redis-reply.js'

export type LogEntry = {
  readonly seq: number
  readonly updates: readonly Uint8Array[]
  readonly owners: ReadonlyMap<number, string>
  /** `<node>:<append>`: which node appended it, and which of its appends. */
  readonly writer: string
  /** Why the entry could not be read: it then carries no updates, and still counts in the sequence. */
  readonly problem?: string
}

/** The stream id of entry `seq`. */
export const entryId = (seq: number): string => `${seq}-0`

/**
 * The greatest stream id within `seq`, from which to read what comes after
 * it: an entry some other writer added at `<seq>-<n>` is then read once, not
 * returned by every later read.
 */
export const afterId = (seq: number): string => `${seq}-18446744073709551615`

/** The fields of an entry, as XADD arguments. */
export function entryFields(updates: readonly Uint8Array[], owners: ReadonlyMap<number, string>, writer: string): RedisArgs {
  return ['u', Buffer.from(encodeUpdateGroup(updates)), 'o', JSON.stringify([...owners]), 'n', writer]
}

/**
 * The entries of an XRANGE reply (`[[id, [field, value, …]], …]`). One
 * entry that cannot be read never stops the others (y-redis stopped all
 * fan-out on one bad id): it comes back with its problem and no updates.
 */
export function parseEntries(reply: unknown): LogEntry[] {
  if (!Array.isArray(reply)) return []
  return reply.flatMap((raw: unknown) => {
    const id = Array.isArray(raw) ? String(raw[0]) : ''
    const match = /^(\d+)-(\d+)$/.exec(id)
    if (!match) return []
    const seq = Number(match[1])
    try {
      if (match[2] !== '0') throw new Error(`the id \`${id}\` was not written by huddle`)
      return [parseEntry(seq, raw)]
    } catch (error) {
      return [{ seq, updates: [], owners: new Map(), writer: '', problem: error instanceof Error ? error.message : String(error) }]
    }
  })
}

/** The raw entries per stream key of an XREAD reply (RESP2 pairs or a RESP3 map), none on a timeout. */
export function streamsOf(reply: unknown): Map<string, unknown> {
  const streams = new Map<string, unknown>()
  if (reply === null || reply === undefined || typeof reply !== 'object') return streams
  const pairs: Array<[unknown, unknown]> = reply instanceof Map ? [...reply] : Array.isArray(reply) ? reply.map((pair) => (Array.isArray(pair) ? [pair[0], pair[1]] : [null, null])) : Object.entries(reply)
  for (const [key, entries] of pairs) streams.set(String(key), entries)
  return streams
}

function parseEntry(seq: number, raw: unknown): LogEntry {
  if (!Array.isArray(raw) || raw.length !== 2 || !Array.isArray(raw[1])) throw new Error('it is not [id, fields]')
  const fields = new Map<string, Buffer>()
  const list = raw[1] as unknown[]
  for (let i = 0; i + 1 < list.length; i += 2) fields.set(String(list[i]), bufferOf(list[i + 1]))
  const updates = fields.get('u')
  if (!updates) throw new Error('it has no updates')
  const owners = JSON.parse(fields.get('o')?.toString() ?? '[]') as unknown
  if (!Array.isArray(owners) || !owners.every((pair) => Array.isArray(pair) && typeof pair[0] === 'number' && typeof pair[1] === 'string'))
    throw new Error('its client ids cannot be read')
  return {
    seq,
    updates: decodeUpdateGroup(new Uint8Array(updates.buffer, updates.byteOffset, updates.byteLength)),
    owners: new Map(owners as Array<[number, string]>),
    writer: fields.get('n')?.toString() ?? '',
  }
}
