import { Level } from 'level'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Database } from '../../../server/store/database.js'
import { LevelDocumentStore } from '../../../server/store/level-document-store.js'
import { LevelHandle } from '../../../server/store/level-handle.js'
import { contentOf, editDocument, makeTempFolder, rebuild } from './store-fixtures.js'

describe('LevelDocumentStore', () => {
  let folder: Awaited<ReturnType<typeof makeTempFolder>>
  let db: Level
  let store: LevelDocumentStore
  beforeEach(async () => {
    folder = await makeTempFolder()
    db = new Level(folder.path)
    await db.open()
    store = new LevelDocumentStore(new LevelHandle(db, folder.path, () => {}))
  })
  afterEach(async () => {
    await store.close()
    await db.close()
    await folder.remove()
  })

  it('writes appends made together in one synced batch', async () => {
    const { updates } = editDocument(100)
    const seqs = await Promise.all(updates.map((update, i) => store.append(i % 2 === 0 ? 'inbox/a' : 'inbox/b', update)))
    expect(seqs).toEqual(updates.map((_, i) => Math.floor(i / 2) + 1))
    expect(store.stats().appends).toBe(100)
    expect(store.stats().batches).toBeLessThanOrEqual(2)
  })

  it('queues appends made while a batch is being written for the next batch', async () => {
    const batchSizes: number[] = []
    db.on('write', (ops: readonly unknown[]) => void batchSizes.push(ops.length))
    const later: Array<Promise<number>> = []
    const appendMore = (): void => {
      db.hooks.prewrite.delete(appendMore)
      for (let i = 0; i < 10; i += 1) later.push(store.append('inbox/a', new Uint8Array([i])))
    }
    db.hooks.prewrite.add(appendMore)
    expect(await store.append('inbox/a', new Uint8Array([99]))).toBe(1)
    expect(await Promise.all(later)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    // The ten updates of the second batch share one record of their document.
    expect(batchSizes).toEqual([1, 1])
    expect(store.stats()).toEqual({ appends: 11, batches: 2 })
    expect((await store.load('inbox/a')).updates).toEqual([99, ...Array.from({ length: 10 }, (_, i) => i)].map((n) => new Uint8Array([n])))
  })

  it('rejects every append of a failed batch and reports none of them stored', async () => {
    await store.append('inbox/a', new Uint8Array([1]))
    const failDisk = (): never => {
      throw new Error('simulated disk failure')
    }
    db.hooks.prewrite.add(failDisk)
    const results = await Promise.allSettled([
      store.append('inbox/a', new Uint8Array([2])),
      store.append('inbox/b', new Uint8Array([3])),
      store.compact('inbox/a', new Uint8Array([1]), 1),
    ])
    db.hooks.prewrite.delete(failDisk)
    for (const result of results) {
      expect(result.status).toBe('rejected')
      expect(result.status === 'rejected' && result.reason).toMatchObject({ code: 'storage', message: expect.stringContaining('Nothing was stored') })
    }
    expect(await store.load('inbox/a')).toEqual({ updates: [new Uint8Array([1])], lastSeq: 1, pending: 1, owners: new Map() })
    expect(await store.load('inbox/b')).toEqual({ updates: [], lastSeq: 0, pending: 0, owners: new Map() })
    expect(store.stats()).toEqual({ appends: 1, batches: 1 })
    expect(await store.append('inbox/a', new Uint8Array([4]))).toBe(2)
  })

  it('rejects appends when the database closes underneath it and stores them not', async () => {
    await store.append('inbox/a', new Uint8Array([1]))
    await db.close()
    await expect(store.append('inbox/a', new Uint8Array([2]))).rejects.toMatchObject({ code: 'storage' })
    await db.open()
    // Sublevels stay closed when their database reopens, so read through a new store.
    store = new LevelDocumentStore(new LevelHandle(db, folder.path, () => {}))
    expect(await store.load('inbox/a')).toMatchObject({ lastSeq: 1, pending: 1 })
    expect(await store.append('inbox/a', new Uint8Array([3]))).toBe(2)
  })
})

describe('LevelDocumentStore across restarts', () => {
  let folder: Awaited<ReturnType<typeof makeTempFolder>>
  beforeEach(async () => {
    folder = await makeTempFolder()
  })
  afterEach(() => folder.remove())

  it('keeps every update after reopening and continues the sequence numbers', async () => {
    const { doc, updates } = editDocument(6)
    const first = await Database.open(folder.path)
    for (const update of updates.slice(0, 5)) await first.documents.append('inbox/sales', update)
    await first.documents.compact('inbox/sales', Y.encodeStateAsUpdate(rebuild(updates.slice(0, 3))), 3)
    await first.close()

    const second = await Database.open(folder.path)
    const stored = await second.documents.load('inbox/sales')
    expect(stored).toMatchObject({ lastSeq: 5, pending: 2 })
    expect(await second.documents.append('inbox/sales', updates[5]!)).toBe(6)
    await second.close()

    const third = await Database.open(folder.path)
    expect(contentOf(rebuild((await third.documents.load('inbox/sales')).updates))).toEqual(contentOf(doc))
    await third.close()
  })

  it('continues after the last compacted update when no update followed the snapshot', async () => {
    const { doc, updates } = editDocument(4)
    const first = await Database.open(folder.path)
    for (const update of updates) await first.documents.append('inbox/sales', update)
    await first.documents.compact('inbox/sales', Y.encodeStateAsUpdate(doc), 4)
    await first.close()

    const second = await Database.open(folder.path)
    expect(await second.documents.load('inbox/sales')).toMatchObject({ lastSeq: 4, pending: 0 })
    expect(await second.documents.append('inbox/sales', editDocument(1, doc).updates[0]!)).toBe(5)
    await second.close()
  })
})
