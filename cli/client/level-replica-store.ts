/**
 * The replica's LevelDB database. Keys of the `docs` sublevel:
 *
 *   <name>\0s          the snapshot
 *   <name>\0u<seq20>   an update appended after it
 *
 * and JSON records in the `meta` sublevel (see META). Writes are queued and
 * flushed as one batch per turn of the event loop, in call order.
 */
import { mkdir } from 'node:fs/promises'
import { Level } from 'level'
import { HuddleError } from '../../core/errors.js'
import { META, type ReplicaStore } from './replica-store.js'

type Op =
  | { readonly type: 'put'; readonly where: 'docs' | 'meta'; readonly key: string; readonly value: unknown }
  | { readonly type: 'del'; readonly where: 'docs' | 'meta'; readonly key: string }

const SEQ_WIDTH = 20
/** How long opening waits for another huddle process to let go of the replica (a command about to finish). */
const OPEN_WAIT_MS = 2000
const OPEN_RETRY_MS = 100

const snapshotKey = (name: string): string => `${name}\0s`
const updatePrefix = (name: string): string => `${name}\0u`

export class LevelReplicaStore implements ReplicaStore {
  private readonly docs
  private readonly meta
  private readonly known = new Set<string>()
  /** Update keys stored per document, so that a compaction deletes exactly them. */
  private readonly updateKeys = new Map<string, string[]>()
  private seq: number
  private queue: Op[] = []
  private after: Array<() => Promise<void>> = []
  private draining: Promise<void> | null = null
  private failure: Error | null = null
  private isClosed = false

  private constructor(
    private readonly db: Level,
    private readonly folder: string,
  ) {
    this.docs = db.sublevel<string, Uint8Array>('docs', { valueEncoding: 'view' })
    this.meta = db.sublevel<string, unknown>('meta', { valueEncoding: 'json' })
    // Keys only need to be unique and increasing within this folder, which one process holds at a time.
    this.seq = Date.now() * 1000
  }

  /** Opens (creating) the replica in `folder`; waits a moment if another huddle process holds it. */
  static async open(folder: string): Promise<LevelReplicaStore> {
    const store = await LevelReplicaStore.openUnlessInUse(folder)
    if (store) return store
    throw new HuddleError('storage', `The local copy in \`${folder}\` is in use by another huddle process (a dashboard or a command still running). Close it and try again.`)
  }

