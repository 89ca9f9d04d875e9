/**
 * RecordStore on Redis, shared by every node: values (JSON text) in one
 * hash, keys in a sorted set at score 0 so that ZRANGEBYLEX lists them in
 * the bytewise order LevelDB keeps. A batch is one MULTI; after one that
 * wrote a record other nodes keep in memory or judge sessions by (the
 * directory, credentials), the node tells them (`huddle:records-changed`)
 * and they read it again (cluster-storage.ts).
 */
import type { RecordOp, RecordStore } from '../store/record-store.js'
import { closedError, encodeRecordOps, readError, writeError, type EncodedRecordOp } from '../store/store-checks.js'
import { REDIS_KEYS } from './redis-keys.js'
import type { RedisArgs, RedisLink } from './redis-link.js'

/** The batch only when the record ARGV[1] is absent; then `p key value` and `d key` operations. KEYS: the values, the keys. */
const BATCH_IF_ABSENT_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
local i = 2
while i <= #ARGV do
  if ARGV[i] == 'p' then
    redis.call('HSET', KEYS[1], ARGV[i + 1], ARGV[i + 2])
    redis.call('ZADD', KEYS[2], 0, ARGV[i + 1])
    i = i + 3
  else
    redis.call('HDEL', KEYS[1], ARGV[i + 1])
    redis.call('ZREM', KEYS[2], ARGV[i + 1])
    i = i + 2
  end
end
return 1`

/** Sorts after every key with the prefix: the byte 0xFF never occurs in UTF-8. */
const END = Buffer.from([0xff])

export class RedisRecordStore implements RecordStore {
  private closed = false

  constructor(
    private readonly redis: RedisLink,
    /** Which records other nodes must hear of when they change. */
    private readonly isWatched: (key: string) => boolean,
    /** Called after a batch that changed a watched record, to tell the other nodes. */
    private readonly onWatchedWritten: () => void,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    this.assertOpen()
    const value = await this.read(`read record \`${key}\``, ['HGET', REDIS_KEYS.records, key])
    return value === null || value === undefined ? undefined : (JSON.parse(String(value)) as T)
  }

  async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    this.assertOpen()
    const keys = await this.read(`list records under \`${prefix}\``, ['ZRANGEBYLEX', REDIS_KEYS.recordKeys, `[${prefix}`, Buffer.concat([Buffer.from(`(${prefix}`), END])])
    return this.values(prefix, keys)
  }

  async listBackward<T>(prefix: string, below: string | null, limit: number): Promise<Array<{ key: string; value: T }>> {
    this.assertOpen()
    const top = below === null ? Buffer.concat([Buffer.from(`(${prefix}`), END]) : `(${below}`
    const keys = await this.read(`list records under \`${prefix}\``, ['ZREVRANGEBYLEX', REDIS_KEYS.recordKeys, top, `[${prefix}`, 'LIMIT', '0', String(limit)])
    return this.values(prefix, keys)
  }

  async batch(ops: readonly RecordOp[]): Promise<void> {
    this.assertOpen()
    const encoded = encodeRecordOps(ops)
    if (encoded.length === 0) return
    try {
      await this.redis.transaction(encoded.flatMap(commandsOf))
    } catch (error) {
      throw writeError(`write ${ops.length} record(s)`, error)
    }
    this.told(ops)
  }

  async batchIfAbsent(key: string, ops: readonly RecordOp[]): Promise<boolean> {
    this.assertOpen()
    const args = encodeRecordOps(ops).flatMap((op) => (op.type === 'put' ? ['p', op.key, op.value] : ['d', op.key]))
    let applied: unknown
    try {
      applied = await this.redis.call(['EVAL', BATCH_IF_ABSENT_SCRIPT, '2', REDIS_KEYS.records, REDIS_KEYS.recordKeys, key, ...args])
    } catch (error) {
      throw writeError(`write ${ops.length} record(s)`, error)
    }
    const created = Number(applied) === 1
    if (created) this.told(ops)
    return created
  }

  private told(ops: readonly RecordOp[]): void {
    if (ops.some((op) => this.isWatched(op.key))) this.onWatchedWritten()
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private async values<T>(prefix: string, keys: unknown): Promise<Array<{ key: string; value: T }>> {
    const names = Array.isArray(keys) ? keys.map(String) : []
    if (names.length === 0) return []
    const values = await this.read(`list records under \`${prefix}\``, ['HMGET', REDIS_KEYS.records, ...names])
    const list = Array.isArray(values) ? values : []
    // A key listed but deleted before its value was read is left out, as if listed a moment later.
    return names.flatMap((key, i) => (list[i] === null || list[i] === undefined ? [] : [{ key, value: JSON.parse(String(list[i])) as T }]))
  }

  private async read(what: string, args: RedisArgs): Promise<unknown> {
    try {
      return await this.redis.call(args)
    } catch (error) {
      throw readError(what, error)
    }
  }

  private assertOpen(): void {
    if (this.closed) throw closedError('record store')
  }
}

function commandsOf(op: EncodedRecordOp): RedisArgs[] {
  return op.type === 'put'
    ? [
        ['HSET', REDIS_KEYS.records, op.key, op.value],
        ['ZADD', REDIS_KEYS.recordKeys, '0', op.key],
      ]
    : [
        ['HDEL', REDIS_KEYS.records, op.key],
        ['ZREM', REDIS_KEYS.recordKeys, op.key],
      ]
}
