/**
 * DocumentStore on LevelDB, in the `documents` sublevel. Keys of one document:
 *
 *   <name>\0s<seq16>   the snapshot, covering updates 1..seq
 *   <name>\0u<seq16>   the updates appended in one batch, the last of them numbered seq
 *   <name>\0c<id10>    the user id bound to client id `id` (zero-padded to 10 digits)
 *
 * `seq16` is the sequence number zero-padded to 16 digits, so key order is
 * sequence order and the snapshot sorts before the updates. Every document's
 * keys lie in [`<name>\0`, `<name>\x01`), a range no other name reaches.
 */
import type { LevelHandle } from './level-handle.js'
import type { DocumentStore, StoredDocument } from './document-store.js'
import { decodeUpdateGroup, encodeUpdateGroup } from './update-group.js'
import { checkCompaction, checkDocumentName, closedError, readError, writeError } from './store-checks.js'

type Queued =
  | {
      readonly kind: 'append'
      readonly name: string
      readonly update: Uint8Array
      readonly owners: ReadonlyMap<number, string>
      resolve(seq: number): void
      reject(error: unknown): void
    }
  | { readonly kind: 'compact'; readonly name: string; readonly snapshot: Uint8Array; readonly throughSeq: number; resolve(): void; reject(error: unknown): void }
  | { readonly kind: 'remove'; readonly name: string; resolve(): void; reject(error: unknown): void }

/** Where a document's keys stand: `snapshotSeq` null when it has no snapshot; the client ids bound. */
type DocState = { snapshotSeq: number | null; lastSeq: number; readonly owners: Set<number> }

type Op = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string }

/** Counters of the group commit: updates stored and synced batches written. */
export type DocumentStoreStats = { readonly appends: number; readonly batches: number }

const SEQ_WIDTH = 16

/**
 * The least time between the starts of two synced batches. A synced write of
 * one small update costs about 130 µs of CPU time (LevelDB and the kernel,
 * 90 µs of it the sync) however little it carries, so a stream of updates a
 * millisecond apart paid it for nearly every update; two milliseconds share
 * it among a few, at the price of at most that much more latency.
 */
const BATCH_SPACING_MS = 2

const seqKey = (name: string, kind: 's' | 'u', seq: number): string => `${name}\0${kind}${String(seq).padStart(SEQ_WIDTH, '0')}`
const ownerKey = (name: string, client: number): string => `${name}\0c${String(client).padStart(10, '0')}`

/**
 * Appends, compactions and removals all go through one queue, flushed as one
 * synced batch at a time, so they apply in the order they were called and
 * many appends share one fsync. Closing it leaves the database open.
 */
export class LevelDocumentStore implements DocumentStore {
  private readonly documents
  private readonly states = new Map<string, DocState>()
  private queue: Queued[] = []
  private draining: Promise<void> | null = null
  private closed = false
  private appends = 0
  private batches = 0
  /** When the last synced batch was started (performance.now()). */
  private lastFlushAt = Number.NEGATIVE_INFINITY

  constructor(private readonly handle: LevelHandle) {
    this.documents = handle.adopt(handle.db.sublevel<string, Uint8Array>('documents', { valueEncoding: 'view' }))
  }

  async load(name: string): Promise<StoredDocument> {
    checkDocumentName(name)
    if (this.closed) throw closedError('document store')
    const updates: Uint8Array[] = []
    let lastSeq = 0
    let pending = 0
    const owners = new Map<number, string>()
    try {
      await this.handle.read(async () => {
        // One iterator reads one consistent view, so a compaction landing
        // mid-load cannot pair an old snapshot with already-trimmed updates.
        for await (const [key, value] of this.documents.iterator({ gte: `${name}\0`, lt: `${name}\x01` })) {
          // A plain view over the same bytes: Node hands back Buffers, which
          // compare unequal to the Uint8Arrays the in-memory store returns.
          const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
          const kind = key[name.length + 1]
          if (kind === 'c') {
            owners.set(Number(key.slice(name.length + 2)), new TextDecoder().decode(bytes))
            continue
          }
          lastSeq = Math.max(lastSeq, Number(key.slice(-SEQ_WIDTH)))
          if (kind === 's') updates.push(bytes)
          else {
            const group = decodeUpdateGroup(bytes)
            updates.push(...group)
            pending += group.length
          }
        }
      })
    } catch (error) {
      throw readError(`load \`${name}\``, error)
    }
    return { updates, lastSeq, pending, owners }
  }

