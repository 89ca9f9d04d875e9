import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LevelReplicaStore } from '../../../cli/client/level-replica-store.js'
import { MemoryReplicaStore } from '../../../cli/client/memory-replica-store.js'
import type { ReplicaStore } from '../../../cli/client/replica-store.js'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'huddle-replica-store-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

describe.each([
  ['LevelDB', async () => LevelReplicaStore.open(folder)],
  ['memory', async () => new MemoryReplicaStore()],
] as const)('the %s replica store', (_name, openStore: () => Promise<ReplicaStore>) => {
  it('returns a document’s snapshot, then the updates appended after it, in order', async () => {
    const store = await openStore()
    store.appendUpdate('inbox/sales', bytes(1))
    store.compactDoc('inbox/sales', bytes(9))
    store.appendUpdate('inbox/sales', bytes(2))
    store.appendUpdate('inbox/sales', bytes(3))
    expect((await store.loadDoc('inbox/sales')).map((u) => [...u])).toEqual([[9], [2], [3]])
    expect(await store.docNames()).toEqual(['inbox/sales'])
    await store.close()
  })

  it('removes a document with all its updates, leaving others', async () => {
    const store = await openStore()
    store.appendUpdate('inbox/sales', bytes(1))
    store.appendUpdate('inbox/sales-2', bytes(2))
    store.removeDoc('inbox/sales')
    expect(await store.loadDoc('inbox/sales')).toEqual([])
    expect((await store.loadDoc('inbox/sales-2')).map((u) => [...u])).toEqual([[2]])
    expect(await store.docNames()).toEqual(['inbox/sales-2'])
    await store.close()
  })

  it('keeps JSON records and lists them by prefix', async () => {
    const store = await openStore()
    store.putMeta('pending/b', { n: 2 })
    store.putMeta('pending/a', { n: 1 })
    store.putMeta('reported/x', 1)
    store.deleteMeta('pending/b')
    expect(await store.listMeta('pending/')).toEqual([['pending/a', { n: 1 }]])
    expect(await store.getMeta('reported/x')).toBe(1)
    expect(await store.getMeta('missing')).toBeUndefined()
    await store.close()
  })
})

describe('the LevelDB replica store', () => {
  it('keeps everything across a reopen', async () => {
    const store = await LevelReplicaStore.open(folder)
    store.appendUpdate('org', bytes(1, 2))
    store.putMeta('user', 'alice')
    await store.close()
    const reopened = await LevelReplicaStore.open(folder)
    expect((await reopened.loadDoc('org')).map((u) => [...u])).toEqual([[1, 2]])
    expect(await reopened.getMeta('user')).toBe('alice')
    expect(await reopened.docNames()).toEqual(['org'])
    await reopened.close()
  })

  it('says so when another process holds the folder', async () => {
    const store = await LevelReplicaStore.open(folder)
    await expect(LevelReplicaStore.open(folder)).rejects.toThrow(/in use by another huddle process/)
    await store.close()
  })
})
