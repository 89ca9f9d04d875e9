/**
 * The sync server: accepts WebSocket connections at `/sync/<docName>`,
 * authenticates and authorises each one before a byte of the document is
 * sent, keeps loaded documents as rooms (loads serialised, idle ones
 * unloaded), checks every client update before applying it, and acknowledges
 * it once durable. It is also the DocumentHub through which the rest of the
 * server changes documents.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { WebSocketServer, type WebSocket } from 'ws'
import { SavedViewsDoc } from '../../core/saved-views-doc.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { requireDocName, type DocRef } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { DEFAULT_SYNC_LIMITS, socketRefusal, type SyncLimits } from '../../core/sync-limits.js'
import type { User } from '../../core/users.js'
import type { UpdateContext } from '../../core/update-rules.js'
import { CLOSE_CODES, HUDDLE_VERSION, MESSAGE, MIN_CLIENT_VERSION, PROTOCOL_VERSION, SYNC_PATH_PREFIX, compareVersions } from '../../core/wire.js'
import type { DocumentStore } from '../store/document-store.js'
import { guardAwarenessUpdate } from './awareness-guard.js'
import { CLOSE_CODE_FOR } from './close-codes.js'
import { Connection, DEFAULT_LIMITS, type ConnectionLimits } from './connection.js'
import type { AwarenessBus } from './awareness-bus.js'
import type { DocumentHub } from './document-hub.js'
import { awarenessFrame, helloFrame, permissionDeniedFrame, syncStep1Frame } from './frames.js'
import { Room } from './room.js'
import type { DocumentGrant, SyncAccess } from './sync-access.js'

export type SyncServerOptions = {
  readonly store: DocumentStore
  readonly access: SyncAccess
  readonly maxPayload?: number
  readonly limits?: Partial<ConnectionLimits>
  /** Caps on presence, sockets per user, update and document sizes (defaults in core/sync-limits.ts). */
  readonly syncLimits?: Partial<SyncLimits>
  /** Connections must be authenticated and joined within this time. */
  readonly authTimeoutMs?: number
  /** Documents nobody has used for this long are unloaded. */
  readonly idleUnloadMs?: number
  /** The server's clock (Date.now by default): sent in `hello`, and the `now` updates are judged at. */
  readonly now?: () => number
  readonly log?: (line: string) => void
  /** In cluster mode, how presence reaches the other nodes. */
  readonly awarenessBus?: AwarenessBus
}

type Listener = (name: string, doc: Y.Doc, user: string | null) => void

/** A connection once it has joined its document; `grant` was decided on the access's `revision` `grantedAt`. */
type Session = { readonly docName: string; readonly ref: DocRef; readonly room: Room; readonly token: string; grant: DocumentGrant; grantedAt: unknown }

export const DEFAULT_MAX_PAYLOAD = 1024 * 1024

/** Room in a frame for its type, sync step and length around an update. */
const FRAME_OVERHEAD_BYTES = 16

/** How long a graceful stop waits for clients to answer its close frames. */
const CLOSE_GRACE_MS = 1000

export class SyncServer implements DocumentHub {
  private readonly wss: WebSocketServer
  private readonly rooms = new Map<string, Promise<Room>>()
  /** Rooms with a server operation in progress, which must not be unloaded. */
  private readonly busy = new Map<Room, number>()
  private readonly sessions = new Map<Connection, Session | null>()
  private readonly listeners = new Set<Listener>()
  private readonly socketListeners = new Set<(userId: string, isConnected: boolean) => void>()
  private readonly limits: ConnectionLimits
  private readonly syncLimits: SyncLimits
  /** Open sockets per user id, counted from authentication to close. */
  private readonly socketsOf = new Map<string, number>()
  private readonly sweeper: NodeJS.Timeout
  private isClosing = false
  private readonly now: () => number

