/**
 * One loaded document: the authoritative Y.Doc, against which client updates
 * are previewed and checked before they are applied, who writes with which
 * client id (core/struct-rules.ts), presence, the peers
 * connected to it, and its persistence (every update appended durably, the
 * log compacted into a snapshot now and then).
 */
import { randomInt } from 'node:crypto'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { HuddleError } from '../../core/errors.js'
import type { InboxAccess } from '../../core/permissions.js'
import { checkStructs } from '../../core/struct-rules.js'
import { documentRefusal, updateRefusal, type SyncLimits } from '../../core/sync-limits.js'
import { SYSTEM_ACTOR } from '../../core/users.js'
import { previewChanges } from '../../core/yjs-internals/update-preview.js'
import { endClocks, listStructs } from '../../core/yjs-internals/update-structs.js'
import { updateRejection } from '../../core/update-problem.js'
import { updateProblems, type UpdateContext } from '../../core/update-rules.js'
import type { DocumentStore, StoredEntries } from '../store/document-store.js'
import { EncodedState, isEmptyStateVector } from './encoded-state.js'
import { ServedView } from './served-view.js'
import { awarenessFrame, rejectedFrame, syncStep2Frame, updateFrame } from './frames.js'
import type { Peer } from './peer.js'

/** Compact a document's log once this many updates follow its snapshot. */
export const COMPACT_AFTER = 500

/** The origin of changes the server makes itself. */
export const SERVER_ORIGIN = Symbol('server')
/** Changes another cluster node stored: relayed here, not stored again. */
const STORED_ORIGIN = Symbol('stored')

export type ApplyResult = { readonly kind: 'applied' } | { readonly kind: 'retired' } | { readonly kind: 'rejected'; readonly problems: readonly string[] }

export class Room {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<Peer>()
  private readonly encoded: EncodedState
  private readonly view: ServedView
  private lastWrite: Promise<unknown> = Promise.resolve()
  private lastSeq = 0
  private compactedThrough = 0
  private compacting: Promise<void> | null = null
  /** Who writes with each client id (user id, or SYSTEM_ACTOR for the server): see core/struct-rules.ts. */
  private owners = new Map<number, string>()
  /** Bindings made since the last append, stored with the next one: the update that first writes with them. */
  private unsavedOwners = new Map<number, string>()
  /** Set once the document is being replaced by its next epoch: no client update is applied any more. */
  isRetired = false
  /** Set when a write failed: the room must be dropped and reloaded from disk. */
  failure: Error | null = null
  /** Set once destroyed: its document no longer records changes, so none may be made. */
  isDestroyed = false
  idleSince = Date.now()
  /** Bytes the document takes in storage: its snapshot and the updates appended since (counted as written). */
  private storedBytes = 0
  /** Stops hearing what other cluster nodes store (a no-op on one process). */
  private unfollow: () => void = () => {}
  /** Presences other cluster nodes' clients hold here, by node: dropped together when the node goes. */
  private readonly remotePresence = new Map<string, Set<number>>()
  /** Hears awareness changes of this node's own clients, for other cluster nodes. */
  onLocalAwareness: (update: Uint8Array) => void = () => {}

