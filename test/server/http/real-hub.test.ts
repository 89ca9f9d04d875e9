/**
 * The services wired as `huddle serve` wires them: the real sync server over
 * LevelDB in a temporary folder, the HTTP API on the same `node:http` server,
 * and an agent connected with a stock y-websocket provider.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { CLOSE_CODES } from '../../../core/wire.js'
import { DirectoryAccess } from '../../../server/directory/directory-access.js'
import { openDirectoryAdmin } from '../../../server/directory/directory-admin.js'
import { SettingsStore } from '../../../server/directory/settings-store.js'
import { createHttpApi } from '../../../server/http/http-api.js'
import { InboundPipeline } from '../../../server/inbound/inbound-pipeline.js'
import { OutboundDispatcher } from '../../../server/outbound/outbound-dispatcher.js'
import { Database } from '../../../server/store/database.js'
import { SyncServer } from '../../../server/sync/sync-server.js'
import { HistoryStore } from '../../../server/history/history-store.js'
import { until } from '../../helpers/until.js'

type Running = { base: string; close(): Promise<void> }

let running: Running
const providers: WebsocketProvider[] = []

async function start(): Promise<Running> {
  const dataDir = await mkdtemp(join(tmpdir(), 'huddle-api-'))
  const db = await Database.open(dataDir)
  const settings = await SettingsStore.open(db.records)
  const access = new DirectoryAccess({ records: db.records, settings })
  const sync = new SyncServer({ store: db.documents, access })
  const { firstAdmin, ...admin } = await openDirectoryAdmin({ records: db.records, settings, access, hub: sync })
  await firstAdmin.bootstrap('hud_real-admin-token')
  const inbound = await InboundPipeline.open({ records: db.records, hub: sync, directory: access, history: new HistoryStore(db.records) })
  const outbound = OutboundDispatcher.start({ records: db.records, hub: sync, directory: access })
  const server: Server = createServer(createHttpApi({ access, admin, inbound, outbound }))
  server.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    async close() {
      await outbound.stop()
      await sync.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function call(method: string, path: string, body?: unknown, token = 'hud_real-admin-token'): Promise<any> {
  const response = await fetch(`http://${running.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const answer = await response.json()
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer)}`)
  return answer
}

function connect(token: string, docName: string): { doc: Y.Doc; provider: WebsocketProvider; closed: Promise<{ code: number; reason: string }> } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://${running.base}/sync`, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 200,
  })
  providers.push(provider)
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.on('connection-close', (event) => event && resolve({ code: event.code, reason: event.reason })))
  return { doc, provider, closed }
}

beforeEach(async () => {
  running = await start()
})

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  await running.close()
})

describe('the services over the real sync server', () => {
  it('delivers an inbound message to a member, sends their reply, and cuts them off when removed', async () => {
    const alice = await call('POST', '/api/v1/users', { id: 'alice', name: 'Alice', licences: ['sms'] })
    await call('POST', '/api/v1/inboxes', { name: 'Sales' })
    await call('POST', '/api/v1/inboxes/sales/members', { add: ['alice'] })
    await call('POST', '/api/v1/routing/rules', { address: '+15550100', toInbox: 'Sales', isDefault: true })
    const { conversation } = await call('POST', '/api/v1/inbound', { channel: 'sms', from: '+447700900001', to: '+15550100', body: 'Hello?', id: 'SM1' })

    const client = connect(alice.token, `conversation/${conversation}`)
    const view = new ConversationDoc(client.doc)
    await until(() => view.messages.length === 1, 'the customer message arrives')
    view.appendMessage({ id: 'r1', direction: 'out', author: 'alice', body: 'Hi!', at: Date.now(), basis: { assignee: null, lastInbound: view.lastInbound()!.id } })
    await until(() => view.delivery.get('r1')?.status === 'sent', 'the reply is sent')
    const outbox = await call('GET', '/api/v1/outbox')
    expect(outbox).toMatchObject([{ conversation, messageId: 'r1', to: '+447700900001', body: 'Hi!' }])

    await call('POST', '/api/v1/inboxes/sales/members', { remove: ['alice'] })
    const closed = await client.closed
    expect(closed.code).toBe(CLOSE_CODES.forbidden)
    expect(closed.reason).toContain('removed from inbox `Sales`')
  })
})
