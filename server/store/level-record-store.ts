/** RecordStore on LevelDB, in the `records` sublevel, values kept as JSON text. */
import type { LevelHandle } from './level-handle.js'
import type { RecordOp, RecordStore } from './record-store.js'
import { closedError, encodeRecordOps, readError, writeError } from './store-checks.js'

/** Records in one sublevel of the database; closing it leaves the database open. */
export class LevelRecordStore implements RecordStore {
  private readonly records
  private closed = false

  constructor(private readonly handle: LevelHandle) {
    this.records = handle.adopt(handle.db.sublevel<string, string>('records', { valueEncoding: 'utf8' }))
  }

  async get<T>(key: string): Promise<T | undefined> {
    this.assertOpen()
    let text: string | undefined
    try {
      text = await this.handle.read(() => this.records.get(key))
    } catch (error) {
      throw readError(`read record \`${key}\``, error)
    }
    return text === undefined ? undefined : (JSON.parse(text) as T)
  }

  async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    this.assertOpen()
    const found: Array<{ key: string; value: T }> = []
    try {
      await this.handle.read(async () => {
        // Keys with the prefix are contiguous from `prefix` on, so stop at the first
        // that lacks it rather than compute an upper bound for arbitrary text.
        for await (const [key, text] of this.records.iterator({ gte: prefix })) {
          if (!key.startsWith(prefix)) break
          found.push({ key, value: JSON.parse(text) as T })
        }
      })
    } catch (error) {
      throw readError(`list records under \`${prefix}\``, error)
    }
    return found
  }

  async listBackward<T>(prefix: string, below: string | null, limit: number): Promise<Array<{ key: string; value: T }>> {
    this.assertOpen()
    const found: Array<{ key: string; value: T }> = []
    try {
      // Walking down from just below the bound (or from the prefix's end, `\uffff` sorting after any key
      // character used here) and stopping at the first key without the prefix.
      const iterator = this.records.iterator({ lt: below ?? prefix + '\uffff', gte: prefix, reverse: true, limit })
      for await (const [key, text] of iterator) found.push({ key, value: JSON.parse(text) as T })
    } catch (error) {
      throw readError(`list records under \`${prefix}\``, error)
    }
    return found
  }

  async batch(ops: readonly RecordOp[]): Promise<void> {
    this.assertOpen()
    const encoded = encodeRecordOps(ops)
    try {
      await this.handle.write((db) => db.batch<string, string>(encoded.map((op) => ({ ...op, sublevel: this.records })), { sync: true }))
    } catch (error) {
      throw writeError(`write ${ops.length} record(s)`, error)
    }
  }

  async batchIfAbsent(key: string, ops: readonly RecordOp[]): Promise<boolean> {
    if ((await this.get(key)) !== undefined) return false
    await this.batch(ops)
    return true
  }

  /** Refuses later calls; the database itself is closed by its owner. */
  async close(): Promise<void> {
    this.closed = true
  }

  private assertOpen(): void {
    if (this.closed) throw closedError('record store')
  }
}
