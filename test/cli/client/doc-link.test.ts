import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { DocLink, type Denial, type LinkEvents } from '../../../cli/client/doc-link.js'
import { LocalDoc } from '../../../cli/client/local-doc.js'
import { MemoryReplicaStore } from '../../../cli/client/memory-replica-store.js'
import { MESSAGE } from '../../../core/wire.js'
import { until } from '../../helpers/client-replica.js'

/** A server that answers every connection with the given frames and then stays silent. */
async function fakeServer(frames: readonly Uint8Array[]): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = createServer()
  const wss = new WebSocketServer({ server: http })
  wss.on('connection', (ws) => {
    for (const frame of frames) ws.send(frame)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const hello = (protocol: number): Uint8Array =>
  frame(MESSAGE.hello, (e) =>
    encoding.writeVarString(e, JSON.stringify({ protocol, serverVersion: '9.0.0', minClientVersion: '9.0.0', user: 'alice', time: Date.now() })),
  )
/** What a stock y-websocket server sends first: sync step 1 with an empty state vector. */
const syncStep1 = frame(MESSAGE.sync, (e) => {
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, new Uint8Array([0]))
})

let server: { url: string; close(): Promise<void> } | null = null
let link: DocLink | null = null

afterEach(async () => {
  link?.destroy()
  link = null
  await server?.close()
  server = null
})

async function connectTo(frames: readonly Uint8Array[]): Promise<{ denial: Promise<Denial>; local: LocalDoc }> {
  server = await fakeServer(frames)
  const local = await LocalDoc.load('org', new MemoryReplicaStore())
  let deny: (denial: Denial) => void = () => {}
  const denial = new Promise<Denial>((resolve) => (deny = resolve))
  const events: LinkEvents = { onStatus: () => {}, onHello: () => {}, onAck: () => {}, onRejected: () => {}, onDenied: deny, onView: () => {} }
  link = new DocLink(local, { syncUrl: server.url, token: 't', maxBackoffMs: 100 }, events)
  return { denial, local }
}

describe('a document link', () => {
  it('refuses a server that speaks another protocol, saying which versions differ', async () => {
    const { denial } = await connectTo([hello(99)])
    expect((await denial).reason).toMatch(/speaks huddle sync protocol 99 \(huddle 9\.0\.0\); this huddle \(.*\) speaks protocol 1/)
    expect(link?.status).toBe('denied')
  })

  it('refuses a server that does not greet first, and takes nothing from it', async () => {
    const { denial, local } = await connectTo([syncStep1])
    expect((await denial).reason).toMatch(/does not speak huddle's sync protocol/)
    expect(local.isEmpty()).toBe(true)
  })

  it('is offline while nothing answers, and keeps trying', async () => {
    server = await fakeServer([])
    const url = server.url
    await server.close()
    server = null
    const statuses: string[] = []
    const local = await LocalDoc.load('org', new MemoryReplicaStore())
    link = new DocLink(local, { syncUrl: url, token: 't', maxBackoffMs: 50 }, {
      onStatus: (s) => statuses.push(s),
      onHello: () => {},
      onAck: () => {},
      onRejected: () => {},
      onDenied: () => {},
      onView: () => {},
    })
    await until(() => link?.status === 'offline', 'the link is offline')
    expect(statuses).toEqual(['offline'])
  })
})
