import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { HuddleError } from '../../../core/errors.js'
import { MESSAGE } from '../../../core/wire.js'
import type { DocumentStore } from '../../../server/store/document-store.js'
import { Database } from '../../../server/store/database.js'
import { COMPACT_AFTER } from '../../../server/sync/room.js'
import { connect, startSyncFixture, synced, type SyncFixture } from '../../helpers/sync-fixture.js'
import { until } from '../../helpers/until.js'

let fixture: SyncFixture | undefined
let database: Database | undefined
let folder: string | undefined

afterEach(async () => {
  await fixture?.close()
  await database?.close()
  if (folder) await rm(folder, { recursive: true, force: true })
  fixture = database = folder = undefined
})

/** The real LevelDB store, whose compactions fail as on a full disk while `isFull` says so. */
async function storeWithFullDiskForCompactions(isFull: () => boolean): Promise<DocumentStore> {
  folder = await mkdtemp(join(tmpdir(), 'huddle-compaction-'))
  database = await Database.open(folder)
  const documents = database.documents
  return {
    load: (name) => documents.load(name),
    append: (name, update, owners) => documents.append(name, update, owners),
    compact: (name, snapshot, throughSeq) =>
      isFull() ? Promise.reject(new HuddleError('storage', 'Could not compact: No space left on device.')) : documents.compact(name, snapshot, throughSeq),
    remove: (name) => documents.remove(name),
    close: () => documents.close(),
  }
}

function ackedOwn(client: ReturnType<typeof connect>): number {
  let acked = 0
  for (const frame of client.received) if (frame.type === MESSAGE.ack) acked = Math.max(acked, (frame.payload as Map<number, number>).get(client.doc.clientID) ?? 0)
  return acked
}

describe('storage failures in the sync server', () => {
  it('reports a failed compaction as a storage failure and lives on: the client resends and nothing is lost', async () => {
    let isFull = true
    fixture = await startSyncFixture({ store: await storeWithFullDiskForCompactions(() => isFull) })
    const writer = connect(fixture, 'alice', 'conversation/c-1', { client: '0.1.0' })
    await synced(writer)
    const notes = new ConversationDoc(writer.doc)
    const count = COMPACT_AFTER + 20
    for (let i = 0; i < count; i++) notes.appendNote({ id: `n-${i}`, author: 'alice', body: `Note ${i}`, at: Date.now(), mentions: [] })
    await until(() => fixture!.logs.some((line) => line.startsWith('Storage failed for conversation/c-1')), 'the failed compaction is reported', 20_000)
    isFull = false
    await until(() => ackedOwn(writer) >= Y.getState(writer.doc.store, writer.doc.clientID), 'every note is acknowledged after the reconnect', 20_000)
    writer.destroy()

    const reader = connect(fixture, 'bob', 'conversation/c-1', { client: '0.1.0' })
    await synced(reader)
    expect(new ConversationDoc(reader.doc).readNotes()).toHaveLength(count)
    reader.destroy()
  }, 60_000)

  it('refuses a server change that arrives while it closes, and keeps every change it said was stored', async () => {
    fixture = await startSyncFixture({ store: await storeWithFullDiskForCompactions(() => false) })
    const sync = fixture.sync
    await sync.read('conversation/c-1', () => null)
    const outcomes: Array<Promise<string>> = []
    for (let i = 0; i < 200; i++) {
      outcomes.push(
        sync
          .change('conversation/c-1', (doc) => new ConversationDoc(doc).appendNote({ id: `s-${i}`, author: 'alice', body: `Note ${i}`, at: Date.now(), mentions: [] }))
          .then(
            () => `s-${i}`,
            (error: unknown) => {
              expect(error).toMatchObject({ code: 'unavailable' })
              return ''
            },
          ),
      )
      if (i === 100) void sync.close()
      await new Promise((resolve) => setImmediate(resolve))
    }
    const stored = (await Promise.all(outcomes)).filter((id) => id !== '')
    expect(stored.length).toBeGreaterThan(0)
    expect(stored.length).toBeLessThan(200)
    const reopened = await database!.documents.load('conversation/c-1')
    const doc = new Y.Doc()
    for (const update of reopened.updates) Y.applyUpdate(doc, update)
    const kept = new Set(new ConversationDoc(doc).readNotes().map((note) => note.id))
    expect(stored.filter((id) => !kept.has(id))).toEqual([])
  })
})
