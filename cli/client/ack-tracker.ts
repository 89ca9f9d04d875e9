/**
 * Which local actions the server has durably stored. Each action records the
 * marks (document, clientID, clock after the change) an acknowledgement must
 * reach; every `ack` frame's state vector is merged into the document's acked
 * clocks of this replica's own clients. Both are kept in the replica, so an
 * action made offline is still waiting after a restart.
 */
import type { ChangeMark } from './local-doc.js'
import { META, type ReplicaStore } from './replica-store.js'

export type ActionKind = 'claim' | 'takeover' | 'assign' | 'unassign' | 'archive' | 'unarchive' | 'snooze' | 'unsnooze' | 'label' | 'unlabel' | 'priority' | 'reply' | 'note' | 'send-held' | 'discard-held'

export type PendingAction = {
  readonly id: string
  readonly kind: ActionKind
  readonly conversation: string
  /** Server-corrected time it was made. */
  readonly at: number
  readonly marks: readonly ChangeMark[]
}

type Waiter = { readonly id: string; resolve(): void }

export class AckTracker {
  private readonly pending = new Map<string, PendingAction>()
  /** Acked clock per document and client, for the clients of pending marks. */
  private readonly acked = new Map<string, Map<number, number>>()
  private waiters: Waiter[] = []
  private readonly listeners = new Set<() => void>()

  private constructor(private readonly store: ReplicaStore) {}

  static async load(store: ReplicaStore): Promise<AckTracker> {
    const tracker = new AckTracker(store)
    for (const [, action] of await store.listMeta<PendingAction>(META.pendingPrefix)) tracker.pending.set(action.id, action)
    for (const doc of new Set([...tracker.pending.values()].flatMap((a) => a.marks.map((m) => m.doc)))) {
      const entries = (await store.getMeta<Array<[number, number]>>(META.acked(doc))) ?? []
      tracker.acked.set(doc, new Map(entries))
    }
    return tracker
  }

  /** Notified whenever the number of pending actions changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  record(action: PendingAction): void {
    this.pending.set(action.id, action)
    this.store.putMeta(META.pending(action.id), action)
    this.emit()
  }

  /** Merges an `ack` frame's state vector for `doc`; returns the actions it completed. */
  merge(doc: string, stateVector: ReadonlyMap<number, number>): PendingAction[] {
    const ours = new Set<number>()
    for (const action of this.pending.values()) for (const mark of action.marks) if (mark.doc === doc) ours.add(mark.client)
    if (ours.size === 0) return []
    const acked = this.acked.get(doc) ?? new Map<number, number>()
    let isChanged = false
    for (const client of ours) {
      const clock = stateVector.get(client)
      if (clock !== undefined && clock > (acked.get(client) ?? 0)) {
        acked.set(client, clock)
        isChanged = true
      }
    }
    if (!isChanged) return []
    this.acked.set(doc, acked)
    const done = [...this.pending.values()].filter((action) => this.isCovered(action))
    for (const action of done) {
      this.pending.delete(action.id)
      this.store.deleteMeta(META.pending(action.id))
    }
    this.saveAcked(doc)
    this.settleWaiters()
    if (done.length > 0) this.emit()
    return done
  }

  /** Forgets a document's pending actions (the replica no longer holds it); returns them. */
  dropDoc(doc: string): PendingAction[] {
    const dropped = [...this.pending.values()].filter((action) => action.marks.some((mark) => mark.doc === doc))
    for (const action of dropped) {
      this.pending.delete(action.id)
      this.store.deleteMeta(META.pending(action.id))
    }
    this.acked.delete(doc)
    this.store.deleteMeta(META.acked(doc))
    this.settleWaiters()
    if (dropped.length > 0) this.emit()
    return dropped
  }

  count(): number {
    return this.pending.size
  }

  list(): PendingAction[] {
    return [...this.pending.values()].sort((a, b) => a.at - b.at)
  }

  /** Documents with actions waiting for their acknowledgement. */
  docsWithPending(): Set<string> {
    return new Set([...this.pending.values()].flatMap((action) => action.marks.map((mark) => mark.doc)))
  }

  isPending(actionId: string): boolean {
    return this.pending.has(actionId)
  }

  /** Resolves once the action is acknowledged (or dropped). */
  whenAcked(actionId: string): Promise<void> {
    if (!this.pending.has(actionId)) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ id: actionId, resolve }))
  }

  private isCovered(action: PendingAction): boolean {
    return action.marks.every((mark) => (this.acked.get(mark.doc)?.get(mark.client) ?? 0) >= mark.clock)
  }

  private saveAcked(doc: string): void {
    // Keep only the clients still pending: the others are settled for good.
    const ours = new Set<number>()
    for (const action of this.pending.values()) for (const mark of action.marks) if (mark.doc === doc) ours.add(mark.client)
    const acked = this.acked.get(doc)
    if (!acked) return
    for (const client of [...acked.keys()]) if (!ours.has(client)) acked.delete(client)
    if (acked.size === 0) {
      this.acked.delete(doc)
      this.store.deleteMeta(META.acked(doc))
    } else this.store.putMeta(META.acked(doc), [...acked.entries()])
  }

  private settleWaiters(): void {
    const [done, waiting] = partition(this.waiters, (w) => !this.pending.has(w.id))
    this.waiters = waiting
    for (const waiter of done) waiter.resolve()
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = []
  const no: T[] = []
  for (const item of items) (test(item) ? yes : no).push(item)
  return [yes, no]
}
