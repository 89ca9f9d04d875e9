/**
 * The connection of one replica document to the server: a y-websocket
 * provider (which reconnects with backoff by itself) plus huddle's frames —
 * `hello` (checked before anything else is accepted), `ack`, `rejected` — and
 * the denial (permission-denied frame, then a 44xx close).
 */
import * as decoding from 'lib0/decoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import { Awareness } from 'y-protocols/awareness'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { parseInboxRef } from '../../core/doc-names.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { parseViewRows, type ViewRow } from '../../core/view-rows.js'
import { HUDDLE_VERSION, MESSAGE, PROTOCOL_VERSION, type Rejection, type ServerHello } from '../../core/wire.js'
import type { LocalDoc } from './local-doc.js'

export type LinkStatus = 'connecting' | 'offline' | 'connected' | 'synced' | 'denied'

export type Denial = {
  /** The close code (0 when this client refused the server). */
  readonly code: number
  readonly reason: string
}

export type LinkEvents = {
  readonly onStatus: (status: LinkStatus) => void
  /** A `hello` with our protocol, received `receivedAt` on a connection started `sentAt`. */
  readonly onHello: (hello: ServerHello, sentAt: number, receivedAt: number) => void
  readonly onAck: (stateVector: Map<number, number>) => void
  readonly onRejected: (rejection: Rejection) => void
  readonly onDenied: (denial: Denial) => void
  /** The server's rows of an inbox this replica holds nothing of (the `view` frame). */
  readonly onView: (rows: readonly ViewRow[]) => void
}

export type LinkOptions = {
  /** `ws(s)://host:port/sync`. */
  readonly syncUrl: string
  readonly token: string
  readonly clientVersion?: string
  /** Longest wait between reconnection attempts. */
  readonly maxBackoffMs?: number
  /** Whether this client shows itself in the document's presence. */
  readonly isPresent?: boolean
  readonly WebSocket?: unknown
  /** The local clock the `hello` round trip is measured with (default Date.now). */
  readonly wallClock?: () => number
}

/** Asks for the server's state now and then, which also keeps an idle connection from looking dead. */
const RESYNC_MS = 15_000

// y-websocket's resync timer reads the global `WebSocket.OPEN`, which Node 20 does not define:
// without this, a client that stays connected 15 s (the dashboard) dies of a ReferenceError.
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined') Object.assign(globalThis, { WebSocket })

export class DocLink {
  readonly awareness: Awareness
  private readonly provider: WebsocketProvider
  private current: LinkStatus = 'connecting'
  private hasHello = false
  private readonly wallClock: () => number
  private startedAt: number
  private deniedReason: string | null = null

  constructor(
    readonly local: LocalDoc,
    options: LinkOptions,
    private readonly events: LinkEvents,
  ) {
    this.wallClock = options.wallClock ?? Date.now
    this.startedAt = this.wallClock()
    this.awareness = new Awareness(local.doc)
    if (!options.isPresent) this.awareness.setLocalState(null)
    this.provider = new WebsocketProvider(options.syncUrl, local.name, local.doc, {
      connect: false,
      awareness: this.awareness,
      params: linkParams(local, options),
      WebSocketPolyfill: (options.WebSocket ?? WebSocket) as never,
      disableBc: true,
      resyncInterval: RESYNC_MS,
      maxBackoffTime: options.maxBackoffMs ?? 2500,
    })
    // Every provider adds an `exit` listener of its own, so a dozen documents
    // trip Node's MaxListeners warning; it could send nothing at exit anyway,
    // and closing the link removes our presence while the socket is still up.
    process.off('exit', this.provider._exitHandler)
    this.installHandlers()
    this.provider.on('status', ({ status }) => {
      if (status === 'connecting') {
        this.startedAt = this.wallClock()
        this.hasHello = false
      } else if (status === 'connected') this.setStatus('connected')
    })
    this.provider.on('sync', (isSynced) => {
      if (isSynced && this.current === 'connected') this.setStatus('synced')
    })
    this.provider.on('connection-close', (event) => {
      // A final close (44xx) is followed by `closed`: it is a denial, not being offline.
      const isFinal = event !== null && event.code >= 4400 && event.code < 4500
      if (!isFinal) this.setStatus('offline')
    })
    this.provider.on('connection-error', () => {
      if (this.current !== 'denied' && this.current !== 'connected' && this.current !== 'synced') this.setStatus('offline')
    })
    this.provider.on('closed', ({ code, reason }) => this.deny({ code, reason: this.deniedReason ?? (reason || `The server closed the connection (${code}).`) }))
    this.provider.connect()
  }

  get name(): string {
    return this.local.name
  }

  get status(): LinkStatus {
    return this.current
  }

