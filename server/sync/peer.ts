/** A client connected to a room, as the room sees it. */
import type { User } from '../../core/users.js'

export interface Peer {
  readonly user: User
  /** Awareness client ids this peer owns (see awareness-guard.ts). */
  readonly awarenessIds: Set<number>
  /** Sends a standard y-websocket frame. */
  send(frame: Uint8Array): void
  /** Sends one of huddle's own frames; dropped for stock y-websocket clients. */
  sendHuddle(frame: Uint8Array): void
  /** Acknowledges stored updates; acks of one turn of the event loop go out as one frame. */
  acknowledge(covered: ReadonlyMap<number, number>): void
  close(code: number, reason: string): void
}
