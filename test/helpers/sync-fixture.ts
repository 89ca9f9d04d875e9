/**
 * A real sync server on a real socket (port 0) over LevelDB in a temporary
 * folder, with a small fixed organisation: alice (admin) and bob are members
 * of `sales`, carol is licensed but not a member, and conversation `c-1`
 * lives in `sales`. Access decisions use the server's own `grantFor`.
 * `restart` stops it and starts it again on the same data (on a new port).
 */
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { addUser, changeMembers, createInbox, EMPTY_DIRECTORY, type Directory } from '../../core/directory.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { MESSAGE } from '../../core/wire.js'
import type { User } from '../../core/users.js'
import { grantFor } from '../../server/directory/document-access.js'
import { Database } from '../../server/store/database.js'
import { SyncServer, type SyncServerOptions } from '../../server/sync/sync-server.js'

export const TOKENS = { alice: 'tok-alice', bob: 'tok-bob', carol: 'tok-carol' } as const
export type FixtureUser = keyof typeof TOKENS

function fixtureDirectory(): Directory {
  let dir = EMPTY_DIRECTORY
  dir = addUser(dir, { id: 'alice', name: 'Alice', permission: 'admin', licences: ['sms', 'whatsapp', 'chat'] })
  dir = addUser(dir, { id: 'bob', name: 'Bob', licences: ['sms'] })
  dir = addUser(dir, { id: 'carol', name: 'Carol', licences: ['sms'] })
  dir = createInbox(dir, { name: 'Sales' }).directory
  return changeMembers(dir, 'sales', { add: ['alice', 'bob'], remove: [] }).directory
}

export type SyncFixture = {
  readonly url: string
  readonly sync: SyncServer
  directory: Directory
  readonly logs: string[]
  restart(): Promise<void>
  close(): Promise<void>
}

type Running = { readonly url: string; readonly sync: SyncServer; stop(): Promise<void> }

export async function startSyncFixture(options: Partial<SyncServerOptions> = {}): Promise<SyncFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'huddle-sync-'))
  const logs: string[] = []
  const fixture = { directory: fixtureDirectory(), logs } as SyncFixture
  let running = await serve(fixture, dataDir, options)
  const { sync } = running
  await sync.change('inbox/sales', (doc) =>
    new InboxDoc(doc).addConversation({
      id: 'c-1', channel: 'sms', contact: '+15555550001', contactName: null, address: '+15559999', createdAt: 1, linkedTo: null,
      lastMessageAt: 1, lastInboundAt: 1, lastInboundId: 'm-1', preview: 'Hello',
    }),
  )
  await sync.change('conversation/c-1', (doc) => {
    const conversation = new ConversationDoc(doc)
    conversation.writeMeta({ id: 'c-1', inbox: 'inbox/sales', channel: 'sms', contact: '+15555550001', address: '+15559999' })
    conversation.appendMessage({ id: 'm-1', direction: 'in', author: '+15555550001', body: 'Hello', at: 1 })
  })
  Object.assign(fixture, {
    url: running.url,
    sync,
    restart: async () => {
      await running.stop()
      running = await serve(fixture, dataDir, options)
      Object.assign(fixture, { url: running.url, sync: running.sync })
    },
    close: async () => {
      await running.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  })
  return fixture
}

/** A sync server over the LevelDB in `dataDir`, on a fresh port. */
async function serve(fixture: SyncFixture, dataDir: string, options: Partial<SyncServerOptions>): Promise<Running> {
  const db = await Database.open(dataDir)
  const conversations = new Map<string, string>([['c-1', 'inbox/sales']])
  const sync = new SyncServer({
    store: db.documents,
    log: (line) => fixture.logs.push(line),
    access: {
      authenticate: async (token) => {
        const id = Object.entries(TOKENS).find(([, t]) => t === token)?.[0]
        return id ? (fixture.directory.users[id] ?? null) : null
      },
      authorize: async (user: User, doc) =>
        grantFor(fixture.directory, user, doc, doc.kind === 'conversation' ? (conversations.get(doc.id) ?? null) : null),
      revision: () => fixture.directory,
    },
    ...options,
  })
  const server: Server = createServer((_req, res) => res.writeHead(404).end())
  server.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `ws://127.0.0.1:${port}/sync`,
    sync,
    stop: async () => {
      await sync.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.close()
    },
  }
}

export type Client = {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** huddle frames received: hello, ack, rejected, view (with whether the document was still empty then). */
  readonly received: Array<{ type: number; payload: unknown }>
  /** Resolves with the close code and reason when the server ends the connection for good. */
  readonly closed: Promise<{ code: number; reason: string }>
  destroy(): void
}

/** A real y-websocket provider; `huddle` adds `?client=` so the server sends its own frames. */
export function connect(
  fixture: { url: string },
  user: FixtureUser | null,
  docName: string,
  options: { client?: string; doc?: Y.Doc; epoch?: string } = {},
): Client {
  const doc = options.doc ?? new Y.Doc()
  const params: Record<string, string> = {}
  if (user) params.token = TOKENS[user]
  if (options.client) params.client = options.client
  if (options.epoch !== undefined) params.epoch = options.epoch
  const provider = new WebsocketProvider(fixture.url, docName, doc, {
    params,
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 200,
  })
  const received: Client['received'] = []
  provider.messageHandlers[MESSAGE.hello] = (_e, decoder) => received.push({ type: MESSAGE.hello, payload: JSON.parse(decoding.readVarString(decoder)) })
  provider.messageHandlers[MESSAGE.ack] = (_e, decoder) => received.push({ type: MESSAGE.ack, payload: Y.decodeStateVector(decoding.readVarUint8Array(decoder)) })
  provider.messageHandlers[MESSAGE.rejected] = (_e, decoder) =>
    received.push({ type: MESSAGE.rejected, payload: JSON.parse(decoding.readVarString(decoder)) })
  provider.messageHandlers[MESSAGE.view] = (_e, decoder) =>
    received.push({ type: MESSAGE.view, payload: { rows: JSON.parse(decoding.readVarString(decoder)), isDocEmpty: doc.store.clients.size === 0 } })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.on('closed', (event) => resolve(event)))
  return { doc, provider, received, closed, destroy: () => provider.destroy() }
}

export function synced(client: Client): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve) => client.provider.once('sync', (isSynced: boolean) => isSynced && resolve()))
}


