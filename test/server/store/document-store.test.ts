import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { HuddleError } from '../../../core/errors.js'
import type { DocumentStore } from '../../../server/store/document-store.js'
import { DOCUMENT_STORES, contentOf, editDocument, rebuild } from './store-fixtures.js'
import type { OpenedStore } from './store-fixtures.js'

describe.each(DOCUMENT_STORES)('$name', (kind) => {
  let opened: OpenedStore<DocumentStore>
  let store: DocumentStore
  beforeEach(async () => {
    opened = await kind.open()
    store = opened.store
  })
  afterEach(() => opened.close())

  it('loads a document never written as empty', async () => {
    expect(await store.load('inbox/sales')).toEqual({ updates: [], lastSeq: 0, pending: 0, owners: new Map() })
  })

  it('rebuilds the same document from the updates it stored', async () => {
    const { doc, updates } = editDocument(5)
    for (const [i, update] of updates.entries()) expect(await store.append('conversation/c-12', update)).toBe(i + 1)
    const stored = await store.load('conversation/c-12')
    expect(stored.lastSeq).toBe(5)
    expect(stored.pending).toBe(5)
    expect(contentOf(rebuild(stored.updates))).toEqual(contentOf(doc))
  })

  it('returns updates in the order they were appended, past 9, 99 and 999', async () => {
    const updates = Array.from({ length: 1_005 }, (_, i) => new TextEncoder().encode(`update ${i}`))
    const seqs = await Promise.all(updates.map((update) => store.append('inbox/sales', update)))
    expect(seqs).toEqual(updates.map((_, i) => i + 1))
    const stored = await store.load('inbox/sales')
    expect(stored.updates.map((u) => new TextDecoder().decode(u))).toEqual(updates.map((u) => new TextDecoder().decode(u)))
  })

  it('keeps the updates after a compaction and rebuilds the same document', async () => {
    const { doc, updates } = editDocument(10)
    for (const update of updates) await store.append('inbox/sales', update)
    await store.compact('inbox/sales', Y.encodeStateAsUpdate(rebuild(updates.slice(0, 6))), 6)
    const stored = await store.load('inbox/sales')
    expect(stored).toMatchObject({ lastSeq: 10, pending: 4 })
    expect(stored.updates).toHaveLength(5)
    expect(contentOf(rebuild(stored.updates))).toEqual(contentOf(doc))
  })

  it('loses no update appended while a compaction is queued', async () => {
    const { doc, updates } = editDocument(10)
    for (const update of updates.slice(0, 5)) await store.append('inbox/sales', update)
    const snapshot = Y.encodeStateAsUpdate(rebuild(updates.slice(0, 5)))
    const later = updates.slice(5)
    await Promise.all([
      store.append('inbox/sales', later[0]!),
      store.append('inbox/sales', later[1]!),
      store.compact('inbox/sales', snapshot, 5),
      ...later.slice(2).map((update) => store.append('inbox/sales', update)),
    ])
    const stored = await store.load('inbox/sales')
    expect(stored).toMatchObject({ lastSeq: 10, pending: 5 })
    expect(contentOf(rebuild(stored.updates))).toEqual(contentOf(doc))
  })

  it('compacts a second time over an earlier snapshot', async () => {
    const { doc, updates } = editDocument(8)
    for (const update of updates.slice(0, 4)) await store.append('inbox/sales', update)
    await store.compact('inbox/sales', Y.encodeStateAsUpdate(rebuild(updates.slice(0, 4))), 4)
    for (const update of updates.slice(4)) await store.append('inbox/sales', update)
    await store.compact('inbox/sales', Y.encodeStateAsUpdate(doc), 8)
    const stored = await store.load('inbox/sales')
    expect(stored).toEqual({ updates: [expect.any(Uint8Array)], lastSeq: 8, pending: 0, owners: new Map() })
    expect(contentOf(rebuild(stored.updates))).toEqual(contentOf(doc))
    expect(await store.append('inbox/sales', editDocument(1, doc).updates[0]!)).toBe(9)
  })

  it('refuses a compaction beyond the last update or behind its snapshot, changing nothing', async () => {
    const { updates } = editDocument(3)
    for (const update of updates) await store.append('inbox/sales', update)
    await expect(store.compact('inbox/sales', new Uint8Array([0, 0]), 4)).rejects.toMatchObject({ code: 'invalid' })
    await store.compact('inbox/sales', Y.encodeStateAsUpdate(rebuild(updates.slice(0, 2))), 2)
    await expect(store.compact('inbox/sales', Y.encodeStateAsUpdate(rebuild(updates.slice(0, 1))), 1)).rejects.toMatchObject({ code: 'conflict' })
    expect(await store.load('inbox/sales')).toMatchObject({ lastSeq: 3, pending: 1 })
  })

  it('keeps documents whose names share a prefix apart', async () => {
    const names = ['inbox', 'inbox/a', 'inbox/ab', 'inbox/a-b', 'inbox/a/b', 'inbox/a0']
    for (const [i, name] of names.entries()) {
      for (let n = 0; n <= i; n += 1) await store.append(name, new TextEncoder().encode(`${name} ${n}`))
    }
    await store.compact('inbox/a', new TextEncoder().encode('inbox/a snapshot'), 2)
    for (const [i, name] of names.entries()) {
      if (name === 'inbox/a') continue
      const stored = await store.load(name)
      expect(stored).toMatchObject({ lastSeq: i + 1, pending: i + 1 })
      expect(stored.updates.map((u) => new TextDecoder().decode(u))).toEqual(Array.from({ length: i + 1 }, (_, n) => `${name} ${n}`))
    }
    expect((await store.load('inbox/a')).updates.map((u) => new TextDecoder().decode(u))).toEqual(['inbox/a snapshot'])
  })

  it('removes a document entirely and leaves its neighbours', async () => {
    await store.append('inbox/a', new Uint8Array([1]))
    await store.append('inbox/a', new Uint8Array([2]))
    await store.compact('inbox/a', new Uint8Array([1, 2]), 1)
    await store.append('inbox/ab', new Uint8Array([3]))
    await store.remove('inbox/a')
    expect(await store.load('inbox/a')).toEqual({ updates: [], lastSeq: 0, pending: 0, owners: new Map() })
    expect(await store.load('inbox/ab')).toEqual({ updates: [new Uint8Array([3])], lastSeq: 1, pending: 1, owners: new Map() })
    expect(await store.append('inbox/a', new Uint8Array([4]))).toBe(1)
  })

  it('binds client ids with their update, keeps them through compaction and forgets them with the document', async () => {
    const { doc, updates } = editDocument(3)
    await store.append('inbox/a', updates[0]!, new Map([[7, 'alice']]))
    await store.append('inbox/a', updates[1]!, new Map([[4_294_967_295, 'system']]))
    await store.append('inbox/a', updates[2]!)
    await store.append('inbox/ab', new Uint8Array([3]), new Map([[8, 'bob']]))
    await store.compact('inbox/a', Y.encodeStateAsUpdate(doc), 2)
    const stored = await store.load('inbox/a')
    expect(stored).toMatchObject({ lastSeq: 3, pending: 1 })
    expect(stored.owners).toEqual(new Map([[7, 'alice'], [4_294_967_295, 'system']]))
    await store.remove('inbox/a')
    expect((await store.load('inbox/a')).owners).toEqual(new Map())
    expect((await store.load('inbox/ab')).owners).toEqual(new Map([[8, 'bob']]))
  })

  it('keeps what was appended even if the caller reuses its buffer', async () => {
    const buffer = new Uint8Array([1, 2, 3])
    await store.append('inbox/a', buffer)
    buffer.fill(9)
    expect((await store.load('inbox/a')).updates).toEqual([new Uint8Array([1, 2, 3])])
  })

  it('refuses a document name containing NUL', async () => {
    await expect(store.append('inbox/a\0u', new Uint8Array([1]))).rejects.toMatchObject({ code: 'invalid' })
    await expect(store.load('inbox/a\0u')).rejects.toBeInstanceOf(HuddleError)
  })

  it('refuses writes after it is closed', async () => {
    await store.close()
    await expect(store.append('inbox/a', new Uint8Array([1]))).rejects.toMatchObject({ code: 'storage' })
  })
})