  /** Ends the connection for good; the document stays in the replica. */
  destroy(): void {
    this.awareness.setLocalState(null)
    this.provider.destroy()
    this.awareness.destroy()
  }

  private installHandlers(): void {
    const handlers = this.provider.messageHandlers
    const sync = handlers[MESSAGE.sync]!
    handlers[MESSAGE.sync] = (encoder, decoder, provider, emitSynced, type) => {
      // A server that does not greet first is not a huddle server: never take its document.
      if (!this.hasHello)
        return this.refuse(
          `The server at ${this.origin()} does not speak huddle's sync protocol (it sent no hello). Check that --server points at a huddle server.`,
        )
      const peek = decoding.clone(decoder)
      if (decoding.readVarUint(peek) !== syncProtocol.messageYjsSyncStep2) return sync(encoder, decoder, provider, emitSynced, type)
      this.local.receiveState(decoding.readVarUint8Array(peek), () => sync(encoder, decoder, provider, emitSynced, type))
    }
    handlers[MESSAGE.auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.local.doc, (_doc, reason) => {
        this.deniedReason = reason
      })
    }
    handlers[MESSAGE.hello] = (_encoder, decoder) => {
      const hello = parseHello(decoding.readVarString(decoder))
      if (hello === null) return this.refuse(`The server at ${this.origin()} sent a greeting huddle cannot read; check that --server points at a huddle server.`)
      if (hello.protocol !== PROTOCOL_VERSION)
        return this.refuse(
          `The server at ${this.origin()} speaks huddle sync protocol ${hello.protocol} (huddle ${hello.serverVersion}); this huddle (${HUDDLE_VERSION}) speaks protocol ${PROTOCOL_VERSION}. Install the huddle version that matches the server.`,
        )
      this.hasHello = true
      this.events.onHello(hello, this.startedAt, this.wallClock())
    }
    handlers[MESSAGE.ack] = (_encoder, decoder) => {
      this.events.onAck(Y.decodeStateVector(decoding.readVarUint8Array(decoder)))
    }
    handlers[MESSAGE.view] = (_encoder, decoder) => {
      // Only a preview: the document that follows is what counts, so rows that cannot be read are simply not shown.
      const rows = parseViewRows(decoding.readVarString(decoder))
      if (this.hasHello && rows) this.events.onView(rows)
    }
    handlers[MESSAGE.rejected] = (_encoder, decoder) => {
      const rejection = parseRejection(decoding.readVarString(decoder))
      this.events.onRejected(rejection)
    }
  }

  /** Refuses the server on this client's side: disconnects and stops retrying. */
  refuse(reason: string): void {
    this.provider.disconnect()
    this.deny({ code: 0, reason })
  }

  private deny(denial: Denial): void {
    if (this.current === 'denied') return
    this.current = 'denied'
    // The refusal is handled before the state is recomputed: a new epoch's reload already counts as loading then.
    this.events.onDenied(denial)
    this.events.onStatus('denied')
  }

  private setStatus(status: LinkStatus): void {
    if (this.current === status || this.current === 'denied') return
    this.current = status
    this.events.onStatus(status)
  }

  private origin(): string {
    return this.provider.serverUrl.replace(/\/sync$/, '')
  }
}

/**
 * The connection's query: token and version, and for an inbox document the
 * epoch the replica holds. The provider reads it at every (re)connection, so
 * `epoch` is a getter: it names the epoch the document holds by then (empty
 * while the replica holds nothing of it, which any epoch may fill).
 */
function linkParams(local: LocalDoc, options: LinkOptions): Record<string, string> {
  const params: Record<string, string> = { token: options.token, client: options.clientVersion ?? HUDDLE_VERSION }
  if (parseInboxRef(local.name) !== null)
    Object.defineProperty(params, 'epoch', {
      enumerable: true,
      get: () => (local.doc.store.clients.size === 0 ? '' : String(new InboxDoc(local.doc).epoch())),
    })
  return params
}

function parseHello(text: string): ServerHello | null {
  try {
    const value = JSON.parse(text) as Record<string, unknown>
    if (typeof value.protocol !== 'number' || typeof value.user !== 'string' || typeof value.time !== 'number') return null
    return {
      protocol: value.protocol,
      serverVersion: String(value.serverVersion),
      minClientVersion: String(value.minClientVersion),
      user: value.user,
      time: value.time,
    }
  } catch {
    return null
  }
}

function parseRejection(text: string): Rejection {
  try {
    const value = JSON.parse(text) as Record<string, unknown>
    if (typeof value.message === 'string') return { code: (value.code ?? 'invalid') as Rejection['code'], message: value.message }
  } catch {
    // Reported below.
  }
  return { code: 'invalid', message: 'The server refused a change without saying why.' }
}
