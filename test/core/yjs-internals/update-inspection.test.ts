import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Change } from '../../../core/yjs-internals/update-change.js'
import { applyAndInspect, inspectTransaction } from '../../../core/yjs-internals/update-inspection.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { ENTRY_KEYS, encodeEvent } from '../../../core/inbox-layout.js'
import { clientUpdate, makeEvent, serverAndClientInbox } from '../../helpers/core-fixtures.js'

/** What the client's `change` looks like to a server that applies its update. */
function inspect(change: (client: InboxDoc) => void): Change[] {
  const { server, client } = serverAndClientInbox()
  return applyAndInspect(server, clientUpdate(client, change), 'client')
}

const eventsOf = (inbox: InboxDoc, id: string): Y.Array<unknown> => inbox.storedEvents(id)!

describe('inspecting what an update changes', () => {
  it('reports an appended event with its place and value', () => {
    const event = makeEvent('claim', 'alice', 0)
    expect(inspect((c) => c.appendEvent('c1', event))).toEqual([
      { kind: 'insert', location: { root: 'conversations', path: ['c1', ENTRY_KEYS.events], key: null }, value: encodeEvent(event) },
    ])
  })

  it('reports each value of a push of several', () => {
    const a = makeEvent('claim', 'alice', 0)
    const b = makeEvent('archive', 'alice', 1)
    expect(inspect((c) => eventsOf(c, 'c1').push([a, b])).map((x) => (x.kind === 'insert' ? x.value : x.kind))).toEqual([a, b])
  })

  it('reports a summary update as an insert and the value it replaced as a delete', () => {
    const changes = inspect((c) => c.updateSummary('c1', { preview: 'New message' }))
    expect(changes).toEqual([
      { kind: 'insert', location: { root: 'conversations', path: ['c1'], key: ENTRY_KEYS.preview }, value: 'New message' },
      { kind: 'delete', location: { root: 'conversations', path: ['c1'], key: ENTRY_KEYS.preview } },
    ])
  })

  it('reports a deleted event', () => {
    const { server, client } = serverAndClientInbox()
    client.appendEvent('c1', makeEvent('claim', 'alice', 0))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client.doc))
    const before = Y.encodeStateVector(client.doc)
    eventsOf(client, 'c1').delete(0, 1)
    expect(applyAndInspect(server, Y.encodeStateAsUpdate(client.doc, before), 'client')).toEqual([
      { kind: 'delete', location: { root: 'conversations', path: ['c1', ENTRY_KEYS.events], key: null } },
    ])
  })

  it('reports an event appended and deleted within one update as a deletion', () => {
    const changes = inspect((c) => {
      c.appendEvent('c1', makeEvent('claim', 'alice', 0))
      eventsOf(c, 'c1').delete(0, 1)
    })
    expect(changes.map((x) => x.kind)).toContain('delete')
  })

  it('reports nested shared types and text as structure, naming their content', () => {
    const changes = inspect((c) => {
      c.conversations.set('c2', new Y.Map())
      c.doc.getText('notes').insert(0, 'hi')
    })
    expect(changes).toEqual([
      { kind: 'insert-structure', location: { root: 'conversations', path: [], key: 'c2' }, content: 'ContentType' },
      { kind: 'insert-structure', location: { root: 'notes', path: [], key: null }, content: 'ContentString' },
    ])
  })

  it('marks array elements on the path with []', () => {
    const doc = new Y.Doc()
    const list = doc.getArray<Y.Map<unknown>>('list')
    const inner = new Y.Map<unknown>()
    list.push([inner])
    let changes: Change[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      changes = inspectTransaction(transaction)
    })
    inner.set('k', 1)
    expect(changes).toEqual([{ kind: 'insert', location: { root: 'list', path: ['[]'], key: 'k' }, value: 1 }])
  })

  it('reports nothing for an update the document already has', () => {
    const { server, client } = serverAndClientInbox()
    client.appendEvent('c1', makeEvent('claim', 'alice', 0))
    const update = Y.encodeStateAsUpdate(client.doc)
    applyAndInspect(server, update, 'client')
    expect(applyAndInspect(server, update, 'client')).toEqual([])
  })

  it('reports an update that builds on changes the document does not have, instead of nothing', () => {
    const { server, client } = serverAndClientInbox()
    const start = Y.encodeStateVector(client.doc)
    client.appendEvent('c1', makeEvent('claim', 'mallory', 0))
    const middle = Y.encodeStateVector(client.doc)
    client.appendEvent('c1', makeEvent('claim', 'alice', 1))
    const second = Y.encodeStateAsUpdate(client.doc, middle)
    expect(applyAndInspect(server, second, 'client')).toEqual([{ kind: 'pending' }])
    // Once what it builds on arrives, both events are reported.
    const changes = applyAndInspect(server, Y.encodeStateAsUpdate(client.doc, start), 'client')
    expect(changes.filter((x) => x.kind === 'insert')).toHaveLength(2)
  })
})