  constructor(private readonly options: SyncServerOptions) {
    this.now = options.now ?? Date.now
    this.syncLimits = { ...DEFAULT_SYNC_LIMITS, ...options.syncLimits }
    // A frame must be able to carry the largest update allowed, to be refused with a reason rather than cut off.
    const maxPayload = Math.max(options.maxPayload ?? DEFAULT_MAX_PAYLOAD, this.syncLimits.maxUpdateBytes + FRAME_OVERHEAD_BYTES)
    this.wss = new WebSocketServer({ noServer: true, maxPayload })
    this.limits = { ...DEFAULT_LIMITS, ...options.limits }
    const idle = options.idleUnloadMs ?? 30_000
    this.sweeper = setInterval(() => void this.unloadIdle(idle), Math.max(50, idle / 2))
    this.sweeper.unref()
    if (options.awarenessBus) this.joinAwarenessBus(options.awarenessBus)
  }

  /** Presence across cluster nodes: only rooms this node holds take part. */
  private joinAwarenessBus(bus: AwarenessBus): void {
    const loaded = (doc: string, use: (room: Room) => void): void => {
      void this.rooms.get(doc)?.then((room) => !room.isDestroyed && use(room), () => {})
    }
    bus.onUpdate((doc, node, update) => loaded(doc, (room) => room.applyRemoteAwareness(node, update)))
    bus.onQuery((doc) =>
      loaded(doc, (room) => {
        const states = room.localAwarenessStates()
        if (states) bus.publish(doc, states)
      }),
    )
    bus.onNodeGone((node) => {
      for (const doc of this.rooms.keys()) loaded(doc, (room) => room.dropRemoteAwareness(node))
    })
  }

  /** A room just loaded: its presence goes out to, and is asked of, the other nodes. */
  private shareAwareness(name: string, room: Room): void {
    const bus = this.options.awarenessBus
    if (!bus) return
    room.onLocalAwareness = (update) => bus.publish(name, update)
    bus.query(name)
  }

  /** Handles an HTTP upgrade; anything outside `/sync/` is answered 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // The path as sent: URL parsing would resolve `..`, `%2e%2e` and backslashes into
    // another document's name, which must be refused rather than served (doc-names.ts).
    const path = (request.url ?? '/').split(/[?#]/, 1)[0]!
    if (!path.startsWith(SYNC_PATH_PREFIX) || this.isClosing) {
      socket.end(`HTTP/1.1 ${this.isClosing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`)
      return
    }
    const url = new URL(request.url ?? '/', 'http://huddle')
    const docName = path.slice(SYNC_PATH_PREFIX.length)
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request, url, docName))
  }

  private accept(ws: WebSocket, request: IncomingMessage, url: URL, docName: string): void {
    const clientVersion = url.searchParams.get('client')
    let joined: Promise<Session | null> = Promise.resolve(null)
    const connection = new Connection(ws, clientVersion !== null, this.limits, async (frame) => {
      const session = await joined
      if (session) await this.onFrame(connection, session, frame)
    })
    this.sessions.set(connection, null)
    connection.onClose(() => {
      this.sessions.get(connection)?.room.removePeer(connection)
      this.sessions.delete(connection)
    })
    joined = this.join(connection, request, url, docName, clientVersion)
  }

  private async join(connection: Connection, request: IncomingMessage, url: URL, docName: string, clientVersion: string | null): Promise<Session | null> {
    const deadline = setTimeout(
      () => this.deny(connection, new HuddleError('unauthenticated', 'Authentication did not complete in time; reconnect.')),
      this.options.authTimeoutMs ?? 10_000,
    )
    try {
      const ref = requireDocName(docName)
      if (clientVersion !== null && compareVersions(clientVersion, MIN_CLIENT_VERSION) < 0)
        throw new HuddleError(
          'unsupported-version',
          `huddle ${clientVersion} is too old for this server, which needs at least ${MIN_CLIENT_VERSION}. Install a newer huddle: npm install -g huddle@latest`,
        )
      const token = url.searchParams.get('token') ?? bearerToken(request)
      if (!token) throw new HuddleError('unauthenticated', 'No token given: connect with `?token=…` or an `Authorization: Bearer …` header.')
      const user = await this.options.access.authenticate(token)
      if (!user) throw new HuddleError('unauthenticated', 'That token is not valid (unknown or replaced). Ask an admin for a new one: `huddle user token <id>`.')
      if (connection.isClosed) return null
      this.countSocket(connection, user)
      // Read before deciding: a change landing during the await leaves the grant stale, and it is decided again.
      const grantedAt = this.options.access.revision()
      const grant = await this.options.access.authorize(user, ref)
      let room = await this.room(docName)
      while (room.isRetired) room = await this.room(docName)
      if (connection.isClosed) return null
      if (isStaleEpoch(ref, url, room)) {
        const reason = `This inbox moved to a new epoch (${new InboxDoc(room.doc).epoch()}): drop the old copy and sync again.`
        connection.send(permissionDeniedFrame(reason))
        connection.close(CLOSE_CODES.epochChanged, reason)
        return null
      }
      connection.user = user
      const session: Session = { docName, ref, room, token, grant, grantedAt }
      this.sessions.set(connection, session)
      room.addPeer(connection)
      connection.sendHuddle(
        helloFrame({ protocol: PROTOCOL_VERSION, serverVersion: HUDDLE_VERSION, minClientVersion: MIN_CLIENT_VERSION, user: user.id, time: this.now() }),
      )
      // A replica holding nothing of an inbox shows its rows while the document, a second to apply when large, comes in.
      if (grant.kind === 'inbox' && url.searchParams.get('epoch') === '') connection.sendHuddle(room.viewFrame(grant.inbox))
      connection.send(syncStep1Frame(room.doc))
      const states = room.awarenessStates()
      if (states) connection.send(awarenessFrame(states))
      // Tell the client what of its changes is already durable, so those it sent
      // on an earlier connection count as acknowledged.
      const held = room.heldOf(user.id)
      await room.durable()
      connection.acknowledge(held)
      return session
    } catch (error) {
      this.deny(connection, error)
      return null
    } finally {
      clearTimeout(deadline)
    }
  }

  /** Counts the connection among its user's open sockets until it closes; refuses one too many. */
  private countSocket(connection: Connection, user: User): void {
    const open = this.socketsOf.get(user.id) ?? 0
    const refusal = socketRefusal(user.id, open, this.syncLimits)
    if (refusal) throw refusal
    this.socketsOf.set(user.id, open + 1)
    if (open === 0) for (const listener of this.socketListeners) listener(user.id, true)
    connection.onClose(() => {
      const left = (this.socketsOf.get(user.id) ?? 1) - 1
      if (left > 0) this.socketsOf.set(user.id, left)
      else {
        this.socketsOf.delete(user.id)
        for (const listener of this.socketListeners) listener(user.id, false)
      }
    })
  }

  /** Calls `listener` when a user's first socket opens (true) and when their last one closes (false). Returns an unsubscribe. */
  onUserSockets(listener: (userId: string, isConnected: boolean) => void): () => void {
    this.socketListeners.add(listener)
    return () => this.socketListeners.delete(listener)
  }

  private async onFrame(connection: Connection, session: Session, frame: Uint8Array): Promise<void> {
    try {
      const decoder = decoding.createDecoder(frame)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MESSAGE.sync: {
          const step = decoding.readVarUint(decoder)
          const payload = decoding.readVarUint8Array(decoder)
          if (step === syncProtocol.messageYjsSyncStep1) connection.send(session.room.syncStep2For(payload))
          else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) await this.clientUpdate(connection, session, payload)
          else throw new HuddleError('invalid', `Unknown sync step ${step}.`)
          return
        }
        case MESSAGE.awareness: {
          const update = decoding.readVarUint8Array(decoder)
          if (!connection.awarenessLimiter.take()) return
          const guarded = guardAwarenessUpdate(
            update,
            connection.user,
            connection.awarenessIds,
            (id) => this.ownsElsewhere(session.room, connection, id),
            this.syncLimits,
          )
          for (const id of guarded.owned) connection.awarenessIds.add(id)
          if (guarded.update) session.room.applyAwareness(connection, guarded.update)
          return
        }
        case MESSAGE.queryAwareness: {
          const states = session.room.awarenessStates()
          if (states) connection.send(awarenessFrame(states))
          return
        }
        case MESSAGE.auth:
          return
        default:
          throw new HuddleError('invalid', `Unknown message type ${type}.`)
      }
    } catch (error) {
      if (error instanceof HuddleError) this.deny(connection, error)
      else connection.close(CLOSE_CODES.invalid, `Malformed frame: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private ownsElsewhere(room: Room, connection: Connection, clientId: number): boolean {
    for (const peer of room.peers) if (peer !== connection && peer.awarenessIds.has(clientId)) return true
    return false
  }

  private async clientUpdate(connection: Connection, session: Session, update: Uint8Array): Promise<void> {
    const revision = this.options.access.revision()
    if (revision !== session.grantedAt) {
      session.grant = await this.currentGrant(connection, session)
      session.grantedAt = revision
    }
    const result = await session.room.applyClientUpdate(connection, update, this.updateContext(connection, session))
    if (result.kind === 'retired') return
    if (result.kind === 'rejected') {
      this.options.log?.(`Refused an update to ${session.docName} from ${connection.user.id}: ${result.problems.join('; ')}`)
      return
    }
    for (const listener of this.listeners) listener(session.docName, session.room.doc, connection.user.id)
  }

  /**
   * Membership may have changed since the grant was decided: decide on
   * today's. A conversation never leaves its inbox, so its grant is renewed
   * from the inbox's (in memory) rather than by looking the conversation up again.
   */
  private async currentGrant(connection: Connection, session: Session): Promise<DocumentGrant> {
    const grant = session.grant
    if (grant.kind !== 'conversation') return this.options.access.authorize(connection.user, session.ref)
    const inbox = await this.options.access.authorize(connection.user, requireDocName(grant.inboxDoc))
    return inbox.kind === 'inbox' ? { ...grant, inbox: inbox.inbox } : inbox
  }

  private updateContext(connection: Connection, session: Session): UpdateContext {
    const base = { user: connection.user, now: this.now() }
    const grant = session.grant
    switch (grant.kind) {
      case 'org':
        return { ...base, doc: 'org' }
      case 'inbox':
        return { ...base, doc: 'inbox', inbox: grant.inbox }
      case 'prefs':
        return { ...base, doc: 'prefs', owner: grant.owner, entries: new Map(new SavedViewsDoc(session.room.doc).entries()) }
      case 'conversation': {
        const conversation = new ConversationDoc(session.room.doc)
        const replies = {
          conversation: session.ref.kind === 'conversation' ? session.ref.id : session.docName,
          inboundTimes: conversation.inboundTimes(),
          consent: conversation.readConsent(),
          templates: this.options.access.templates?.() ?? {},
        }
        return { ...base, doc: 'conversation', inbox: grant.inbox, channel: conversation.readMeta()?.channel ?? null, replies }
      }
    }
  }

  private deny(connection: Connection, error: unknown): void {
    const refusal = error instanceof HuddleError ? error : new HuddleError('unavailable', 'The server failed to open this document; try again.')
    if (!(error instanceof HuddleError)) this.options.log?.(`Connection failed: ${error instanceof Error ? error.stack : String(error)}`)
    connection.send(permissionDeniedFrame(refusal.message))
    connection.close(CLOSE_CODE_FOR[refusal.code], refusal.message)
  }

  /** The loaded room of `name`, loading it when needed; never a destroyed one. */
  private async room(name: string): Promise<Room> {
    for (;;) {
      if (this.isClosing) throw new HuddleError('unavailable', 'The server is shutting down; nothing was stored. Try again in a moment.')
      let pending = this.rooms.get(name)
      if (!pending) {
        pending = Room.load(name, this.options.store, this.syncLimits, (room, error) => this.roomFailed(room, error)).then((room) => {
          this.shareAwareness(name, room)
          for (const listener of this.listeners) listener(name, room.doc, null)
          return room
        })
        this.rooms.set(name, pending)
        const loading = pending
        loading.catch(() => this.rooms.get(name) === loading && this.rooms.delete(name))
      }
      const room = await pending
      if (!room.isDestroyed) return room
      // Failed or unloaded while we waited for it: load it afresh.
      if (this.rooms.get(name) === pending) this.rooms.delete(name)
    }
  }

  private roomFailed(room: Room, error: Error): void {
    this.options.log?.(`Storage failed for ${room.name}: ${error.message}. Its clients were disconnected; it reloads from disk on next use.`)
    for (const peer of [...room.peers]) peer.close(CLOSE_CODES.storage, 'The server could not store changes; reconnect to resend them.')
    // Its document holds a change the disk may lack: nothing more may build on it.
    room.destroy()
  }

  private async withRoom<T>(name: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    requireDocName(name)
    let room = await this.room(name)
    // Rotated while we waited: the change belongs in the new epoch.
    while (room.isRetired) room = await this.room(name)
    this.busy.set(room, (this.busy.get(room) ?? 0) + 1)
    try {
      return await use(room)
    } finally {
      const count = (this.busy.get(room) ?? 1) - 1
      if (count === 0) this.busy.delete(room)
      else this.busy.set(room, count)
    }
  }

  change(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    return this.withRoom(name, (room) => room.changeAsServer(change))
  }

  /**
   * Replaces a document by what `rebuild` makes of it (a live inbox's next
   * epoch): from this call on no client update is applied to the old one,
   * the rebuilt state is stored in place of the old log in one atomic write,
   * the room reloads from it, and every connection to the old one is closed
   * `4409`. Server changes made meanwhile wait for the new room.
   */
  async rotate(name: string, rebuild: (doc: Y.Doc) => Uint8Array, beforeStore: () => Promise<void> = async () => {}): Promise<void> {
    requireDocName(name)
    let old = await this.room(name)
    while (old.isRetired) old = await this.room(name)
    old.isRetired = true
    // No await between retiring and rebuilding: nothing can reach the old document in between.
    const snapshot = rebuild(old.doc)
    const next = (async () => {
      await old.durable()
      await beforeStore()
      await this.options.store.compact(name, snapshot, old.storedThrough())
      return Room.load(name, this.options.store, this.syncLimits, (room, error) => this.roomFailed(room, error))
    })()
    this.rooms.set(name, next)
    try {
      const room = await next
      this.shareAwareness(name, room)
      for (const listener of this.listeners) listener(name, room.doc, null)
    } catch (error) {
      // Nothing was replaced: the old epoch stays, and its clients resend what it did not take meanwhile.
      old.isRetired = false
      this.rooms.set(name, Promise.resolve(old))
      throw error
    } finally {
      for (const peer of [...old.peers]) peer.close(CLOSE_CODES.epochChanged, 'This inbox moved to a new epoch; sync it again.')
    }
    old.destroy()
  }

  read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(name, (room) => read(room.doc))
  }

  disconnect(userId: string, matches: (docName: string) => boolean, code: number, reason: string): void {
    for (const [connection, session] of this.sessions) {
      if (session && connection.user.id === userId && matches(session.docName)) {
        connection.send(permissionDeniedFrame(reason))
        connection.close(code, reason)
      }
    }
  }

  /**
   * Authenticates and authorises every open connection again, closing those
   * now refused with the refusal's code: another cluster node removed a
   * member or replaced a token, which this node learns only from the store.
   */
  async recheckSessions(): Promise<void> {
    for (const [connection, session] of [...this.sessions]) {
      if (!session || connection.isClosed) continue
      try {
        const user = await this.options.access.authenticate(session.token)
        if (!user || user.id !== connection.user.id)
          throw new HuddleError('unauthenticated', 'Your token was replaced or revoked; sign in again with the new one.')
        session.grantedAt = this.options.access.revision()
        session.grant = await this.currentGrant(connection, session)
      } catch (error) {
        if (!connection.isClosed) this.deny(connection, error)
      }
    }
  }

  async remove(name: string): Promise<void> {
    const pending = this.rooms.get(name)
    this.rooms.delete(name)
    if (pending) {
      const room = await pending.catch(() => null)
      if (room) {
        for (const peer of [...room.peers]) peer.close(CLOSE_CODES.notFound, 'This document was deleted.')
        await room.durable().catch((error: unknown) => this.options.log?.(`Last writes to deleted ${name} failed: ${String(error)}`))
        room.destroy()
      }
    }
    await this.options.store.remove(name)
  }

  observe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** How many sockets a user holds open (for tests and benchmarks). */
  openSockets(userId: string): number {
    return this.socketsOf.get(userId) ?? 0
  }

  /** How many documents are loaded (for tests and benchmarks). */
  loadedCount(): number {
    return this.rooms.size
  }

  private async unloadIdle(idleMs: number): Promise<void> {
    const now = Date.now()
    for (const [name, pending] of this.rooms) {
      const room = await pending.catch(() => null)
      if (!room || room.isDestroyed || room.peers.size > 0 || this.busy.has(room) || now - room.idleSince < idleMs) continue
      await room.compact().catch((error: unknown) => this.options.log?.(`Could not compact ${name} before unloading it: ${String(error)}`))
      // Re-check after the await: a client or a server change may have come in
      // meanwhile, and unloading now would cut it off.
      if (room.peers.size > 0 || this.busy.has(room) || this.rooms.get(name) !== pending) continue
      this.rooms.delete(name)
      room.destroy()
    }
  }

  /** Stops accepting, closes every connection, and writes every document durably. */
  async close(): Promise<void> {
    this.isClosing = true
    clearInterval(this.sweeper)
    for (const connection of this.sessions.keys()) connection.close(CLOSE_CODES.goingAway, 'The server is shutting down.')
    // Out of the map first, so that nothing finds a room that is about to be destroyed.
    const pending = [...this.rooms.values()]
    this.rooms.clear()
    for (const room of await Promise.all(pending.map((p) => p.catch(() => null)))) {
      if (!room) continue
      await room.compact().catch((error: unknown) => this.options.log?.(`Could not compact ${room.name}: ${String(error)}`))
      room.destroy()
    }
    await this.endSockets()
    this.wss.close()
  }

  /**
   * Gives clients a moment to answer the close frames sent to them, then ends
   * the sockets of those that did not: ws would keep each one up to 30 s, and
   * with it the HTTP server's close and the process.
   */
  private async endSockets(): Promise<void> {
    const open = [...this.wss.clients]
    if (open.length > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_GRACE_MS)
        let left = open.length
        for (const ws of open)
          ws.once('close', () => {
            left -= 1
            if (left > 0) return
            clearTimeout(timer)
            resolve()
          })
      })
    for (const ws of this.wss.clients) ws.terminate()
  }
}

/** A huddle client naming an epoch of an inbox document other than the current one. */
function isStaleEpoch(ref: DocRef, url: URL, room: Room): boolean {
  const asked = url.searchParams.get('epoch')
  // Absent or empty: a stock provider, or a replica holding nothing of it yet.
  if (asked === null || asked === '' || (ref.kind !== 'inbox' && ref.kind !== 'personal')) return false
  return asked !== String(new InboxDoc(room.doc).epoch())
}

function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match ? match[1]! : null
}