  private constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly limits: SyncLimits,
    private readonly onFailure: (room: Room, error: Error) => void,
  ) {
    this.encoded = new EncodedState(this.doc)
    this.view = new ServedView(this.doc)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed]
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
      const frame = awarenessFrame(update)
      for (const peer of this.peers) if (peer !== origin) peer.send(frame)
      // A node's id as origin: the change came from that node, which told the others itself.
      if (typeof origin !== 'string') this.onLocalAwareness(update)
      else this.trackRemote(origin, [...added, ...updated], removed)
    })
  }

  static async load(name: string, store: DocumentStore, limits: SyncLimits, onFailure: (room: Room, error: Error) => void): Promise<Room> {
    const room = new Room(name, store, limits, onFailure)
    const stored = await store.load(name)
    room.lastSeq = stored.lastSeq
    room.storedBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0)
    room.compactedThrough = stored.lastSeq - stored.pending
    room.owners = new Map(stored.owners)
    room.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(room.doc, update)
    })
    // Listened to only from now on: with a listener, Yjs encodes the whole
    // loaded state again as the load's update (as long as the load itself,
    // and as many megabytes of garbage), only for it to be ignored.
    room.doc.on('update', (update: Uint8Array, origin: unknown) => room.onUpdate(update, origin))
    // A lone snapshot is the document's encoded state already: the first cold client need not wait for it to be encoded again.
    if (stored.updates.length === 1) room.encoded.adopt(stored.updates[0]!)
    // The server writes under an id nobody has used here (a clash is one in 2^32 per load).
    while (room.owners.has(room.doc.clientID) || Y.getState(room.doc.store, room.doc.clientID) > 0) room.doc.clientID = randomInt(2 ** 32)
    room.bind(room.doc.clientID, SYSTEM_ACTOR)
    room.unfollow = store.follow?.(name, stored.lastSeq, (entries) => room.integrateStored(entries)) ?? room.unfollow
    return room
  }

  /**
   * Integrates what another cluster node stored, without checking it again
   * (that node did): its client ids bound, its changes relayed to this
   * room's peers, not appended.
   */
  private integrateStored(entries: StoredEntries): void {
    if (this.isDestroyed) return
    for (const [client, owner] of entries.owners) this.owners.set(client, owner)
    this.doc.transact(() => {
      for (const update of entries.updates) Y.applyUpdate(this.doc, update, STORED_ORIGIN)
    }, STORED_ORIGIN)
    this.lastSeq = Math.max(this.lastSeq, entries.lastSeq)
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    this.encoded.invalidate()
    this.view.invalidate()
    this.storedBytes += update.byteLength
    if (origin === STORED_ORIGIN) {
      this.relay(update, null)
      return
    }
    const owners = this.unsavedOwners
    this.unsavedOwners = new Map()
    const append = this.store.append(this.name, update, owners).then(
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
    this.relay(update, origin)
  }

  private relay(update: Uint8Array, origin: unknown): void {
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

  private bind(client: number, owner: string): void {
    this.owners.set(client, owner)
    this.unsavedOwners.set(client, owner)
  }

  /**
   * Checks the client ids of a client's update and works out what it would
   * change, and applies the update only if every struct and change is
   * allowed. The author is acknowledged once the update is on disk.
   */
  async applyClientUpdate(peer: Peer, update: Uint8Array, context: UpdateContext): Promise<ApplyResult> {
    // Unacknowledged, it stays pending in the client, which carries it to the new epoch.
    if (this.isRetired) return { kind: 'retired' }
    this.assertLive()
    const tooLarge = updateRefusal(update.byteLength, this.limits)
    if (tooLarge) return this.reject(peer, tooLarge)
    let overQuota = documentRefusal(this.name, this.storedBytes, update.byteLength, this.limits)
    if (overQuota && this.lastSeq > this.compactedThrough) {
      // A log of small updates takes more room than the snapshot they merge
      // into: measure the document compacted before refusing it.
      await this.compact()
      if (this.isRetired) return { kind: 'retired' }
      this.assertLive()
      overQuota = documentRefusal(this.name, this.storedBytes, update.byteLength, this.limits)
    }
    if (overQuota) return this.reject(peer, overQuota)
    // No await between the checks and the application: the document cannot change in between.
    const user = context.user.id
    const decoded = Y.decodeUpdate(update)
    const listed = listStructs(decoded)
    const structs = checkStructs(listed, {
      doc: context.doc,
      user,
      ownerOf: (client) => this.owners.get(client),
    })
    const problems = structs.problems.length > 0 ? structs.problems : updateProblems(previewChanges(this.doc, update, decoded), context)
    const rejection = updateRejection(problems)
    if (rejection) return this.reject(peer, rejection, problems.map((p) => p.message))
    for (const client of structs.claims) this.bind(client, user)
    Y.applyUpdate(this.doc, update, peer)
    const covered = this.heldOf(user, endClocks(listed))
    await this.durable()
    peer.acknowledge(covered)
    return { kind: 'applied' }
  }

  private reject(peer: Peer, refusal: HuddleError, problems: readonly string[] = [refusal.message]): ApplyResult {
    peer.sendHuddle(rejectedFrame({ code: refusal.code, message: refusal.message }))
    return { kind: 'rejected', problems }
  }

  /**
   * What an ack to `user` may cover: per client id bound to `user`, the clock
   * through which the document holds it, never past `through` (the end of an
   * update's range). Only that user writes with those ids, so every clock
   * below is one of its updates, integrated (a part waiting for a missing
   * dependency does not advance the clock) and, once `durable()`, stored.
   */
  heldOf(user: string, through?: ReadonlyMap<number, number>): Map<number, number> {
    const held = new Map<number, number>()
    for (const client of through?.keys() ?? this.owners.keys()) {
      if (this.owners.get(client) !== user) continue
      const clock = Math.min(Y.getState(this.doc.store, client), through?.get(client) ?? Infinity)
      if (clock > 0) held.set(client, clock)
    }
    return held
  }

  /** Applies a change as the server; resolves once it is on disk. */
  async changeAsServer(change: (doc: Y.Doc) => void): Promise<void> {
    this.assertLive()
    this.doc.transact(() => change(this.doc), SERVER_ORIGIN)
    await this.durable()
  }

  /** The sync step 2 answering a client's step 1: the shared encoded state when the client holds nothing yet. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return isEmptyStateVector(stateVector) ? this.encoded.syncStep2Frame() : syncStep2Frame(this.doc, stateVector)
  }

  /** The `view` frame of this inbox document, folded with `access`. */
  viewFrame(access: InboxAccess): Uint8Array {
    return this.view.frameFor(access)
  }

  applyAwareness(peer: Peer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer)
  }

  /** Integrates presence another cluster node's clients changed. */
  applyRemoteAwareness(node: string, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, node)
  }

  /** Removes the presences of a cluster node that stopped. */
  dropRemoteAwareness(node: string): void {
    const clients = this.remotePresence.get(node)
    this.remotePresence.delete(node)
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], node)
  }

  /** The presences this node's own clients hold, for another node that asked; null when none. */
  localAwarenessStates(): Uint8Array | null {
    const clients = [...this.peers].flatMap((peer) => [...peer.awarenessIds]).filter((id) => this.awareness.getStates().has(id))
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null
  }

  private trackRemote(node: string, present: readonly number[], removed: readonly number[]): void {
    const clients = this.remotePresence.get(node) ?? new Set<number>()
    for (const id of present) clients.add(id)
    for (const id of removed) clients.delete(id)
    if (clients.size > 0) this.remotePresence.set(node, clients)
    else this.remotePresence.delete(node)
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
        const snapshot = this.encoded.update()
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
    this.unfollow()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }
