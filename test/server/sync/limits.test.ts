import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { DEFAULT_SYNC_LIMITS } from '../../../core/sync-limits.js'
import { CLOSE_CODES, HUDDLE_VERSION, MESSAGE } from '../../../core/wire.js'
import { stampUser } from '../../../server/sync/awareness-guard.js'
import type { SyncServerOptions } from '../../../server/sync/sync-server.js'
import { buildCliOnce, runBinary } from '../../helpers/cli-binary.js'
import { startServerProcess } from '../../helpers/server-process.js'
import { connect, startSyncFixture, synced, TOKENS, type Client, type SyncFixture } from '../../helpers/sync-fixture.js'
import { until } from '../../helpers/until.js'

let fixture: SyncFixture | undefined
const clients: Client[] = []

async function start(options: Partial<SyncServerOptions>): Promise<SyncFixture> {
  fixture = await startSyncFixture(options)
  return fixture
}

function open(...args: Parameters<typeof connect>): Client {
  const client = connect(...args)
  clients.push(client)
  return client
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await fixture?.close()
  fixture = undefined
})

const note = (id: string, body: string) => ({ id, author: 'alice', body, at: Date.now(), mentions: [] })

const rejections = (client: Client) => client.received.filter((frame) => frame.type === MESSAGE.rejected).map((frame) => frame.payload)
const ackedOwn = (client: Client) =>
  Math.max(0, ...client.received.filter((frame) => frame.type === MESSAGE.ack).map((frame) => (frame.payload as Map<number, number>).get(client.doc.clientID) ?? 0))
const serverNotes = (server: SyncFixture) => server.sync.read('conversation/c-1', (doc) => new ConversationDoc(doc).readNotes().map((n) => n.id))

describe('presence size', () => {
  it("huddle's own presence, with the longest name, is a small part of the default cap", () => {
    const longest = stampUser({ viewing: true, typing: true }, { id: 'a'.repeat(48), name: '€'.repeat(80), permission: 'basic', licences: [] })
    const bytes = Buffer.byteLength(JSON.stringify(longest))
    console.log(`largest huddle presence state: ${bytes} bytes; cap ${DEFAULT_SYNC_LIMITS.maxPresenceBytes}`)
    expect(bytes * 4).toBeLessThan(DEFAULT_SYNC_LIMITS.maxPresenceBytes)
  })

  it('relays a presence state under the cap', async () => {
    await start({ syncLimits: { maxPresenceBytes: 1024 } })
    const alice = open(fixture!, 'alice', 'inbox/sales')
    const bob = open(fixture!, 'bob', 'inbox/sales')
    await Promise.all([synced(alice), synced(bob)])
    alice.provider.awareness.setLocalState({ viewing: true, typing: false, note: 'x'.repeat(900) })
    await until(() => bob.provider.awareness.getStates().has(alice.doc.clientID), 'bob sees alice’s presence')
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toMatchObject({ viewing: true, user: { id: 'alice' } })
  })

  it('refuses a presence state over the cap: nobody receives it, a joiner neither, and its sender is closed 4413 saying why', async () => {
    await start({ syncLimits: { maxPresenceBytes: 1024 } })
    const bob = open(fixture!, 'bob', 'inbox/sales')
    await synced(bob)
    const seenByBob: unknown[] = []
    bob.provider.awareness.on('change', () => {
      for (const [id, state] of bob.provider.awareness.getStates()) if (id !== bob.doc.clientID) seenByBob.push(state)
    })
    const alice = open(fixture!, 'alice', 'inbox/sales')
    await synced(alice)
    alice.provider.awareness.setLocalState({ viewing: true, padding: 'x'.repeat(2000) })
    const closed = await alice.closed
    expect(closed.code).toBe(CLOSE_CODES.tooLarge)
    expect(closed.reason).toMatch(/^Presence refused: a state of 2 KiB is more than the 1 KiB/)
    // The stock provider treats 44xx as final: it does not come back to send the state again.
    expect(alice.provider.shouldConnect).toBe(false)

    const joiner = open(fixture!, 'bob', 'inbox/sales')
    await synced(joiner)
    // A state bob's own awareness relays proves the room's presence reached the joiner by now.
    bob.provider.awareness.setLocalState({ viewing: true })
    await until(() => joiner.provider.awareness.getStates().has(bob.doc.clientID), 'the joiner sees bob')
    expect(joiner.provider.awareness.getStates().has(alice.doc.clientID)).toBe(false)
    expect(seenByBob.filter((state) => JSON.stringify(state).includes('padding'))).toEqual([])
  })
})

