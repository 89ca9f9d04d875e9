import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import type { RunningServer } from '../../../server/server-options.js'
import { startServer } from '../../../server/start.js'
import { until } from '../../helpers/client-replica.js'
import { runInProcess } from '../../helpers/cli-run.js'
import { startLoopbackCarrier, type LoopbackCarrier } from '../../helpers/loopback-carrier.js'

const ADMIN = 'hud_carrier-serve-admin'
let carrier: LoopbackCarrier
let server: RunningServer
let folder: string

beforeEach(async () => {
  carrier = await startLoopbackCarrier()
  folder = await mkdtemp(join(tmpdir(), 'huddle-carrier-serve-'))
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: folder,
    adminToken: ADMIN,
    carrier: { url: carrier.url, accountSid: carrier.accountSid, authToken: carrier.authToken },
    carrierRetry: { backoffMs: 10, timeoutMs: 500 },
  })
})

afterEach(async () => {
  await server.close()
  await carrier.close()
  await rm(folder, { recursive: true, force: true })
})

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return response.json()
}

describe('a server started with a carrier', () => {
  it('sends WhatsApp replies through it, asking for receipts at its own webhook, and keeps the outbox empty', async () => {
    await api('POST', '/routing/rules', { address: '+15550100', toUser: 'admin' })
    const { conversation } = await api('POST', '/inbound', { channel: 'whatsapp', from: '+447700900001', to: '+15550100', body: 'Hi' })
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, `conversation/${conversation}`, doc, { params: { token: ADMIN }, WebSocketPolyfill: WebSocket as never, disableBc: true })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const c = new ConversationDoc(doc)
    carrier.script({ kind: 'fail', status: 500 })
    c.appendMessage({ id: 'r1', direction: 'out', author: 'admin', body: 'Hello from huddle', at: Date.now(), basis: { assignee: null, lastInbound: c.lastInbound()!.id } })
    await until(() => c.delivery.get('r1')?.status === 'sent', 'the reply was sent')
    expect(carrier.messages).toEqual([
      { sid: expect.stringMatching(/^SM/), from: 'whatsapp:+15550100', to: 'whatsapp:+447700900001', body: 'Hello from huddle', statusCallback: `${server.url}/webhooks/status` },
    ])
    expect(carrier.requests).toHaveLength(2)
    expect(await api('GET', '/outbox')).toEqual([])
    provider.destroy()
    doc.destroy()
  })
})

describe('huddle serve with a carrier', () => {
  it('refuses a carrier configured in part, naming what is missing', async () => {
    const result = await runInProcess(['serve', '--port', '0', '--data', join(folder, 'other'), '--carrier-url', carrier.url], { env: { HUDDLE_CARRIER_ACCOUNT: 'AC1' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Sending through a carrier needs its URL, account and token; give --carrier-token (or HUDDLE_CARRIER_TOKEN) too.')
  })

  it('refuses a carrier URL that is not http(s)', async () => {
    const result = await runInProcess(['serve', '--carrier-url', 'ftp://carrier', '--carrier-account', 'AC1', '--carrier-token', 't'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Carrier URL `ftp://carrier` is not an http(s) URL')
  })
})
