/**
 * A loaded document's whole state, encoded once and kept until the document
 * changes, as the sync step 2 frame a client holding nothing of it is sent.
 * Encoding a live inbox takes about as long as loading it (half a second for
 * 16 MiB), so every cold client re-encoding it made each one wait that long
 * and left megabytes of garbage per client; now they share one buffer, which
 * a compaction also writes.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE } from '../../core/wire.js'

export class EncodedState {
  private frame: Uint8Array | null = null
  /** Where the update starts in `frame`, after the frame's header. */
  private updateStart = 0

  constructor(private readonly doc: Y.Doc) {}

  /** Takes `update` as the state: it must hold exactly what the document holds (the one snapshot it was loaded from). */
  adopt(update: Uint8Array): void {
    const header = encoding.createEncoder()
    encoding.writeVarUint(header, MESSAGE.sync)
    encoding.writeVarUint(header, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint(header, update.byteLength)
    const head = encoding.toUint8Array(header)
    // One buffer for the frame and the update within it: the frame is what is sent, the update what a compaction writes.
    const frame = new Uint8Array(head.byteLength + update.byteLength)
    frame.set(head)
    frame.set(update, head.byteLength)
    this.frame = frame
    this.updateStart = head.byteLength
  }

  /** The document changed: the next reader encodes it again. */
  invalidate(): void {
    this.frame = null
  }

  /** The sync step 2 frame carrying the whole document. */
  syncStep2Frame(): Uint8Array {
    if (!this.frame) this.adopt(Y.encodeStateAsUpdate(this.doc))
    return this.frame!
  }

  /** The whole document as one update. */
  update(): Uint8Array {
    return this.syncStep2Frame().subarray(this.updateStart)
  }
}

/** Whether a state vector (as sent in a sync step 1) names no client: its sender holds nothing of the document. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0
}