  append(name: string, update: Uint8Array, owners: ReadonlyMap<number, string> = new Map()): Promise<number> {
    return new Promise<number>((resolve, reject) => this.enqueue({ kind: 'append', name, update, owners, resolve, reject }))
  }

  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue({ kind: 'compact', name, snapshot, throughSeq, resolve, reject }))
  }

  remove(name: string): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue({ kind: 'remove', name, resolve, reject }))
  }

  /** How many updates were stored and in how many synced batches. */
  stats(): DocumentStoreStats {
    return { appends: this.appends, batches: this.batches }
  }

  /** Waits for queued writes to finish; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true
    await this.draining
  }

  private enqueue(item: Queued): void {
    try {
      checkDocumentName(item.name)
      if (this.closed) throw closedError('document store')
    } catch (error) {
      item.reject(error)
      return
    }
    this.queue.push(item)
    // Wait one turn of the event loop before the first flush, so a burst of
    // messages read from sockets together shares its fsync.
    this.draining ??= new Promise<void>((resolve) => setImmediate(() => void this.drain().then(resolve)))
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // A synced write costs the disk and the CPU far more than the updates
      // it carries: under a steady stream, wait out the spacing so that the
      // updates arriving meanwhile share the next one.
      const wait = this.lastFlushAt + BATCH_SPACING_MS - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const items = this.takeBatch()
      this.lastFlushAt = performance.now()
      await this.flush(items)
    }
    this.draining = null
  }

  /**
   * The queued items up to and including the first compaction or removal.
   * Each deletes a key per update since the snapshot (some 500), and the
   * rooms loaded together reach their compaction together: in one batch
   * twenty of them held every update behind them for a tenth of a second.
   */
  private takeBatch(): Queued[] {
    const end = this.queue.findIndex((item) => item.kind !== 'append')
    return this.queue.splice(0, end === -1 ? this.queue.length : end + 1)
  }

  /** Writes `items` in one synced batch and settles each; never throws. */
  private async flush(items: readonly Queued[]): Promise<void> {
    const names = [...new Set(items.map((item) => item.name))]
    const states = new Map<string, DocState>()
    try {
      for (const name of names) {
        const state = await this.stateOf(name)
        states.set(name, { ...state, owners: new Set(state.owners) })
      }
    } catch (error) {
      for (const item of items) item.reject(writeError(`store a change to \`${item.name}\``, error))
      return
    }
    const ops: Op[] = []
    const groups = new Map<string, { updates: Uint8Array[]; lastSeq: number }>()
    const closeGroup = (name: string): void => {
      const group = groups.get(name)
      if (!group) return
      groups.delete(name)
      ops.push({ type: 'put', key: seqKey(name, 'u', group.lastSeq), value: encodeUpdateGroup(group.updates) })
    }
    const accepted: Array<{ readonly item: Queued; readonly settle: () => void }> = []
    for (const item of items) {
      try {
        if (item.kind === 'append') {
          // Consecutive appends to a document share one record, keyed by the last seq.
          const state = states.get(item.name)!
          const seq = ++state.lastSeq
          for (const [client, owner] of item.owners) {
            ops.push({ type: 'put', key: ownerKey(item.name, client), value: new TextEncoder().encode(owner) })
            state.owners.add(client)
          }
          const group = groups.get(item.name) ?? { updates: [], lastSeq: seq }
          group.updates.push(item.update)
          group.lastSeq = seq
          groups.set(item.name, group)
          accepted.push({ item, settle: () => item.resolve(seq) })
          continue
        }
        // A compaction or removal deletes by seq: the group before it must be written first.
        closeGroup(item.name)
        accepted.push({ item, settle: this.plan(item, states.get(item.name)!, ops) })
      } catch (error) {
        item.reject(error)
      }
    }
    for (const name of [...groups.keys()]) closeGroup(name)
    if (accepted.length === 0) return
    try {
      // Through the root database: a sublevel's batch options do not type `sync`.
      await this.handle.write((db) => db.batch<string, Uint8Array>(ops.map((op) => ({ ...op, sublevel: this.documents })), { sync: true }))
    } catch (error) {
      // A failed synced write may or may not have reached the log: forget what
      // we knew and read it back next time rather than guess.
      for (const name of names) this.states.delete(name)
      const what = `write ${accepted.length} change(s) to ${names.map((n) => `\`${n}\``).join(', ')}`
      for (const { item } of accepted) item.reject(writeError(what, error))
      return
    }
    for (const [name, state] of states) this.states.set(name, state)
    this.batches += 1
    this.appends += accepted.filter(({ item }) => item.kind === 'append').length
    for (const { settle } of accepted) settle()
  }

  /** Adds the operations of `item` to `ops` and advances `state`; returns how to settle it once written. */
  private plan(item: Exclude<Queued, { kind: 'append' }>, state: DocState, ops: Op[]): () => void {
    switch (item.kind) {
      case 'compact':
        checkCompaction(item.name, item.throughSeq, state.snapshotSeq ?? 0, state.lastSeq)
        ops.push(...this.trim(item.name, state, item.throughSeq))
        ops.push({ type: 'put', key: seqKey(item.name, 's', item.throughSeq), value: item.snapshot })
        state.snapshotSeq = item.throughSeq
        return () => item.resolve()
      case 'remove':
        ops.push(...this.trim(item.name, state, state.lastSeq))
        for (const client of state.owners) ops.push({ type: 'del', key: ownerKey(item.name, client) })
        state.owners.clear()
        state.snapshotSeq = null
        state.lastSeq = 0
        return () => item.resolve()
    }
  }

  /** Deletes the snapshot and every update through `throughSeq`. */
  private trim(name: string, state: DocState, throughSeq: number): Op[] {
    const ops: Op[] = []
    if (state.snapshotSeq !== null) ops.push({ type: 'del', key: seqKey(name, 's', state.snapshotSeq) })
    // Updates up to the snapshot were deleted when it was written, so only
    // those after it remain to delete; later ones (appended concurrently) stay.
    for (let seq = (state.snapshotSeq ?? 0) + 1; seq <= throughSeq; seq += 1) ops.push({ type: 'del', key: seqKey(name, 'u', seq) })
    return ops
  }

  private async stateOf(name: string): Promise<DocState> {
    const known = this.states.get(name)
    if (known) return known
    // Snapshot and update keys (`s`, `u`) only: owner keys (`c`) sort before them.
    const range = { gte: `${name}\0s`, lt: `${name}\0v`, limit: 1 }
    const [first] = await this.handle.read(() => this.documents.keys(range).all())
    const [last] = await this.handle.read(() => this.documents.keys({ ...range, reverse: true }).all())
    const ownerKeys = await this.handle.read(() => this.documents.keys({ gte: `${name}\0c`, lt: `${name}\0d` }).all())
    const seqOf = (key: string): number => Number(key.slice(-SEQ_WIDTH))
    const state: DocState = {
      snapshotSeq: first !== undefined && first[name.length + 1] === 's' ? seqOf(first) : null,
      lastSeq: last === undefined ? 0 : seqOf(last),
      owners: new Set(ownerKeys.map((key) => Number(key.slice(name.length + 2)))),
    }
    this.states.set(name, state)
    return state
  }
}
