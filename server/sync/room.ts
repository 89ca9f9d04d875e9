/**
 * One loaded document: the authoritative Y.Doc, against which client updates
 * are previewed and checked before they are applied, presence, the peers
 * connected to it, and its persistence (every update appended durably, the
 * log compacted into a snapshot now and then).
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { HuddleError } from '../../core/errors.js'
import { documentRefusal, updateRefusal, type SyncLimits } from '../../core/sync-limits.js'
import { previewChanges } from '../../core/yjs-internals/update-preview.js'
import { updateProblems, type UpdateContext } from '../../core/update-rules.js'
import type { DocumentStore } from '../store/document-store.js'
import { awarenessFrame, rejectedFrame, updateFrame } from './frames.js'
import type { Peer } from './peer.js'

/** Compact a document's log once this many updates follow its snapshot. */
export const COMPACT_AFTER = 500

/** The origin of changes the server makes itself. */
export const SERVER_ORIGIN = Symbol('server')
const LOAD_ORIGIN = Symbol('load')

export type ApplyResult = { readonly kind: 'applied' } | { readonly kind: 'retired' } | { readonly kind: 'rejected'; readonly problems: readonly string[] }

export class Room {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<Peer>()
  private lastWrite: Promise<unknown> = Promise.resolve()
  private lastSeq = 0
  private compactedThrough = 0
  private compacting: Promise<void> | null = null
  /** Set once the document is being replaced by its next epoch: no client update is applied any more. */
  isRetired = false
  /** Set when a write failed: the room must be dropped and reloaded from disk. */
  failure: Error | null = null
  /** Set once destroyed: its document no longer records changes, so none may be made. */
  isDestroyed = false
  idleSince = Date.now()
  /** Bytes the document takes in storage: its snapshot and the updates appended since (counted as written). */
  private storedBytes = 0

