/**
 * Which notices were reported, and the notices only the connection can tell
 * (access lost, a change refused), kept in the replica so that each notice is
 * reported once, across restarts.
 */
import type { Notice } from './merge-notices.js'
import { META, type ReplicaStore } from './replica-store.js'

export class NoticeLog {
  private readonly reported = new Set<string>()
  private readonly events = new Map<string, Notice>()

  private constructor(
    private readonly store: ReplicaStore,
    private readonly wallClock: () => number,
  ) {}

  static async load(store: ReplicaStore, wallClock: () => number): Promise<NoticeLog> {
    const log = new NoticeLog(store, wallClock)
    for (const [key] of await store.listMeta(META.reportedPrefix)) log.reported.add(key.slice(META.reportedPrefix.length))
    for (const [, notice] of await store.listMeta<Notice>(META.eventPrefix)) log.events.set(notice.key, notice)
    return log
  }

  /** Keeps a notice from the connection until it is reported. */
  add(notice: Notice): void {
    this.events.set(notice.key, notice)
    this.store.putMeta(META.event(notice.key), notice)
  }

  /** The connection's notices and `derived` ones not reported yet, oldest first. */
  unreported(derived: readonly Notice[]): Notice[] {
    return [...this.events.values(), ...derived].filter((n) => !this.reported.has(n.key)).sort((a, b) => a.at - b.at)
  }

  markReported(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.reported.has(key)) continue
      this.reported.add(key)
      this.store.putMeta(META.reported(key), this.wallClock())
      if (this.events.delete(key)) this.store.deleteMeta(META.event(key))
    }
  }
}
