/** RecordStore in memory, for fast tests of the modules that use one. */
import type { RecordOp, RecordStore } from '../../server/store/record-store.js'
import { closedError, encodeRecordOps } from '../../server/store/store-checks.js'

/** Same contract as the LevelDB store: values go through JSON, keys sort by their UTF-8 bytes. */
export class MemoryRecordStore implements RecordStore {
  private readonly records = new Map<string, string>()
  private closed = false

  async get<T>(key: string): Promise<T | undefined> {
    this.assertOpen()
    const text = this.records.get(key)
    return text === undefined ? undefined : (JSON.parse(text) as T)
  }

  async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    this.assertOpen()
    return [...this.records]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
      .map(([key, text]) => ({ key, value: JSON.parse(text) as T }))
  }

  async listBackward<T>(prefix: string, below: string | null, limit: number): Promise<Array<{ key: string; value: T }>> {
    const all = await this.list<T>(prefix)
    const bound = below === null ? null : Buffer.from(below)
    return all
      .filter(({ key }) => bound === null || Buffer.compare(Buffer.from(key), bound) < 0)
      .reverse()
      .slice(0, limit)
  }

  async batch(ops: readonly RecordOp[]): Promise<void> {
    this.assertOpen()
    // Encoding checks every operation first, so a bad one leaves the map untouched.
    for (const op of encodeRecordOps(ops)) {
      if (op.type === 'put') this.records.set(op.key, op.value)
      else this.records.delete(op.key)
    }
  }

  async batchIfAbsent(key: string, ops: readonly RecordOp[]): Promise<boolean> {
    if ((await this.get(key)) !== undefined) return false
    await this.batch(ops)
    return true
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private assertOpen(): void {
    if (this.closed) throw closedError('record store')
  }
}
