/**
 * When a conversation's document is connected, and how long the replica
 * keeps it. Connected while something holds it (an open handle, a running
 * sync) or while it carries actions waiting for the server's acknowledgement,
 * and a moment after; kept while the agent opened it, it is among the most
 * recent of its inbox, held, or waiting. Inbox documents are the client's.
 */
import { conversationDocName, parseDocName } from '../../core/doc-names.js'
import type { AckTracker, PendingAction } from './ack-tracker.js'
import type { ConnectionPool } from './connection-pool.js'
import type { LocalDoc } from './local-doc.js'
import type { ReplicaDocuments } from './replica-documents.js'
import { META, type ReplicaStore } from './replica-store.js'

/** How long a conversation stays connected after its last change was acknowledged. */
const LINGER_MS = 10_000

export class ConversationLinks {
  /** Why conversation documents stay connected: open handles and a running sync. */
  private readonly holds = new Map<string, number>()
  private readonly opened = new Set<string>()
  private isClosed = false

  constructor(
    private readonly store: ReplicaStore,
    private readonly docs: ReplicaDocuments,
    private readonly pool: ConnectionPool,
    private readonly tracker: AckTracker,
    /** A conversation's document left the replica. */
    private readonly onRemoved: (id: string) => void,
  ) {}

  /** Reads which conversations the agent opened. */
  async load(): Promise<void> {
    for (const [key] of await this.store.listMeta(META.openedPrefix)) this.opened.add(key.slice(META.openedPrefix.length))
  }

  /** A conversation's document, connected when online. */
  async doc(id: string): Promise<LocalDoc> {
    const local = await this.docs.conversation(id)
    this.pool.link(local)
    return local
  }

  /** Connects a conversation's document just loaded, if something needs it. */
  onLoaded(id: string, local: LocalDoc): void {
    if (this.isWanted(id)) this.pool.link(local)
  }

  /** Connects every conversation something needs (once the client connects). */
  connect(): void {
    for (const [id, local] of this.docs.conversations) if (this.isWanted(id)) this.pool.link(local)
    // Changes made offline in a previous run, in conversations not loaded yet.
    for (const id of this.waiting()) void this.doc(id)
  }

  /** The agent opened a conversation (at wall time `at`): the replica keeps it for good. */
  markOpened(id: string, at: number): void {
    if (this.opened.has(id)) return
    this.opened.add(id)
    this.store.putMeta(META.opened(id), at)
  }

  /** Keeps a conversation connected until the returned release is called (once). */
  hold(id: string): () => void {
    this.addHold(id, +1)
    return () => this.addHold(id, -1)
  }

  /** Connects the conversations and keeps them connected until `use` is done. */
  async connectWhile<T>(ids: Iterable<string>, use: () => Promise<T>): Promise<T> {
    const held = [...ids]
    const releases = held.map((id) => this.hold(id))
    try {
      await Promise.all(held.map((id) => this.doc(id)))
      return await use()
    } finally {
      for (const release of releases) release()
    }
  }

  /** The server stored these actions: their conversations go once nothing needs them, after a while. */
  linger(done: readonly PendingAction[]): void {
    // Stay a while: the server answers a reply with its delivery status (queued, held…) just after storing it.
    for (const doc of new Set(done.flatMap((a) => a.marks.map((m) => m.doc)))) setTimeout(() => this.isClosed || this.release(doc), LINGER_MS).unref()
  }

  /** Loads a conversation's document afresh (the server's copy), connected again if something needs it. */
  reload(id: string): void {
    const isWanted = this.isWanted(id)
    this.docs.dropConversation(id)
    if (isWanted) void this.doc(id)
  }

  /** Drops a conversation's document from the replica, with its connection, holds and waiting actions. */
  remove(id: string): void {
    const name = conversationDocName(id)
    this.pool.unlink(name)
    this.holds.delete(id)
    if (this.opened.delete(id)) this.store.deleteMeta(META.opened(id))
    this.docs.dropConversation(id)
    this.tracker.dropDoc(name)
    this.onRemoved(id)
  }

  /** Drops conversation documents neither opened, among the `recentPerInbox` most recent, held open nor waiting for an acknowledgement. */
  evict(recentPerInbox: number): number {
    const keep = new Set([...this.opened, ...this.holds.keys(), ...this.docs.recent(recentPerInbox), ...this.waiting()])
    const evicted = [...this.docs.knownConversations].filter((id) => !keep.has(id))
    for (const id of evicted) this.remove(id)
    return evicted.length
  }

  /** From now on, acknowledged conversations are not let go: the client is closing. */
  close(): void {
    this.isClosed = true
  }

  private addHold(id: string, delta: number): void {
    const count = (this.holds.get(id) ?? 0) + delta
    if (count > 0) this.holds.set(id, count)
    else {
      this.holds.delete(id)
      this.release(conversationDocName(id))
    }
  }

  /** The conversations with actions waiting for their acknowledgement. */
  private waiting(): string[] {
    return [...this.tracker.docsWithPending()].flatMap((doc) => {
      const ref = parseDocName(doc)
      return ref?.kind === 'conversation' ? [ref.id] : []
    })
  }

  private isWanted(id: string): boolean {
    return (this.holds.get(id) ?? 0) > 0 || this.tracker.docsWithPending().has(conversationDocName(id))
  }

  /** Lets a conversation's connection go once nothing needs it. */
  private release(name: string): void {
    const ref = parseDocName(name)
    if (ref?.kind !== 'conversation' || this.isWanted(ref.id)) return
    this.pool.unlink(name)
  }
}
