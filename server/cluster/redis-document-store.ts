/**
 * DocumentStore on Redis, shared by every node (docs/design.md, "Cluster
 * mode"): per document a log stream whose explicit ids make every append a
 * compare-and-append, a snapshot written with a check-and-set, and the
 * client ids bound. An append resolves only once Redis has answered it.
 * The entries other nodes append reach the rooms that follow the document
 * through the node's one log reader (log-reader.ts), which hands them to
 * `receive`.
 */
import { HuddleError } from '../../core/errors.js'
import type { DocumentStore, StoredDocument, StoredEntries } from '../store/document-store.js'
import { checkDocumentName, closedError } from '../store/store-checks.js'
import { afterId, entryFields, entryId, parseEntries, type LogEntry } from './log-entry.js'
import { REDIS_KEYS } from './redis-keys.js'
import type { RedisLink } from './redis-link.js'
import { fieldsOf } from './redis-reply.js'

/**
 * The compare-and-append: XADD at the explicit id ARGV[1] (Redis refuses an
 * id not above the stream's top) with the client ids bound, in one step, so
 * bindings are stored only with their update. When another node took the
 * id, answers `{0, entries after ARGV[8]}`, the catching up in the same
 * round trip; `{1, id}` once appended.
 */
const APPEND_SCRIPT = `
local added = redis.pcall('XADD', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
if type(added) == 'table' and added.err then
  if string.find(added.err, 'equal or smaller', 1, true) then return {0, redis.call('XRANGE', KEYS[1], '(' .. ARGV[8], '+')} end
  return added
end
for i = 9, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return {1, added}`

