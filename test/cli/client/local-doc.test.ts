import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LocalDoc } from '../../../cli/client/local-doc.js'
import { MemoryReplicaStore } from '../../../cli/client/memory-replica-store.js'

/** What the server acknowledges for an update: the state vector of that update. */
function ackOf(update: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))
}

describe('a replica document', () => {
  it('stores every update and loads them back', async () => {
    const store = new MemoryReplicaStore()
    const local = await LocalDoc.load('inbox/sales', store)
    local.change(() => local.doc.getArray('a').push([1]))
    local.change(() => local.doc.getArray('a').push([2]))
    const again = await LocalDoc.load('inbox/sales', store)
    expect(again.doc.getArray('a').toArray()).toEqual([1, 2])
  })

  it('compacts its log into one snapshot', async () => {
    const store = new MemoryReplicaStore()
    const local = await LocalDoc.load('inbox/sales', store)
    for (let i = 0; i < 5; i++) local.change(() => local.doc.getArray('a').push([i]))
    local.compact()
    expect(await store.loadDoc('inbox/sales')).toHaveLength(1)
    expect((await LocalDoc.load('inbox/sales', store)).doc.getArray('a').length).toBe(5)
  })

  it('writes changes made while connected under fresh ids, so each update’s acknowledgement covers it', async () => {
    const local = await LocalDoc.load('inbox/sales', new MemoryReplicaStore())
    const sent: Uint8Array[] = []
    local.doc.on('update', (update: Uint8Array) => sent.push(update))
    local.setLinked(true)
    const marks = [1, 2, 3].map((n) => local.change(() => local.doc.getArray('a').push([n])))
    expect(new Set(marks.map((m) => m.client)).size).toBe(3)
    marks.forEach((mark, i) => expect(ackOf(sent[i]!).get(mark.client)).toBe(mark.clock))
  })

  it('writes changes made offline under one id, and the update sent on reconnecting covers them all', async () => {
    const local = await LocalDoc.load('inbox/sales', new MemoryReplicaStore())
    const marks = [1, 2, 3].map((n) => local.change(() => local.doc.getArray('a').push([n])))
    expect(new Set(marks.map((m) => m.client)).size).toBe(1)
    const step2 = Y.encodeStateAsUpdate(local.doc, new Uint8Array([0]))
    expect(ackOf(step2).get(marks[2]!.client)).toBe(marks[2]!.clock)
    local.setLinked(true)
    const next = local.change(() => local.doc.getArray('a').push([4]))
    expect(next.client).not.toBe(marks[0]!.client)
  })

  it('keeps its own client id for presence whatever id its changes are written under', async () => {
    const local = await LocalDoc.load('inbox/sales', new MemoryReplicaStore())
    const own = local.doc.clientID
    local.setLinked(true)
    local.change(() => local.doc.getArray('a').push([1]))
    local.change(() => local.doc.getArray('a').push([2]))
    expect(local.doc.clientID).toBe(own)
  })
})
