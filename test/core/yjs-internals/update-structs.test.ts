import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { endClocks, listStructs } from '../../../core/yjs-internals/update-structs.js'

describe('listStructs', () => {
  it('lists items, and GC structs that change no value, with their client ids and clock ranges', () => {
    const doc = new Y.Doc()
    doc.clientID = 5
    const inner = new Y.Array<number>()
    doc.transact(() => {
      doc.getMap('root').set('list', inner)
      inner.push([1, 2, 3])
    })
    // Deleting the nested type turns its content into GC structs.
    doc.getMap('root').delete('list')
    const kinds = listStructs(Y.decodeUpdate(Y.encodeStateAsUpdate(doc))).map((s) => [s.kind, s.client, s.clock, s.length])
    expect(kinds).toContainEqual(['gc', 5, 1, 3])
    expect(kinds).toContainEqual(['item', 5, 0, 1])
  })

  it('lists the gaps of a merged update as Skip structs', () => {
    const doc = new Y.Doc()
    doc.clientID = 7
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (const value of ['a', 'b', 'c']) doc.getArray('list').push([value])
    const merged = Y.mergeUpdates([updates[0]!, updates[2]!])
    expect(listStructs(Y.decodeUpdate(merged)).map((s) => s.kind)).toEqual(['item', 'skip', 'item'])
    expect(listStructs(Y.decodeUpdate(merged))[1]).toEqual({ kind: 'skip', client: 7, clock: 1, length: 1 })
  })

  it('ends each client’s range after its last struct, as Yjs reads an update’s range', () => {
    const doc = new Y.Doc()
    doc.clientID = 9
    doc.getText('text').insert(0, 'hello')
    doc.getArray('list').push([1, 2])
    const update = Y.encodeStateAsUpdate(doc)
    expect(endClocks(listStructs(Y.decodeUpdate(update)))).toEqual(Y.parseUpdateMeta(update).to)
  })
})