/** A snapshot replaces the stored one only if it covers more, and only what it covers is trimmed: no lock to expire. */
const COMPACT_SCRIPT = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if tonumber(ARGV[1]) <= stored then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'data', ARGV[2])
redis.call('XTRIM', KEYS[2], 'MINID', tostring(tonumber(ARGV[1]) + 1))
return 1`

/** How long an append is retried while Redis cannot be reached before it is reported failed (and the room reloaded). */
const APPEND_GIVE_UP_MS = 30_000

type Pending = { readonly update: Uint8Array; readonly owners: ReadonlyMap<number, string>; resolve(seq: number): void; reject(error: unknown): void }

/** A document this node holds: the last entry integrated into its room, and who hears the entries after it. */
type Followed = { last: number; readonly listeners: Set<(entries: StoredEntries) => void>; reloading: Promise<void> | null }

export class RedisDocumentStore implements DocumentStore {
  private readonly followed = new Map<string, Followed>()
  private readonly queues = new Map<string, Pending[]>()
  private readonly writing = new Map<string, Promise<void>>()
  private appendCount = 0
  private closed = false

  constructor(
    private readonly redis: RedisLink,
    /** This node's id, which tags its entries so its reader skips them. */
    private readonly node: string,
    /** Wakes the log reader when the set of documents followed changes. */
    private readonly onFollowChange: () => void,
    private readonly log: (line: string) => void,
  ) {}

  async load(name: string): Promise<StoredDocument> {
    checkDocumentName(name)
    if (this.closed) throw closedError('document store')
    // One transaction: a compaction in between cannot trim entries the snapshot read does not cover.
    const [snapshot, entries, owners] = await this.redis.transaction([
      ['HGETALL', REDIS_KEYS.snapshot(name)],
      ['XRANGE', REDIS_KEYS.log(name), '-', '+'],
      ['HGETALL', REDIS_KEYS.owners(name)],
    ])
    const snap = fieldsOf(snapshot)
    const snapSeq = Number(snap.get('seq')?.toString() ?? '0')
    const data = snap.get('data')
    const log = parseEntries(entries).filter((entry) => entry.seq > snapSeq)
    for (const entry of log) this.reportUnreadable(name, entry)
    const updates: Uint8Array[] = data ? [new Uint8Array(data.buffer, data.byteOffset, data.byteLength)] : []
    for (const entry of log) updates.push(...entry.updates)
    const bound = new Map<number, string>()
    for (const [client, user] of fieldsOf(owners)) bound.set(Number(client), user.toString())
    const lastSeq = log.length > 0 ? log[log.length - 1]!.seq : snapSeq
    return { updates, lastSeq, pending: lastSeq - snapSeq, owners: bound }
  }

  follow(name: string, fromSeq: number, onEntries: (entries: StoredEntries) => void): () => void {
    let followed = this.followed.get(name)
    if (!followed) {
      followed = { last: fromSeq, listeners: new Set(), reloading: null }
      this.followed.set(name, followed)
    }
    followed.listeners.add(onEntries)
    // Another room of this name (an epoch's successor) integrated further than this one loaded: give it everything.
    if (fromSeq < followed.last) void this.reload(name)
    this.onFollowChange()
    const state = followed
    return () => {
      state.listeners.delete(onEntries)
      if (state.listeners.size > 0 || this.followed.get(name) !== state) return
      this.followed.delete(name)
      this.onFollowChange()
    }
  }

  /** The documents followed and the last entry each has integrated: where the reader reads from. */
  cursors(): Array<{ readonly name: string; readonly last: number }> {
    return [...this.followed].filter(([, state]) => state.reloading === null).map(([name, state]) => ({ name, last: state.last }))
  }

  /**
   * Integrates entries read from `name`'s log, in order. Returns the entry
   * among them that `writer` appended, if any (an append whose answer was
   * lost). A gap (an entry past the next) reloads the document.
   */
  receive(name: string, entries: readonly LogEntry[], writer?: string): number | null {
    const state = this.followed.get(name)
    let mine: number | null = null
    for (const entry of entries) {
      if (writer !== undefined && entry.writer === writer) mine = entry.seq
      if (!state || state.reloading !== null || entry.seq <= state.last) continue
      if (entry.seq > state.last + 1) {
        this.log(`cluster: ${name} jumped from entry ${state.last} to ${entry.seq} (trimmed while this node was behind); reloading it.`)
        void this.reload(name)
        return mine
      }
      state.last = entry.seq
      this.reportUnreadable(name, entry)
      // This node's own entries are in its rooms already: they were applied before they were appended.
      if (entry.writer.startsWith(`${this.node}:`)) continue
      for (const listener of state.listeners) listener({ updates: entry.updates, owners: entry.owners, lastSeq: entry.seq })
    }
    return mine
  }

  private reportUnreadable(name: string, entry: LogEntry): void {
    if (entry.problem !== undefined) this.log(`cluster: entry ${entry.seq} of ${name} cannot be read and is skipped: ${entry.problem}.`)
  }

  /** Integrates the whole stored document into its rooms again (Yjs takes what they hold already as no change). */
  private reload(name: string): Promise<void> {
    const state = this.followed.get(name)
    if (!state) return Promise.resolve()
    state.reloading ??= (async () => {
      try {
        const stored = await this.load(name)
        state.last = Math.max(state.last, stored.lastSeq)
        for (const listener of state.listeners) listener({ updates: stored.updates, owners: stored.owners, lastSeq: stored.lastSeq })
      } catch (error) {
        this.log(`cluster: could not reload ${name}: ${error instanceof Error ? error.message : String(error)}; its reader tries again.`)
      } finally {
        state.reloading = null
        this.onFollowChange()
      }
    })()
    return state.reloading
  }

  append(name: string, update: Uint8Array, owners: ReadonlyMap<number, string> = new Map()): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      try {
        checkDocumentName(name)
        if (this.closed) throw closedError('document store')
      } catch (error) {
        reject(error)
        return
      }
      const queue = this.queues.get(name) ?? []
      queue.push({ update, owners, resolve, reject })
      this.queues.set(name, queue)
      if (!this.writing.has(name)) this.writing.set(name, this.drain(name))
    })
  }

  /** One append in flight per document; what queues meanwhile shares the next entry. */
  private async drain(name: string): Promise<void> {
    // Wait a turn, so updates read from sockets together share an entry.
    await new Promise((resolve) => setImmediate(resolve))
    for (;;) {
      const batch = this.queues.get(name) ?? []
      this.queues.delete(name)
      if (batch.length === 0) break
      try {
        const owners = new Map(batch.flatMap((item) => [...item.owners]))
        const seq = await this.appendEntry(
          name,
          batch.map((item) => item.update),
          owners,
        )
        for (const item of batch) item.resolve(seq)
      } catch (error) {
        for (const item of batch) item.reject(error)
      }
    }
    this.writing.delete(name)
  }

  /** Appends one entry at the next free id, catching up and retrying when another node took it. */
  private async appendEntry(name: string, updates: readonly Uint8Array[], owners: ReadonlyMap<number, string>): Promise<number> {
    const writer = `${this.node}:${++this.appendCount}`
    const ownerArgs = [...owners].flatMap(([client, user]) => [String(client), user])
    const deadline = Date.now() + APPEND_GIVE_UP_MS
    let last = await this.lastOf(name)
    for (let attempt = 0; ; attempt += 1) {
      const seq = last + 1
      let reply: unknown
      try {
        reply = await this.redis.call(['EVAL', APPEND_SCRIPT, '2', REDIS_KEYS.log(name), REDIS_KEYS.owners(name), entryId(seq), ...entryFields(updates, owners, writer), afterId(last), ...ownerArgs])
      } catch (error) {
        // The answer was lost (a cut connection): the entry may be stored. Wait, then look for it.
        if (this.closed || Date.now() > deadline)
          throw new HuddleError('storage', `Could not append to \`${name}\` in Redis: ${error instanceof Error ? error.message : String(error)}. Check that Redis is up.`)
        await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** attempt, 100)))
        const caught = await this.catchUp(name, last, writer).catch(() => null)
        if (caught?.mine !== null && caught?.mine !== undefined) return caught.mine
        last = caught?.last ?? last
        continue
      }
      const [isAppended, rest] = Array.isArray(reply) ? reply : []
      if (Number(isAppended) === 1) {
        const state = this.followed.get(name)
        if (state) state.last = Math.max(state.last, seq)
        return seq
      }
      // Another node took the id: integrate what it appended (sent back with the refusal) and try after it.
      const entries = parseEntries(rest)
      this.receive(name, entries, writer)
      const top = entries.length > 0 ? entries[entries.length - 1]!.seq : null
      // Nothing after ours, yet the id was taken: trimmed past us while we were behind, so read the document again.
      if (top === null) await this.reload(name)
      last = Math.max(top ?? 0, await this.lastOf(name))
    }
  }

  /** The last entry of `name` this node has integrated, or for a document it does not hold, the last stored. */
  private async lastOf(name: string): Promise<number> {
    const state = this.followed.get(name)
    if (state) return state.last
    const [top, snapSeq] = await this.redis.transaction([
      ['XREVRANGE', REDIS_KEYS.log(name), '+', '-', 'COUNT', '1'],
      ['HGET', REDIS_KEYS.snapshot(name), 'seq'],
    ])
    const [entry] = parseEntries(top)
    return Math.max(entry?.seq ?? 0, Number(snapSeq?.toString() ?? '0'))
  }

  /** Reads and integrates the entries after `after`; says whether `writer`'s is among them and how far the log now goes. */
  private async catchUp(name: string, after: number, writer: string): Promise<{ mine: number | null; last: number }> {
    const entries = parseEntries(await this.redis.call(['XRANGE', REDIS_KEYS.log(name), `(${afterId(after)}`, '+']))
    const mine = this.receive(name, entries, writer)
    const state = this.followed.get(name)
    const top = entries.length > 0 ? entries[entries.length - 1]!.seq : after
    return { mine, last: state ? Math.max(state.last, top) : Math.max(top, await this.lastOf(name)) }
  }

  async compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    checkDocumentName(name)
    if (this.closed) throw closedError('document store')
    await this.redis.call(['EVAL', COMPACT_SCRIPT, '2', REDIS_KEYS.snapshot(name), REDIS_KEYS.log(name), String(throughSeq), Buffer.from(snapshot)])
  }

  async remove(name: string): Promise<void> {
    checkDocumentName(name)
    await this.redis.call(['DEL', REDIS_KEYS.log(name), REDIS_KEYS.snapshot(name), REDIS_KEYS.owners(name)])
  }

  /** Waits for the appends in flight; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.writing.values()])
  }
}
