/**
 * The sync workload: clients spread over documents, each appending small
 * assignment events at a fixed rate; measures fan-out latency (send → each
 * other client of that document has it) and, against huddle, acknowledgement
 * latency (send → the server says it is on disk).
 */
import { performance } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { formatHlc } from '../core/hlc.js'
import { InboxDoc } from '../core/inbox-doc.js'
import { readEvent } from '../core/inbox-layout.js'
import { HUDDLE_VERSION, MESSAGE } from '../core/wire.js'

export type LoadClientSpec = {
  readonly user: string
  readonly token?: string
  readonly docName: string
  readonly conversation: string
  /** The server this client connects to, when not the run's (a cluster's other node). */
  readonly url?: string
}

export type LoadResult = {
  readonly fanoutMs: number[]
  /** Fan-out to clients on another server than the sender's (cluster runs only). */
  readonly crossFanoutMs: number[]
  readonly ackMs: number[]
  readonly sent: number
  readonly expectedDeliveries: number
  readonly deliveries: number
}

type LoadClient = {
  readonly spec: LoadClientSpec
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Sends awaiting acknowledgement: own clock after the send, and when it was sent. */
  readonly unacked: Array<{ clock: number; at: number }>
  seq: number
}

function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = (): void => {
      if (check()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error(`Timed out waiting for ${what}`))
      setTimeout(poll, 20)
    }
    poll()
  })
}

type Measured = { fanoutMs: number[]; crossFanoutMs: number[]; ackMs: number[]; deliveries: number }

/** When each update was sent, and through which server. */
type SentAt = Map<string, { readonly at: number; readonly via: string }>

/** Connects every client and waits until all are synced. */
export async function connectClients(url: string, specs: readonly LoadClientSpec[], isHuddle: boolean, result: Measured, sentAt: SentAt): Promise<LoadClient[]> {
  // Each provider listens for the process's exit; a hundred of them are expected here.
  process.setMaxListeners(specs.length + 10)
  const clients = specs.map((spec): LoadClient => {
    const doc = new Y.Doc()
    const params: Record<string, string> = {}
    if (spec.token) params.token = spec.token
    if (isHuddle) params.client = HUDDLE_VERSION
    const provider = new WebsocketProvider(spec.url ?? url, spec.docName, doc, { params, WebSocketPolyfill: WebSocket as never, disableBc: true })
    const client: LoadClient = { spec, doc, provider, unacked: [], seq: 0 }
    provider.messageHandlers[MESSAGE.hello] = () => {}
    provider.messageHandlers[MESSAGE.rejected] = (_e, decoder) => {
      throw new Error(`update rejected: ${decoding.readVarString(decoder)}`)
    }
    provider.messageHandlers[MESSAGE.ack] = (_e, decoder) => {
      const acked = Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(doc.clientID) ?? 0
      const now = performance.now()
      while (client.unacked.length > 0 && client.unacked[0]!.clock <= acked) result.ackMs.push(now - client.unacked.shift()!.at)
    }
    return client
  })
  await waitFor(() => clients.every((c) => c.provider.synced && new InboxDoc(c.doc).has(c.spec.conversation)), 'every client to sync', 60_000)
  for (const client of clients) observeArrivals(client, client.spec.url ?? url, result, sentAt)
  return clients
}

/** Records the fan-out latency of every remote event arriving at a client. */
function observeArrivals(client: LoadClient, via: string, result: Measured, sentAt: SentAt): void {
  const events = new InboxDoc(client.doc).storedEvents(client.spec.conversation)!
  events.observe((event) => {
    if (event.transaction.origin !== client.provider) return
    const now = performance.now()
    for (const delta of event.changes.delta) {
      for (const item of (delta.insert as unknown[] | undefined) ?? []) {
        const id = readEvent(item)?.id
        const sent = id === undefined ? undefined : sentAt.get(id)
        if (sent === undefined) continue
        result.fanoutMs.push(now - sent.at)
        if (sent.via !== via) result.crossFanoutMs.push(now - sent.at)
        result.deliveries++
      }
    }
  })
}

