import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LocalDoc } from '../../../cli/client/local-doc.js'
import { MemoryReplicaStore } from '../../../cli/client/memory-replica-store.js'

describe('a replica document', () => {
  it('stores every update and loads them back', async () => {
    const store = new MemoryReplicaStore()
    const local = await LocalDoc.load('inbox/sales', store)
    local.change(() => local.doc.getArray('a').push([1]))
    local.change(() => local.doc.getArray('a').push([2]))
    const again = await LocalDoc.load('inbox/sales', store)
    expect(again.doc.getArray('a').toArray()).toEqual([1, 2])
  })

  it('stores a whole state received as the bytes received, tells listeners once with its origin, and nothing when it holds it already', async () => {
    const server = new Y.Doc()
    server.getArray('a').push([1, 2])
    const state = Y.encodeStateAsUpdate(server)
    const store = new MemoryReplicaStore()
    const local = await LocalDoc.load('inbox/sales', store)
    const heard: unknown[] = []
    local.doc.on('update', (_update: Uint8Array, origin: unknown) => heard.push(origin))
    const origin = Symbol('provider')
    for (let i = 0; i < 2; i++) local.receiveState(state, () => Y.applyUpdate(local.doc, state, origin))
    expect(heard).toEqual([origin])
    expect(await store.loadDoc('inbox/sales')).toEqual([state])
    expect((await LocalDoc.load('inbox/sales', store)).doc.getArray('a').toArray()).toEqual([1, 2])
    local.change(() => local.doc.getArray('a').push([3]))
    expect(heard).toHaveLength(2)
  })

  it('compacts its log into one snapshot', async () => {
    const store = new MemoryReplicaStore()
    const local = await LocalDoc.load('inbox/sales', store)
    for (let i = 0; i < 5; i++) local.change(() => local.doc.getArray('a').push([i]))
    local.compact()
    expect(await store.loadDoc('inbox/sales')).toHaveLength(1)
    expect((await LocalDoc.load('inbox/sales', store)).doc.getArray('a').length).toBe(5)
  })

  it('marks each change with its client id and the clock it reached, which an acknowledgement of its update covers', async () => {
    const local = await LocalDoc.load('inbox/sales', new MemoryReplicaStore())
    const sent: Uint8Array[] = []
    local.doc.on('update', (update: Uint8Array) => sent.push(update))
    const marks = [1, 2, 3].map((n) => local.change(() => local.doc.getArray('a').push([n])))
    expect(marks.map((m) => [m.client, m.clock])).toEqual([1, 2, 3].map((clock) => [local.doc.clientID, clock]))
    // What the server acknowledges for an update: the range of each client it brought.
    marks.forEach((mark, i) => expect(Y.parseUpdateMeta(sent[i]!).to.get(mark.client)).toBe(mark.clock))
    // Offline changes go out as one update from the server's state; it reaches the last mark.
    expect(Y.parseUpdateMeta(Y.encodeStateAsUpdate(local.doc, new Uint8Array([0]))).to.get(local.doc.clientID)).toBe(3)
  })

  it('is written under a new client id each time it is loaded', async () => {
    const store = new MemoryReplicaStore()
    const first = await LocalDoc.load('inbox/sales', store)
    const mark = first.change(() => first.doc.getArray('a').push([1]))
    const again = await LocalDoc.load('inbox/sales', store)
    expect(again.doc.clientID).not.toBe(mark.client)
    expect(again.change(() => again.doc.getArray('a').push([2])).clock).toBe(1)
  })
})
