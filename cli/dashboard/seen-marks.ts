/**
 * When the agent last looked at each conversation, kept in the replica's meta
 * records as `seen/<conversationId>` → milliseconds. A conversation whose
 * newest customer message is newer is unread.
 */
import type { ReplicaStore } from '../client/replica-store.js'
import type { SeenStore } from './dashboard-source.js'

const PREFIX = 'seen/'

export class SeenMarks implements SeenStore {
  private constructor(
    private readonly store: Pick<ReplicaStore, 'putMeta'> | null,
    private readonly marks: Map<string, number>,
  ) {}

  static async load(store: Pick<ReplicaStore, 'listMeta' | 'putMeta'>): Promise<SeenMarks> {
    const marks = new Map<string, number>()
    for (const [key, at] of await store.listMeta<unknown>(PREFIX)) if (typeof at === 'number') marks.set(key.slice(PREFIX.length), at)
    return new SeenMarks(store, marks)
  }

  /** Marks kept in memory only (tests, benchmarks). */
  static inMemory(initial: Readonly<Record<string, number>> = {}): SeenMarks {
    return new SeenMarks(null, new Map(Object.entries(initial)))
  }

  seenAt(conversation: string): number | null {
    return this.marks.get(conversation) ?? null
  }

  markSeen(conversation: string, at: number): void {
    if ((this.marks.get(conversation) ?? -1) >= at) return
    this.marks.set(conversation, at)
    this.store?.putMeta(`${PREFIX}${conversation}`, at)
  }
}

/** Whether a row has customer messages newer than the agent last looked. */
export function isUnread(row: { readonly id: string; readonly lastInboundAt?: number | null }, seen: SeenStore): boolean {
  if (row.lastInboundAt === undefined || row.lastInboundAt === null) return false
  const at = seen.seenAt(row.id)
  return at === null || row.lastInboundAt > at
}
