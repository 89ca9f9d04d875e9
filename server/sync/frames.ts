/** Encoders for the frames the server sends (see core/wire.ts for the table). */
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import type { ViewRow } from '../../core/view-rows.js'
import { MESSAGE, type Rejection, type ServerHello } from '../../core/wire.js'

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  return frame(MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, doc))
}

export function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame(MESSAGE.sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector))
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update))
}

export function awarenessFrame(update: Uint8Array): Uint8Array {
  return frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, update))
}

export function permissionDeniedFrame(reason: string): Uint8Array {
  return frame(MESSAGE.auth, (e) => authProtocol.writePermissionDenied(e, reason))
}

export function helloFrame(hello: ServerHello): Uint8Array {
  return frame(MESSAGE.hello, (e) => encoding.writeVarString(e, JSON.stringify(hello)))
}

/** An ack for every update of each listed client up to its clock (state vector encoding). */
export function ackFrame(covered: ReadonlyMap<number, number>): Uint8Array {
  const vector = encoding.createEncoder()
  encoding.writeVarUint(vector, covered.size)
  for (const [client, clock] of covered) {
    encoding.writeVarUint(vector, client)
    encoding.writeVarUint(vector, clock)
  }
  return frame(MESSAGE.ack, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(vector)))
}

/** An inbox's rows, for a client holding nothing of it yet. */
export function viewFrame(rows: readonly ViewRow[]): Uint8Array {
  return frame(MESSAGE.view, (e) => encoding.writeVarString(e, JSON.stringify(rows)))
}

export function rejectedFrame(rejection: Rejection): Uint8Array {
  return frame(MESSAGE.rejected, (e) => encoding.writeVarString(e, JSON.stringify(rejection)))
}
