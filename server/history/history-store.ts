/**
 * The history store: conversations that left their live inbox document, as
 * server-side records, listable newest first per inbox. All writes go through
 * one queue, so the per-inbox counts stay exact.
 *
 *   history/<inboxDoc>/<archivedStamp>~<id> → HistoryRecord
 *   history-of/<id>                         → { key }   (where its record is)
 *   history-count/<inboxDoc>                → { count }
 */
import { archiveCursor, type ArchivedKey } from '../../core/archived-page.js'
import type { HistoryRecord } from '../../core/history.js'
import { SerialQueue } from '../directory/serial-queue.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'

const RECORD_PREFIX = 'history/'
const LOOKUP_PREFIX = 'history-of/'
const COUNT_PREFIX = 'history-count/'

type Lookup = { readonly key: string; readonly inbox: string }

function recordKey(record: Pick<HistoryRecord, 'inbox' | 'id' | 'archivedStamp'>): string {
  return `${RECORD_PREFIX}${record.inbox}/${archiveCursor(record)}`
}

/** A page of an inbox's history records and whether more follow. */
export type HistoryPage = { readonly records: readonly HistoryRecord[]; readonly hasMore: boolean }

export class HistoryStore {
  private readonly queue = new SerialQueue()
  private readonly listeners = new Set<(ids: readonly string[]) => void>()

  constructor(private readonly records: RecordStore) {}

  /** The record of a conversation in history, or undefined when it is not in history. */
  async get(conversationId: string): Promise<HistoryRecord | undefined> {
    const lookup = await this.records.get<Lookup>(LOOKUP_PREFIX + conversationId)
    return lookup ? this.records.get<HistoryRecord>(lookup.key) : undefined
  }

  /** Writes records (new ones, or replacing the same conversations' earlier ones), in one durable batch. */
  put(records: readonly HistoryRecord[]): Promise<void> {
    return this.queue.run(async () => {
      const ops: RecordOp[] = []
      const counts = new Map<string, number>()
      for (const record of records) {
        const key = recordKey(record)
        const earlier = await this.records.get<Lookup>(LOOKUP_PREFIX + record.id)
        if (earlier && earlier.key !== key) ops.push({ type: 'del', key: earlier.key })
        if (earlier && earlier.inbox !== record.inbox) counts.set(earlier.inbox, (counts.get(earlier.inbox) ?? 0) - 1)
        if (!earlier || earlier.inbox !== record.inbox) counts.set(record.inbox, (counts.get(record.inbox) ?? 0) + 1)
        ops.push({ type: 'put', key, value: record }, { type: 'put', key: LOOKUP_PREFIX + record.id, value: { key, inbox: record.inbox } satisfies Lookup })
      }
      ops.push(...(await this.countOps(counts)))
      await this.records.batch(ops)
      this.changed(records.map((r) => r.id))
    })
  }

  /** Calls `listener` with the ids whose records were written or removed, once stored. Returns an unsubscribe. */
  onChange(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(ids: readonly string[]): void {
    for (const listener of this.listeners) listener(ids)
  }

  /** Forgets a conversation's record (it came back to the live document). */
  remove(conversationId: string): Promise<void> {
    return this.queue.run(async () => {
      const lookup = await this.records.get<Lookup>(LOOKUP_PREFIX + conversationId)
      if (!lookup) return
      const ops: RecordOp[] = [
        { type: 'del', key: lookup.key },
        { type: 'del', key: LOOKUP_PREFIX + conversationId },
        ...(await this.countOps(new Map([[lookup.inbox, -1]]))),
      ]
      await this.records.batch(ops)
      this.changed([conversationId])
    })
  }

  /** Up to `limit` records of an inbox older than `before`, newest first. */
  async page(inboxDoc: string, before: ArchivedKey | null, limit: number): Promise<HistoryPage> {
    const prefix = `${RECORD_PREFIX}${inboxDoc}/`
    const found = await this.records.listBackward<HistoryRecord>(prefix, before === null ? null : prefix + archiveCursor(before), limit + 1)
    return { records: found.slice(0, limit).map((r) => r.value), hasMore: found.length > limit }
  }

  /** How many conversations of an inbox are in history. */
  async count(inboxDoc: string): Promise<number> {
    return (await this.records.get<{ count: number }>(COUNT_PREFIX + inboxDoc))?.count ?? 0
  }

  private async countOps(deltas: ReadonlyMap<string, number>): Promise<RecordOp[]> {
    const ops: RecordOp[] = []
    for (const [inbox, delta] of deltas) if (delta !== 0) ops.push({ type: 'put', key: COUNT_PREFIX + inbox, value: { count: (await this.count(inbox)) + delta } })
    return ops
  }
}