describe('sockets per user', () => {
  it("closes a user's socket beyond the cap 4429, final for the stock provider, while their other sockets and other users keep working", async () => {
    await start({ syncLimits: { maxSocketsPerUser: 2 } })
    const first = open(fixture!, 'alice', 'conversation/c-1')
    const second = open(fixture!, 'alice', 'inbox/sales')
    await Promise.all([synced(first), synced(second)])
    const third = open(fixture!, 'alice', 'conversation/c-1')
    const closed = await third.closed
    expect(fixture!.sync.openSockets('alice')).toBe(2)
    expect(closed.code).toBe(CLOSE_CODES.rateLimited)
    expect(closed.reason).toContain('User `alice` already has 2 connections open')
    expect(third.provider.shouldConnect).toBe(false)

    const bob = open(fixture!, 'bob', 'conversation/c-1')
    await synced(bob)
    new ConversationDoc(first.doc).appendNote(note('n-1', 'still here'))
    await until(() => new ConversationDoc(bob.doc).readNotes().length === 1, 'bob receives the note from alice’s first socket')

    // Closing one frees its place.
    second.destroy()
    await until(() => fixture!.sync.openSockets('alice') === 1, 'the server sees the socket closed')
    const again = open(fixture!, 'alice', 'inbox/sales')
    await synced(again)
    expect(again.provider.wsconnected).toBe(true)
  })
})

describe('update size and document quota', () => {
  it('with the default limits, refuses one update of 880 KiB of notes with 102 rejected and a reason, and stores none of it', async () => {
    await start({})
    const alice = open(fixture!, 'alice', 'conversation/c-1', { client: HUDDLE_VERSION })
    await synced(alice)
    const notes = new ConversationDoc(alice.doc)
    alice.doc.transact(() => {
      for (let i = 0; i < 220; i++) notes.appendNote(note(`big-${i}`, 'n'.repeat(4096)))
    })
    const update = Y.encodeStateAsUpdate(alice.doc).byteLength
    console.log(`update of 220 notes: ${Math.round(update / 1024)} KiB`)
    await until(() => rejections(alice).length > 0, 'the update is refused')
    expect(rejections(alice)[0]).toMatchObject({ code: 'limit', message: expect.stringMatching(/^Update refused: it is 8\d\d\.\d KiB, more than the 256 KiB/) })
    expect(await serverNotes(fixture!)).toEqual([])
    expect(alice.provider.wsconnected).toBe(true)
  })

  it('raises the frame cap to carry the largest update allowed, so an update over 1 MiB can be taken when the cap allows it', async () => {
    await start({ syncLimits: { maxUpdateBytes: 2 * 1024 * 1024, maxDocumentBytes: 8 * 1024 * 1024 } })
    const alice = open(fixture!, 'alice', 'conversation/c-1', { client: HUDDLE_VERSION })
    await synced(alice)
    const notes = new ConversationDoc(alice.doc)
    alice.doc.transact(() => {
      for (let i = 0; i < 350; i++) notes.appendNote(note(`big-${i}`, 'n'.repeat(4096)))
    })
    expect(Y.encodeStateAsUpdate(alice.doc).byteLength).toBeGreaterThan(1024 * 1024)
    await until(() => ackedOwn(alice) >= Y.getState(alice.doc.store, alice.doc.clientID), 'the update is acknowledged', 10_000)
    expect(await serverNotes(fixture!)).toHaveLength(350)
  })

  it('takes and acknowledges an update under the cap', async () => {
    await start({ syncLimits: { maxUpdateBytes: 8 * 1024 } })
    const alice = open(fixture!, 'alice', 'conversation/c-1', { client: HUDDLE_VERSION })
    await synced(alice)
    new ConversationDoc(alice.doc).appendNote(note('n-1', 'n'.repeat(4000)))
    await until(() => ackedOwn(alice) >= Y.getState(alice.doc.store, alice.doc.clientID), 'the note is acknowledged')
    expect(rejections(alice)).toEqual([])
    expect(await serverNotes(fixture!)).toEqual(['n-1'])
  })

  it('refuses growth past the document quota with a reason, and keeps everything stored before', async () => {
    await start({ syncLimits: { maxDocumentBytes: 16 * 1024 } })
    const alice = open(fixture!, 'alice', 'conversation/c-1', { client: HUDDLE_VERSION })
    await synced(alice)
    const notes = new ConversationDoc(alice.doc)
    for (let i = 0; rejections(alice).length === 0; i++) {
      if (i > 10) throw new Error('16 KiB of 3000-character notes were all accepted')
      notes.appendNote(note(`n-${i}`, 'n'.repeat(3000)))
      await until(() => ackedOwn(alice) >= Y.getState(alice.doc.store, alice.doc.clientID) || rejections(alice).length > 0, `note ${i} is answered`)
    }
    expect(rejections(alice)[0]).toMatchObject({
      code: 'limit',
      message: expect.stringMatching(/^Update refused: `conversation\/c-1` stores 1\d\.\d KiB and would grow past its quota of 16 KiB/),
    })
    const stored = await serverNotes(fixture!)
    expect(stored.length).toBeGreaterThanOrEqual(4)
    // Every note but the refused last one is stored: nothing acknowledged was lost.
    expect(stored).toEqual(notes.readNotes().slice(0, -1).map((n) => n.id))
  })

  it('measures a document compacted before refusing it: a log of many small updates does not use up the quota', async () => {
    await start({ syncLimits: { maxDocumentBytes: 32 * 1024 } })
    // 498 server changes, one note each: fewer than trigger a compaction, and their log outweighs their snapshot.
    for (let i = 0; i < 498; i++) await fixture!.sync.change('conversation/c-1', (doc) => new ConversationDoc(doc).appendNote(note(`s-${i}`, 'x')))
    const snapshot = await fixture!.sync.read('conversation/c-1', (doc) => Y.encodeStateAsUpdate(doc).byteLength)
    console.log(`498 one-note updates: snapshot ${snapshot} bytes, quota ${32 * 1024}`)
    expect(snapshot).toBeLessThan(32 * 1024 - 1024)
    const alice = open(fixture!, 'alice', 'conversation/c-1', { client: HUDDLE_VERSION })
    await synced(alice)
    new ConversationDoc(alice.doc).appendNote(note('n-1', 'fits'))
    await until(() => ackedOwn(alice) >= Y.getState(alice.doc.store, alice.doc.clientID) || rejections(alice).length > 0, 'the note is answered')
    expect(rejections(alice)).toEqual([])
  })

  it('never refuses the server its own changes past the quota (an inbound message must not be lost)', async () => {
    const server = await start({ syncLimits: { maxDocumentBytes: 4 * 1024 } })
    for (let i = 0; i < 3; i++) await server.sync.change('conversation/c-1', (doc) => new ConversationDoc(doc).appendNote(note(`s-${i}`, 'x'.repeat(3000))))
    expect(await serverNotes(server)).toEqual(['s-0', 's-1', 's-2'])
  })
})

describe('message rate', () => {
  /** A raw huddle client sending `count` updates, each a note, in one burst; records what comes back. */
  async function flood(server: SyncFixture, count: number) {
    const ws = new WebSocket(`${server.url}/conversation/c-1?token=${TOKENS.alice}&client=${HUDDLE_VERSION}`)
    ws.binaryType = 'arraybuffer'
    const doc = new Y.Doc()
    const clocks: number[] = []
    const frames: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE.sync)
      syncProtocol.writeUpdate(encoder, update)
      frames.push(encoding.toUint8Array(encoder))
      clocks.push(Y.getState(doc.store, doc.clientID))
    })
    for (let i = 0; i < count; i++) new ConversationDoc(doc).appendNote(note(`f-${i}`, `flood ${i}`))
    let acked = 0
    let denied = ''
    ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      const type = decoding.readVarUint(decoder)
      if (type === MESSAGE.ack) acked = Math.max(acked, Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(doc.clientID) ?? 0)
      if (type === MESSAGE.auth) {
        decoding.readVarUint(decoder)
        denied = decoding.readVarString(decoder)
      }
    })
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    await new Promise((resolve) => ws.once('open', resolve))
    for (const frame of frames) ws.send(frame)
    return { closed: await closed, acked: () => acked, denied: () => denied, clocks }
  }

  it('closes a flood 4429 with a reason, after handling and acknowledging every frame sent before it', async () => {
    const server = await start({ limits: { messageRate: 1, messageBurst: 20 } })
    const result = await flood(server, 30)
    expect(result.closed.code).toBe(CLOSE_CODES.rateLimited)
    expect(result.closed.reason).toMatch(/^Too many messages: more than 20 at once/)
    expect(result.denied()).toBe(result.closed.reason)
    const stored = await serverNotes(server)
    expect(stored.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `f-${i}`).sort())
    expect(result.acked()).toBe(result.clocks[19])
  })

  it('takes a burst within the limit whole', async () => {
    const server = await start({ limits: { messageRate: 1, messageBurst: 20 } })
    const alice = open(server, 'alice', 'conversation/c-1', { client: HUDDLE_VERSION })
    await synced(alice)
    // The provider's own sync frames count too: stay well inside the burst.
    for (let i = 0; i < 10; i++) new ConversationDoc(alice.doc).appendNote(note(`n-${i}`, `note ${i}`))
    await until(() => ackedOwn(alice) >= Y.getState(alice.doc.store, alice.doc.clientID), 'every note is acknowledged')
    expect(await serverNotes(server)).toHaveLength(10)
    expect(alice.provider.wsconnected).toBe(true)
  })
})

describe('huddle serve flags', () => {
  beforeAll(() => buildCliOnce(), 120_000)

  it('refuses limits that are not whole numbers from 1, naming each flag', async () => {
    const result = await runBinary(['serve', '--max-update-bytes', '0', '--max-presence-bytes', '-5', '--max-sockets-per-user', '1.5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('`--max-update-bytes 0` is not valid: give a whole number of bytes from 1')
    expect(result.stderr).toContain('`--max-presence-bytes -5` is not valid')
    expect(result.stderr).toContain('Limit `1.5` is not valid')
  })

  it('documents every sync limit with its default in --help', async () => {
    const result = await runBinary(['serve', '--help'])
    for (const flag of ['--max-sockets-per-user', '--max-presence-bytes', '--max-update-bytes', '--max-document-bytes']) expect(result.stdout).toContain(flag)
    expect(result.stdout).toContain(`(default ${DEFAULT_SYNC_LIMITS.maxUpdateBytes}, 256 KiB)`)
  })

  it('passes --max-sockets-per-user to the running server', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'huddle-limits-'))
    const token = 'limits-admin-token'
    const server = await startServerProcess(dataDir, { env: { HUDDLE_ADMIN_TOKEN: token }, flags: ['--max-sockets-per-user', '1'] })
    const providers: WebsocketProvider[] = []
    try {
      const open = () => {
        const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, 'org', new Y.Doc(), { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true })
        providers.push(provider)
        return provider
      }
      const first = open()
      await new Promise((resolve) => first.once('sync', resolve))
      const second = open()
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => second.on('closed', resolve))
      expect(closed.code).toBe(CLOSE_CODES.rateLimited)
      expect(closed.reason).toContain('User `admin` already has 1 connection open')
    } finally {
      for (const provider of providers) provider.destroy()
      await server.stop('SIGTERM')
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
