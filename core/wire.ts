/**
 * The sync wire protocol: the standard y-websocket framing, plus four message
 * types of ours that only clients announcing a huddle version receive.
 *
 * Every frame: varUint messageType, then the payload.
 *
 *   0   sync         y-protocols sync (step 1, step 2, update)
 *   1   awareness    y-protocols awareness update
 *   2   auth         y-protocols auth: permission denied + reason, then a close
 *   3   query awareness
 *   100 hello        server → client, varString JSON ServerHello, first frame
 *   101 ack          server → client, varUint8Array state vector: every update of
 *                    the listed clients up to these clocks is integrated and durably
 *                    stored; it lists only client ids bound to the receiving user
 *   102 rejected     server → client, varString JSON {code, message}: an update
 *                    was refused, neither applied nor stored nor relayed
 *   103 view         server → client, varString JSON ViewRow[] (view-rows.ts): an
 *                    inbox's rows as the server folds them for that member, sent
 *                    after hello when the replica holds nothing of the inbox
 *                    (`epoch` empty), to show until the document is in
 *
 * A huddle client connects to `/sync/<docName>?token=…&client=<version>`, and
 * to an inbox document with `&epoch=<n>`, the epoch its replica holds (see
 * live-epoch.ts): another epoch is denied with close 4409 before any sync frame.
 */
import type { ErrorCode } from './errors.js'

export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  hello: 100,
  ack: 101,
  rejected: 102,
  view: 103,
} as const

/** Version of this wire protocol; bumped on incompatible change. */
export const PROTOCOL_VERSION = 1
/** The huddle release of this code (server and client). */
export const HUDDLE_VERSION = '0.1.0'
/** Clients older than this are refused by the server. */
export const MIN_CLIENT_VERSION = '0.1.0'

export type ServerHello = {
  readonly protocol: number
  readonly serverVersion: string
  readonly minClientVersion: string
  readonly user: string
  /** The server's clock, for clients to correct theirs. */
  readonly time: number
}

export type Rejection = { readonly code: ErrorCode; readonly message: string }

/**
 * WebSocket close codes. 44xx: a decision reconnecting cannot change (the
 * y-websocket provider stops retrying); 45xx: try again later.
 */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  invalid: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** The live inbox document moved to a new epoch: drop the old copy, carry offline work over, sync afresh. */
  epochChanged: 4409,
  unsupportedVersion: 4426,
  tooLarge: 4413,
  rateLimited: 4429,
  storage: 4500,
  overloaded: 4503,
} as const

export const SYNC_PATH_PREFIX = '/sync/'

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0)
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}