  /** Like `open`, but null when another huddle process still holds the replica after waiting `waitMs`. */
  static async openUnlessInUse(folder: string, waitMs = OPEN_WAIT_MS): Promise<LevelReplicaStore | null> {
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 })
    } catch (error) {
      throw new HuddleError('storage', `Could not create the local copy's folder \`${folder}\`: ${messageOf(error)}. Check the path and its permissions, or set HUDDLE_HOME.`)
    }
    for (let attempt = 1; ; attempt++) {
      const db = new Level(folder)
      try {
        await db.open()
        const store = new LevelReplicaStore(db, folder)
        for (const [key] of await store.listMeta<unknown>(META.knownPrefix)) store.known.add(key.slice(META.knownPrefix.length))
        return store
      } catch (error) {
        if (isLocked(error) && attempt * OPEN_RETRY_MS < waitMs) {
          await new Promise((resolve) => setTimeout(resolve, OPEN_RETRY_MS))
          continue
        }
        if (isLocked(error)) return null
        throw new HuddleError('storage', `Could not open the local copy in \`${folder}\`: ${messageOf(causeOf(error))}. Move the folder aside to start afresh.`)
      }
    }
  }

  async docNames(): Promise<string[]> {
    return [...this.known].sort()
  }

  async loadDoc(name: string): Promise<Uint8Array[]> {
    await this.flush()
    const updates: Uint8Array[] = []
    const keys: string[] = []
    try {
      for await (const [key, value] of this.docs.iterator({ gte: `${name}\0`, lt: `${name}\x01` })) {
        updates.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
        if (key !== snapshotKey(name)) keys.push(key)
      }
    } catch (error) {
      throw this.storageError(`read \`${name}\``, error)
    }
    this.updateKeys.set(name, keys)
    return updates
  }

  appendUpdate(name: string, update: Uint8Array): void {
    const key = `${updatePrefix(name)}${String(++this.seq).padStart(SEQ_WIDTH, '0')}`
    this.noteKnown(name)
    const keys = this.updateKeys.get(name)
    if (keys) keys.push(key)
    else this.updateKeys.set(name, [key])
    this.enqueue([{ type: 'put', where: 'docs', key, value: update }])
  }

  compactDoc(name: string, snapshot: Uint8Array): void {
    this.noteKnown(name)
    const stale = this.updateKeys.get(name) ?? []
    this.updateKeys.set(name, [])
    this.enqueue([{ type: 'put', where: 'docs', key: snapshotKey(name), value: snapshot }, ...stale.map((key) => ({ type: 'del', where: 'docs', key }) as const)])
  }

  removeDoc(name: string): void {
    this.known.delete(name)
    this.updateKeys.delete(name)
    this.enqueue([{ type: 'del', where: 'meta', key: META.known(name) }], () => this.docs.clear({ gte: `${name}\0`, lt: `${name}\x01` }))
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    await this.flush()
    try {
      return (await this.meta.get(key)) as T | undefined
    } catch (error) {
      throw this.storageError(`read \`${key}\``, error)
    }
  }

  async listMeta<T>(prefix: string): Promise<Array<readonly [string, T]>> {
    await this.flush()
    const entries: Array<readonly [string, T]> = []
    try {
      for await (const [key, value] of this.meta.iterator({ gte: prefix, lt: `${prefix}\uffff` })) entries.push([key, value as T])
    } catch (error) {
      throw this.storageError(`read \`${prefix}…\``, error)
    }
    return entries
  }

  putMeta(key: string, value: unknown): void {
    this.enqueue([{ type: 'put', where: 'meta', key, value }])
  }

  deleteMeta(key: string): void {
    this.enqueue([{ type: 'del', where: 'meta', key }])
  }

  async flush(): Promise<void> {
    while (this.draining) await this.draining
    if (this.failure) throw this.failure
  }

  async close(): Promise<void> {
    if (this.isClosed) return
    try {
      await this.flush()
    } finally {
      this.isClosed = true
      await this.db.close()
    }
  }

  private noteKnown(name: string): void {
    if (this.known.has(name)) return
    this.known.add(name)
    this.enqueue([{ type: 'put', where: 'meta', key: META.known(name), value: true }])
  }

  private enqueue(ops: readonly Op[], then?: () => Promise<void>): void {
    if (this.isClosed) throw new HuddleError('storage', `The local copy in \`${this.folder}\` is closed; this is a bug.`)
    this.queue.push(...ops)
    if (then) this.after.push(then)
    this.draining ??= new Promise<void>((resolve) => setImmediate(() => void this.drain().then(resolve)))
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 || this.after.length > 0) {
      const ops = this.queue
      const after = this.after
      this.queue = []
      this.after = []
      try {
        await this.db.batch(
          ops.map((op) =>
            op.type === 'put'
              ? { type: 'put' as const, sublevel: op.where === 'docs' ? this.docs : this.meta, key: op.key, value: op.value as never }
              : { type: 'del' as const, sublevel: op.where === 'docs' ? this.docs : this.meta, key: op.key },
          ),
        )
        for (const step of after) await step()
      } catch (error) {
        this.failure ??= this.storageError('write', error)
      }
    }
    this.draining = null
  }

  private storageError(what: string, error: unknown): HuddleError {
    return new HuddleError('storage', `Could not ${what} in the local copy in \`${this.folder}\`: ${messageOf(causeOf(error))}. Check the disk, or move the folder aside to start afresh.`)
  }
}

function causeOf(error: unknown): unknown {
  return error instanceof Error && error.cause !== undefined ? error.cause : error
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
}

function isLocked(error: unknown): boolean {
  return codeOf(error) === 'LEVEL_LOCKED' || codeOf(causeOf(error)) === 'LEVEL_LOCKED'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
