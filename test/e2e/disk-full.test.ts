/**
 * A real full disk: the server's data folder on a small tmpfs that the test
 * mounts (it needs root; CI runs as root, so there it never skips), filled to
 * the last byte while a client writes, then freed again.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { connectAckedClient, type AckedClient } from '../helpers/acked-client.js'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { until } from '../helpers/until.js'

const ADMIN = 'hud_disk-full-admin-token'
const isRoot = process.platform === 'linux' && process.getuid?.() === 0
if (!isRoot && process.env.CI) throw new Error('The disk-full suite mounts a tmpfs and needs root; CI runs as root, so it must not skip there.')
const suite = isRoot ? describe : describe.skip
if (!isRoot) console.warn('Skipping the disk-full suite: mounting a small tmpfs needs root.')

let mountPoint: string
/** Servers to stop before unmounting, should a test fail half-way. */
const running: ServerProcess[] = []

beforeAll(async () => {
  if (!isRoot) return
  await buildCliOnce()
  mountPoint = await mkdtemp(join(tmpdir(), 'huddle-disk-full-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint])
})

afterAll(async () => {
  if (!isRoot) return
  for (const server of running) await server.stop('SIGKILL')
  execFileSync('umount', [mountPoint])
  await rmdir(mountPoint)
})

async function api<T>(server: ServerProcess, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as T }
}

async function ok<T>(server: ServerProcess, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await api<T>(server, method, path, body)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

const connectClient = (port: number, docName: string): AckedClient => connectAckedClient(port, docName, ADMIN)

/** Fills the filesystem holding `dir` to its last byte; returns the filler's path. */
async function fillDisk(dir: string): Promise<string> {
  const path = join(dir, 'filler')
  const file = await open(path, 'w')
  const chunk = new Uint8Array(64 * 1024)
  try {
    for (;;) await file.write(chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  }
  // The last partial chunks: fill what a whole chunk no longer fits in.
  const small = new Uint8Array(512)
  try {
    for (;;) await file.write(small)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    await file.close()
  }
  return path
}

suite('a server whose disk fills up and is freed again', () => {
  it('stops acknowledging after a failed write, reopens its database, and keeps every update it acknowledged after a restart', async () => {
    const dataDir = join(mountPoint, 'data')
    const first = await startServerProcess(dataDir, { env: { HUDDLE_ADMIN_TOKEN: ADMIN } })
    running.push(first)
    const inbox = await ok<{ id: string }>(first, 'POST', '/api/v1/inboxes', { name: 'Support' })
    await ok(first, 'POST', `/api/v1/inboxes/${inbox.id}/members`, { add: ['admin'], remove: [] })
    await ok(first, 'POST', '/api/v1/routing/rules', { address: '+15550100', toInbox: inbox.id })
    const { conversation } = await ok<{ conversation: string }>(first, 'POST', '/api/v1/inbound', {
      channel: 'sms', from: '+447700900001', to: '+15550100', body: 'My parcel is late', id: 'SM-first',
    })

    const writer = connectClient(first.port, `conversation/${conversation}`)
    await until(() => writer.provider.synced, 'the writer syncs', 10_000)
    const notes = new ConversationDoc(writer.doc)
    const note = (id: string): void => notes.appendNote({ id, author: 'admin', body: `Note ${id} ${'x'.repeat(2000)}`, at: Date.now(), mentions: [] })
    for (let i = 0; i < 10; i++) note(`before-${i}`)
    await until(() => writer.acked() >= Y.getState(writer.doc.store, writer.doc.clientID), 'the first notes are acknowledged', 10_000)

    const filler = await fillDisk(mountPoint)
    for (let i = 0; i < 40; i++) note(`during-${i}`)
    // Inbound messages keep coming: once a write has failed they are refused
    // (503) and retried by the carrier, never answered as stored.
    const storedInbound: string[] = []
    for (let i = 0; ; i++) {
      const sid = `SM-full-${i}`
      const answer = await api(first, 'POST', '/api/v1/inbound', { channel: 'sms', from: `+4477009001${String(i % 100).padStart(2, '0')}`, to: '+15550100', body: `Are you there? ${i}`, id: sid })
      if (answer.status === 503) break
      expect(answer.status).toBe(200)
      storedInbound.push(sid)
      if (i > 200) throw new Error('The server kept answering 200 with a full disk.')
    }

    await rm(filler)
    for (let i = 0; i < 30; i++) note(`after-${i}`)
    await until(() => writer.acked() >= Y.getState(writer.doc.store, writer.doc.clientID), 'every note is acknowledged once space is back', 30_000)
    const later = await ok<{ conversation: string }>(first, 'POST', '/api/v1/inbound', {
      channel: 'sms', from: '+447700900003', to: '+15550100', body: 'Hello again', id: 'SM-after',
    })
    const acknowledged = notes.readNotes().map((n) => n.id)
    writer.provider.destroy()
    const firstOutput = first.output()
    expect(await first.stop('SIGKILL')).toBe(null)

    const second = await startServerProcess(dataDir)
    running.push(second)
    try {
      const reader = connectClient(second.port, `conversation/${conversation}`)
      await until(() => reader.provider.synced, 'the reader syncs', 10_000)
      expect(new ConversationDoc(reader.doc).readNotes().map((n) => n.id).sort()).toEqual([...acknowledged].sort())
      reader.provider.destroy()
      const again = connectClient(second.port, `conversation/${later.conversation}`)
      await until(() => again.provider.synced, 'the later conversation syncs', 10_000)
      expect(new ConversationDoc(again.doc).lastInbound()?.body).toBe('Hello again')
      again.provider.destroy()
      expect(firstOutput).toContain('A write to the database failed')
      expect(firstOutput).toContain('The database was reopened after a failed write')
    } finally {
      await second.stop('SIGTERM')
    }
  }, 120_000)
})