/** Disconnects a client and frees its document; the document's awareness keeps a timer that would hold the process open. */
function closeClient(client: LoadClient): void {
  client.provider.destroy()
  client.doc.destroy()
}

function send(client: LoadClient, via: string, sentAt: SentAt): void {
  const id = `${client.spec.user}-${client.seq++}`
  const at = performance.now()
  sentAt.set(id, { at, via: client.spec.url ?? via })
  new InboxDoc(client.doc).appendEvent(client.spec.conversation, {
    id,
    kind: client.seq % 2 === 0 ? 'claim' : 'unassign',
    actor: client.spec.user,
    at: formatHlc({ ms: Date.now(), counter: client.seq }),
    saw: null,
  })
  client.unacked.push({ clock: Y.getState(client.doc.store, client.doc.clientID), at })
}

/** Every client sends `ratePerSecond` updates a second for `durationMs`, then waits for delivery. */
export async function runSyncLoad(
  url: string,
  specs: readonly LoadClientSpec[],
  options: { isHuddle: boolean; ratePerSecond: number; durationMs: number },
): Promise<LoadResult> {
  const sentAt: SentAt = new Map()
  const result: Measured = { fanoutMs: [], crossFanoutMs: [], ackMs: [], deliveries: 0 }
  const clients = await connectClients(url, specs, options.isHuddle, result, sentAt)
  const peers = new Map<string, number>()
  for (const spec of specs) peers.set(spec.docName, (peers.get(spec.docName) ?? 0) + 1)
  const interval = 1000 / options.ratePerSecond
  const started = performance.now()
  await new Promise<void>((resolve) => {
    // Spread clients over the interval so sends do not all land in one tick.
    const timers = clients.map((client, i) =>
      setTimeout(() => {
        const timer = setInterval(() => {
          if (performance.now() - started >= options.durationMs) return clearInterval(timer)
          send(client, url, sentAt)
        }, interval)
        stops.push(timer)
      }, (interval * i) / clients.length),
    )
    const stops: NodeJS.Timeout[] = []
    setTimeout(() => {
      for (const t of [...timers, ...stops]) clearTimeout(t)
      resolve()
    }, options.durationMs + 50)
  })
  const sent = clients.reduce((sum, c) => sum + c.seq, 0)
  const expectedDeliveries = clients.reduce((sum, c) => sum + c.seq * ((peers.get(c.spec.docName) ?? 1) - 1), 0)
  await waitFor(() => result.deliveries >= expectedDeliveries && (!options.isHuddle || clients.every((c) => c.unacked.length === 0)), 'delivery of every update', 30_000).catch(
    (error: Error) => console.error(`  ${error.message} (${result.deliveries}/${expectedDeliveries} delivered, ${clients.reduce((n, c) => n + c.unacked.length, 0)} unacknowledged; e.g. ${JSON.stringify(clients.find((c) => c.unacked.length > 0)?.unacked.slice(0, 3))})`),
  )
  clients.forEach(closeClient)
  return { ...result, sent, expectedDeliveries }
}

/** Every client sends `perClient` updates as fast as it can; durable updates a second until all are acknowledged. */
export async function runThroughput(url: string, specs: readonly LoadClientSpec[], perClient: number): Promise<number> {
  const sentAt: SentAt = new Map()
  const result: Measured = { fanoutMs: [], crossFanoutMs: [], ackMs: [], deliveries: 0 }
  const clients = await connectClients(url, specs, true, result, sentAt)
  const started = performance.now()
  for (let i = 0; i < perClient; i++) for (const client of clients) send(client, url, sentAt)
  await waitFor(() => clients.every((c) => c.unacked.length === 0), 'every acknowledgement', 120_000)
  const seconds = (performance.now() - started) / 1000
  clients.forEach(closeClient)
  return (perClient * clients.length) / seconds
}
