/**
 * A stock y-websocket client of one document on a huddle server, announcing
 * itself as huddle so the server acknowledges its updates, and remembering
 * how far they were acknowledged.
 */
import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { HUDDLE_VERSION, MESSAGE } from '../../core/wire.js'

export type AckedClient = { readonly doc: Y.Doc; readonly provider: WebsocketProvider; acked(): number }

export function connectAckedClient(port: number, docName: string, token: string): AckedClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, docName, doc, {
    params: { token, client: HUDDLE_VERSION },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  let acked = 0
  provider.messageHandlers[MESSAGE.hello] = () => {}
  provider.messageHandlers[MESSAGE.rejected] = () => {}
  provider.messageHandlers[MESSAGE.ack] = (_e, decoder) => {
    acked = Math.max(acked, Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(doc.clientID) ?? 0)
  }
  return { doc, provider, acked: () => acked }
}
