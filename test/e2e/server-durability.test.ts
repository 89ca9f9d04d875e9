import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { connectAckedClient, type AckedClient } from '../helpers/acked-client.js'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startServerProcess } from '../helpers/server-process.js'
import { until } from '../helpers/until.js'

const ADMIN = 'hud_durability-admin-token'
let folder: string

beforeAll(async () => {
  await buildCliOnce()
  folder = await mkdtemp(join(tmpdir(), 'huddle-durability-'))
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as T
}

const open = (port: number, docName: string): AckedClient => connectAckedClient(port, docName, ADMIN)

describe('server durability', () => {
  it('a server killed with SIGKILL right after acknowledging updates restarts with every one of them', async () => {
    const dataDir = join(folder, 'data')
    const first = await startServerProcess(dataDir, { env: { HUDDLE_ADMIN_TOKEN: ADMIN } })
    const inbox = await api<{ id: string }>(first.url, 'POST', '/api/v1/inboxes', { name: 'Support' })
    await api(first.url, 'POST', `/api/v1/inboxes/${inbox.id}/members`, { add: ['admin'], remove: [] })
    await api(first.url, 'POST', '/api/v1/routing/rules', { address: '+15550100', toInbox: inbox.id })
    const { conversation } = await api<{ conversation: string }>(first.url, 'POST', '/api/v1/inbound', {
      channel: 'sms', from: '+447700900001', to: '+15550100', body: 'My parcel is late',
    })

    const writer = open(first.port, `conversation/${conversation}`)
    await until(() => writer.provider.synced, 'the writer syncs', 10_000)
    const replies = new ConversationDoc(writer.doc)
    const lastInbound = replies.lastInbound()!.id
    for (let i = 0; i < 50; i++)
      replies.appendNote({ id: `n-${i}`, author: 'admin', body: `Note ${i}`, at: Date.now(), mentions: [] })
    const wanted = Y.getState(writer.doc.store, writer.doc.clientID)
    await until(() => writer.acked() >= wanted, 'all 50 notes are acknowledged', 10_000)
    expect(await first.stop('SIGKILL')).toBe(null)
    writer.provider.destroy()

    const second = await startServerProcess(dataDir)
    const reader = open(second.port, `conversation/${conversation}`)
    await until(() => reader.provider.synced, 'the reader syncs', 10_000)
    const notes = new ConversationDoc(reader.doc).readNotes().map((n) => n.id)
    expect([...notes].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `n-${i}`).sort())
    expect(new ConversationDoc(reader.doc).lastInbound()?.id).toBe(lastInbound)
    reader.provider.destroy()
    await second.stop('SIGTERM')
  })
})
