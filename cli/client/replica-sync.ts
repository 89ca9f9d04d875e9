/**
 * Bringing the replica up to date with the server: waiting until the
 * connected documents are in sync or the actions acknowledged (for as long
 * as the client is not offline or denied), refreshing the conversations the
 * replica holds, and the full sync of `huddle sync`, after which retention
 * drops what is not kept.
 */
import type { AckTracker } from './ack-tracker.js'
import type { ActionReceipt, SyncReport } from './client-types.js'
import type { ConnectionPool } from './connection-pool.js'
import type { ConnectionState } from './connection-state.js'
import type { ConversationLinks } from './conversation-links.js'
import type { ReplicaDocuments } from './replica-documents.js'

export class ReplicaSync {
  constructor(
    private readonly docs: ReplicaDocuments,
    private readonly pool: ConnectionPool,
    private readonly tracker: AckTracker,
    private readonly links: ConversationLinks,
    /** Conversations of each inbox kept besides those opened. */
    private readonly recentPerInbox: number,
    /** Connects the client, unless it is connecting already. */
    private readonly connect: () => void,
  ) {}

  /** Resolves once every connected document is in sync, the client is offline or denied, or `timeoutMs` passed. */
  async settle(timeoutMs: number): Promise<ConnectionState> {
    await this.docs.ready()
    await this.pool.waitFor(() => ['online', 'offline', 'denied'].includes(this.pool.state().kind), timeoutMs)
    return this.pool.state()
  }

  /** Resolves with how many actions still wait once none does, the client is offline or denied, or `timeoutMs` passed. */
  async waitForAcks(timeoutMs: number): Promise<number> {
    const isStuck = (): boolean => this.pool.state().kind === 'offline' || this.pool.state().kind === 'denied'
    await this.pool.waitFor(() => this.tracker.count() === 0 || isStuck(), timeoutMs)
    return this.tracker.count()
  }

  /** Whether the action was acknowledged within `timeoutMs`. */
  async waitForAck(receipt: ActionReceipt, timeoutMs: number): Promise<boolean> {
    await this.pool.waitFor(() => !this.tracker.isPending(receipt.id) || this.pool.state().kind === 'denied', timeoutMs)
    return !this.tracker.isPending(receipt.id)
  }

  /**
   * Brings everything up to date: every conversation the replica holds and
   * the most recent of each inbox are connected until in sync and every
   * waiting action is acknowledged; then retention drops what is not kept.
   */
  async syncEverything(timeoutMs: number): Promise<SyncReport> {
    const before = this.tracker.count()
    this.connect()
    const first = await this.settle(timeoutMs)
    if (first.kind !== 'online' && first.kind !== 'syncing')
      return { connection: first, acknowledged: 0, pending: this.tracker.count(), conversations: 0, evicted: 0 }
    const ids = new Set([...this.docs.knownConversations, ...this.docs.recent(this.recentPerInbox)])
    const pending = await this.links.connectWhile(ids, async () => {
      await this.settle(timeoutMs)
      return this.waitForAcks(timeoutMs)
    })
    const connection = this.pool.state()
    const evicted = connection.kind === 'online' ? this.links.evict(this.recentPerInbox) : 0
    return { connection, acknowledged: Math.max(0, before - pending), pending, conversations: ids.size, evicted }
  }

  /** Loads every conversation the replica holds and, when online, brings them up to date. */
  async refreshConversations(timeoutMs: number): Promise<void> {
    await this.docs.ready()
    await this.docs.loadAllConversations()
    const state = this.pool.state().kind
    if (!this.pool.isConnecting || state === 'offline' || state === 'denied') return
    await this.links.connectWhile(this.docs.knownConversations, () => this.settle(timeoutMs))
  }
}