  private constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly limits: SyncLimits,
    private readonly onFailure: (room: Room, error: Error) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin))
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed]
      const frame = awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
      for (const peer of this.peers) if (peer !== origin) peer.send(frame)
    })
  }

  static async load(name: string, store: DocumentStore, limits: SyncLimits, onFailure: (room: Room, error: Error) => void): Promise<Room> {
    const room = new Room(name, store, limits, onFailure)
    const stored = await store.load(name)
    room.lastSeq = stored.lastSeq
    room.storedBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0)
    room.compactedThrough = stored.lastSeq - stored.pending
    room.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(room.doc, update, LOAD_ORIGIN)
    }, LOAD_ORIGIN)
    return room
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return
    this.storedBytes += update.byteLength
    const append = this.store.append(this.name, update).then(
      (seq) => {
        this.lastSeq = Math.max(this.lastSeq, seq)
        // A failed compaction is a failed write like any other: reported, and the room reloaded.
        if (this.lastSeq - this.compactedThrough >= COMPACT_AFTER) this.compact().catch((error: unknown) => this.fail(error))
      },
      (error: unknown) => {
        throw this.fail(error)
      },
    )
    this.lastWrite = Promise.all([this.lastWrite, append])
    // Keep an unobserved rejection from crashing the process; waiters see it through lastWrite.
    append.catch(() => {})
    const frame = updateFrame(update)
    for (const peer of this.peers) if (peer !== origin) peer.send(frame)
  }

  /** Reports the first failed write through `onFailure`; returns the error to pass on. */
  private fail(error: unknown): Error {
    const failure = error instanceof Error ? error : new Error(String(error))
    if (!this.failure) {
      this.failure = failure
      this.onFailure(this, failure)
    }
    return failure
  }

  /** Resolves once every update applied so far is on disk; rejects if any write failed. */
  async durable(): Promise<void> {
    await this.lastWrite
  }

  /**
   * Works out what a client's update would change, checks it, and applies the
   * update only if every change is allowed. The author is acknowledged once
   * the update is on disk.
   */
  async applyClientUpdate(peer: Peer, update: Uint8Array, context: UpdateContext): Promise<ApplyResult> {
    // Unacknowledged, it stays pending in the client, which carries it to the new epoch.
    if (this.isRetired) return { kind: 'retired' }
    this.assertLive()
    const tooLarge = updateRefusal(update.byteLength, this.limits)
    if (tooLarge) return this.reject(peer, tooLarge)
    if (this.isOverQuota(update) && this.lastSeq > this.compactedThrough) {
      // A log of small updates takes more room than the snapshot they merge
      // into: measure the document compacted before refusing it.
      await this.compact()
      if (this.isRetired) return { kind: 'retired' }
      this.assertLive()
    }
    const overQuota = documentRefusal(this.name, this.storedBytes, update.byteLength, this.limits)
    if (overQuota) return this.reject(peer, overQuota)
    // No await between the preview and the application: the document cannot change in between.
    const problems = updateProblems(previewChanges(this.doc, update), context)
    if (problems.length > 0) return this.reject(peer, new HuddleError('forbidden', `Update refused: ${problems.join('; ')}.`), problems)
    Y.applyUpdate(this.doc, update, peer)
    const covered = this.integratedRange(update)
    await this.durable()
    peer.acknowledge(covered)
    return { kind: 'applied' }
  }

  private isOverQuota(update: Uint8Array): boolean {
    return documentRefusal(this.name, this.storedBytes, update.byteLength, this.limits) !== null
  }

  private reject(peer: Peer, refusal: HuddleError, problems: readonly string[] = [refusal.message]): ApplyResult {
    peer.sendHuddle(rejectedFrame({ code: refusal.code, message: refusal.message }))
    return { kind: 'rejected', problems }
  }

  /**
   * The state vector of what `update` brought that the document now holds:
   * per client the end of its range in the update, but never past what was
   * integrated (parts waiting for missing dependencies are not stored yet).
   */
  private integratedRange(update: Uint8Array): Map<number, number> {
    const covered = new Map<number, number>()
    for (const [client, end] of Y.parseUpdateMeta(update).to) covered.set(client, Math.min(end, Y.getState(this.doc.store, client)))
    return covered
  }

  /** Applies a change as the server; resolves once it is on disk. */
  async changeAsServer(change: (doc: Y.Doc) => void): Promise<void> {
    this.assertLive()
    this.doc.transact(() => change(this.doc), SERVER_ORIGIN)
    await this.durable()
  }

  applyAwareness(peer: Peer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer)
  }

  awarenessStates(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()]
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null
  }

  addPeer(peer: Peer): void {
    this.peers.add(peer)
  }

  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    if (peer.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null)
    if (this.peers.size === 0) this.idleSince = Date.now()
  }

  /** How many updates are stored so far (the log's last sequence number). */
  storedThrough(): number {
    return this.lastSeq
  }

  /** Writes the whole document as one snapshot replacing the log so far. */
  async compact(): Promise<void> {
    if (this.compacting) return this.compacting
    this.compacting = (async () => {
      try {
        await this.durable()
        const through = this.lastSeq
        if (through <= this.compactedThrough) return
        const snapshot = Y.encodeStateAsUpdate(this.doc)
        const bytesBefore = this.storedBytes
        await this.store.compact(this.name, snapshot, through)
        this.compactedThrough = through
        // Updates appended while the snapshot was written stay in the log after it.
        this.storedBytes = snapshot.byteLength + (this.storedBytes - bytesBefore)
      } finally {
        this.compacting = null
      }
    })()
    return this.compacting
  }

  private assertLive(): void {
    // A destroyed Y.Doc drops its update listeners: a change to it would be
    // stored nowhere, yet `durable()` would resolve.
    if (this.isDestroyed) throw new HuddleError('unavailable', `The document \`${this.name}\` was closed while this change was on its way; nothing was stored. Try again.`)
  }

  destroy(): void {
    this.isDestroyed = true
    this.awareness.destroy()
    this.doc.destroy()
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }
