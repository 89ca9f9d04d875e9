import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { seededRandom } from '../../core/seeded-random.js'
import { connectAckedClient, type AckedClient } from '../helpers/acked-client.js'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { CLUSTER_ADMIN, makeConversation, startNode, type ClusterNode } from '../helpers/cluster-nodes.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis } from '../helpers/redis-process.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { until } from '../helpers/until.js'

let folder: string

beforeAll(async () => {
  await buildCliOnce()
  folder = await mkdtemp(join(tmpdir(), 'huddle-cluster-durability-'))
}, 120_000)

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** Writes a note every 10 ms through `client`, remembering the clock each one ends at. */
function startWriting(client: AckedClient, prefix: string): { readonly notes: Map<string, number>; stop(): void } {
  const notes = new Map<string, number>()
  const doc = new ConversationDoc(client.doc)
  const timer = setInterval(() => {
    const id = `${prefix}-${notes.size}`
    doc.appendNote({ id, author: 'admin', body: `Note ${id}`, at: Date.now(), mentions: [] })
    notes.set(id, Y.getState(client.doc.store, client.doc.clientID))
  }, 10)
  return { notes, stop: () => clearInterval(timer) }
}

/** The notes acknowledged so far: those whose clock the ack covers. */
const ackedNotes = (client: AckedClient, notes: ReadonlyMap<string, number>): string[] =>
  [...notes].filter(([, clock]) => clock <= client.acked()).map(([id]) => id)

/** Every note a fresh client of `node` finds, which must hold each at most once. */
async function storedNotes(port: number, conversation: string): Promise<string[]> {
  const reader = connectAckedClient(port, `conversation/${conversation}`, CLUSTER_ADMIN)
  await until(() => reader.provider.synced, 'a fresh client syncs', 10_000)
  const ids = new ConversationDoc(reader.doc).readNotes().map((note) => note.id)
  reader.provider.destroy()
  return ids
}

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('crashes in a cluster'), () => {
  it('a node killed with SIGKILL 20 times while a client writes loses no acknowledged note, and every resent one appears once', async () => {
    const seed = Date.now()
    console.log(`seed ${seed}`)
    const random = seededRandom(seed)
    const redis = await startRedis()
    const b = await startNode(redis.url)
    const start = (port = 0): Promise<ServerProcess> =>
      startServerProcess(join(folder, 'a'), { port, flags: ['--redis', redis.url], env: { HUDDLE_ADMIN_TOKEN: CLUSTER_ADMIN } })
    let a = await start()
    try {
      const { conversation } = await makeConversation(b.url)
      const writer = connectAckedClient(a.port, `conversation/${conversation}`, CLUSTER_ADMIN)
      await until(() => writer.provider.synced, 'the writer syncs', 10_000)
      const writing = startWriting(writer, 'w')
      const ackedBeforeKills = new Set<string>()
      for (let kill = 0; kill < 20; kill++) {
        // Killed while connected and writing: a client cut off for long gathers more than one update may carry.
        await until(() => writer.provider.wsconnected, 'the writer is connected again', 20_000)
        await new Promise((resolve) => setTimeout(resolve, 100 + random() * 400))
        for (const id of ackedNotes(writer, writing.notes)) ackedBeforeKills.add(id)
        await a.stop('SIGKILL')
        a = await start(a.port)
      }
      writing.stop()
      const wanted = Y.getState(writer.doc.store, writer.doc.clientID)
      await until(() => writer.acked() >= wanted, 'every note is acknowledged at last', 20_000)
      writer.provider.destroy()
      const stored = await storedNotes(b.port, conversation)
      expect(ackedBeforeKills.size).toBeGreaterThan(20)
      expect([...ackedBeforeKills].filter((id) => !stored.includes(id))).toEqual([])
      expect(stored.length).toBe(new Set(stored).size)
      expect(new Set(stored)).toEqual(new Set(writing.notes.keys()))
    } finally {
      await a.stop('SIGKILL')
      await b.stop()
      await redis.stop()
    }
  }, 180_000)

  it('Redis killed with SIGKILL and restarted from its append-only file keeps every acknowledged note', async () => {
    const redis = await startRedis()
    const a: ClusterNode & { stop(): Promise<void> } = await startNode(redis.url)
    const b = await startNode(redis.url)
    try {
      const { conversation } = await makeConversation(a.url)
      const writer = connectAckedClient(a.port, `conversation/${conversation}`, CLUSTER_ADMIN)
      await until(() => writer.provider.synced, 'the writer syncs', 10_000)
      const writing = startWriting(writer, 'r')
      await until(() => ackedNotes(writer, writing.notes).length >= 50, '50 notes are acknowledged', 10_000)
      await redis.kill()
      const ackedBeforeKill = ackedNotes(writer, writing.notes)
      await new Promise((resolve) => setTimeout(resolve, 1000))
      await redis.restart()
      await until(() => ackedNotes(writer, writing.notes).length > ackedBeforeKill.length + 50, 'writes are acknowledged again', 20_000)
      writing.stop()
      const wanted = Y.getState(writer.doc.store, writer.doc.clientID)
      await until(() => writer.acked() >= wanted, 'every note is acknowledged at last', 30_000)
      writer.provider.destroy()
      const stored = await storedNotes(b.port, conversation)
      expect(ackedBeforeKill.filter((id) => !stored.includes(id))).toEqual([])
      expect(stored.length).toBe(new Set(stored).size)
      expect(new Set(stored)).toEqual(new Set(writing.notes.keys()))
    } finally {
      await a.stop()
      await b.stop()
      await redis.stop()
    }
  }, 120_000)
})
