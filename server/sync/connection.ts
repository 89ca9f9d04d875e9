/**
 * One client socket: sends with back-pressure, keeps it alive with ping/pong,
 * limits its message rate, and processes its frames one at a time in order.
 * A client over the rate is closed once the frames it sent before are
 * processed and acknowledged, with a reason: nothing it was sent word of is lost.
 */
import type { Socket } from 'node:net'
import type { WebSocket } from 'ws'
import type { User } from '../../core/users.js'
import { CLOSE_CODES } from '../../core/wire.js'
import { ackFrame, permissionDeniedFrame } from './frames.js'
import type { Peer } from './peer.js'
import { RateLimiter } from './rate-limiter.js'

export type ConnectionLimits = {
  /** Close a client whose unsent data exceeds this many bytes. */
  readonly maxBufferedBytes: number
  /** Frames a second, sustained; bursts up to `messageBurst`. */
  readonly messageRate: number
  readonly messageBurst: number
  /** Awareness frames a second; excess frames are dropped. */
  readonly awarenessRate: number
  readonly pingIntervalMs: number
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxBufferedBytes: 8 * 1024 * 1024,
  messageRate: 500,
  messageBurst: 2000,
  awarenessRate: 20,
  pingIntervalMs: 30_000,
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
function closeReason(reason: string): string {
  const bytes = Buffer.from(reason)
  return bytes.length <= 123 ? reason : `${bytes.subarray(0, 119).toString('utf8').replace(/\uFFFD*$/, '')}…`
}

export class Connection implements Peer {
  user!: User
  readonly awarenessIds = new Set<number>()
  isClosed = false
  /** Set once the client went over the rate: its later frames are ignored and it is closed after the earlier ones. */
  private isFlooding = false
  private readonly messages: RateLimiter
  readonly awarenessLimiter: RateLimiter
  private queue: Promise<void> = Promise.resolve()
  private isAlive = true
  private readonly pinger: NodeJS.Timeout
  private readonly closeListeners: Array<() => void> = []
  private pendingAck = new Map<number, number>()
  private isCorked = false

  constructor(
    private readonly ws: WebSocket,
    readonly isHuddleClient: boolean,
    private readonly limits: ConnectionLimits,
    onFrame: (frame: Uint8Array) => Promise<void>,
  ) {
    this.messages = new RateLimiter(limits.messageRate, limits.messageBurst)
    this.awarenessLimiter = new RateLimiter(limits.awarenessRate, limits.awarenessRate * 2)
    ws.binaryType = 'nodebuffer'
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.isClosed || this.isFlooding) return
      if (!isBinary) return this.close(CLOSE_CODES.invalid, 'Only binary y-websocket frames are accepted.')
      if (!this.messages.take()) return this.refuseFlood()
      const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      this.queue = this.queue.then(() => (this.isClosed ? undefined : onFrame(frame)))
    })
    ws.on('pong', () => {
      this.isAlive = true
    })
    ws.on('close', () => this.closed())
    ws.on('error', () => this.closed())
    this.pinger = setInterval(() => {
      if (!this.isAlive) return this.ws.terminate()
      this.isAlive = false
      this.ws.ping()
    }, limits.pingIntervalMs)
    this.pinger.unref()
  }

  private refuseFlood(): void {
    this.isFlooding = true
    const reason = `Too many messages: more than ${this.limits.messageBurst} at once or ${this.limits.messageRate} a second. Those sent before were handled; slow down and reconnect.`
    this.queue = this.queue.then(() => {
      this.send(permissionDeniedFrame(reason))
      this.close(CLOSE_CODES.rateLimited, reason)
    })
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener)
  }

  send(frame: Uint8Array): void {
    if (this.isClosed || this.ws.readyState !== this.ws.OPEN) return
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes)
      return this.close(CLOSE_CODES.overloaded, 'The connection is not keeping up with updates; reconnect.')
    this.corkUntilNextTurn()
    this.ws.send(frame)
  }

  /**
   * Holds this turn's frames in the socket and writes them with one system
   * call: under load a client receives many small updates at once. (`_socket`
   * is the ws library's underlying net.Socket.)
   */
  private corkUntilNextTurn(): void {
    if (this.isCorked) return
    const socket = (this.ws as unknown as { _socket?: Socket })._socket
    if (!socket) return
    this.isCorked = true
    socket.cork()
    setImmediate(() => {
      this.isCorked = false
      socket.uncork()
    })
  }

  sendHuddle(frame: Uint8Array): void {
    if (this.isHuddleClient) this.send(frame)
  }

  acknowledge(covered: ReadonlyMap<number, number>): void {
    if (!this.isHuddleClient) return
    const isFirst = this.pendingAck.size === 0
    for (const [client, clock] of covered) this.pendingAck.set(client, Math.max(clock, this.pendingAck.get(client) ?? 0))
    // Under load many updates are stored by one synced write: answer them with one frame.
    if (isFirst && covered.size > 0) setImmediate(() => this.flushAck())
  }

  private flushAck(): void {
    if (this.pendingAck.size === 0) return
    const ack = this.pendingAck
    this.pendingAck = new Map()
    this.send(ackFrame(ack))
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return
    // Whatever is stored is acknowledged before the close, so the client does not send it again.
    this.flushAck()
    this.ws.close(code, closeReason(reason))
    this.closed()
  }

  /** Waits until every frame received so far has been processed. */
  async settled(): Promise<void> {
    await this.queue
  }

  private closed(): void {
    if (this.isClosed) return
    this.isClosed = true
    clearInterval(this.pinger)
    for (const listener of this.closeListeners) listener()
  }
}
