import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { ENTRY_KEYS, encodeEvent } from '../../../core/inbox-layout.js'
import type { Change } from '../../../core/yjs-internals/update-change.js'
import { applyAndInspect } from '../../../core/yjs-internals/update-inspection.js'
import { previewChanges } from '../../../core/yjs-internals/update-preview.js'
import { clientUpdate, makeEvent, refusalOf, serverAndClientInbox } from '../../helpers/core-fixtures.js'

/** What the client's `change` would change on the server. */
function preview(change: (client: InboxDoc) => void): Change[] {
  const { server, client } = serverAndClientInbox()
  return previewChanges(server, clientUpdate(client, change))
}

const eventsOf = (inbox: InboxDoc, id: string): Y.Array<unknown> => inbox.storedEvents(id)!
const at = (path: string[], key: string | null = null): { root: string; path: string[]; key: string | null } => ({ root: 'conversations', path, key })

describe('previewing what an update would change', () => {
  it('reports an appended event with its place and value', () => {
    const event = makeEvent('claim', 'alice', 0)
    expect(preview((c) => c.appendEvent('c1', event))).toEqual([{ kind: 'insert', location: at(['c1', ENTRY_KEYS.events]), value: encodeEvent(event) }])
  })

  it('leaves the document as it was', () => {
    const { server, client } = serverAndClientInbox()
    const before = Y.encodeStateAsUpdate(server)
    previewChanges(
      server,
      clientUpdate(client, (c) => {
        c.appendEvent('c1', makeEvent('claim', 'alice', 0))
        c.conversations.delete('c1')
      }),
    )
    expect(Y.encodeStateAsUpdate(server)).toEqual(before)
  })

  it('reports a summary update as an insert and the value it replaces as a delete', () => {
    expect(preview((c) => c.updateSummary('c1', { preview: 'New message' }))).toEqual([
      { kind: 'insert', location: at(['c1'], ENTRY_KEYS.preview), value: 'New message' },
      { kind: 'delete', location: at(['c1'], ENTRY_KEYS.preview) },
    ])
  })

  it('reports an event appended and deleted within one update as a deletion', () => {
    // The client has already dropped the deleted event's content, so its update carries none.
    const changes = preview((c) => {
      c.appendEvent('c1', makeEvent('claim', 'alice', 0))
      eventsOf(c, 'c1').delete(0, 1)
    })
    expect(changes).toEqual([{ kind: 'delete', location: at(['c1', ENTRY_KEYS.events]) }])
  })

  it('reports nested shared types and text as structure, naming their content', () => {
    const changes = preview((c) => {
      c.conversations.set('c2', new Y.Map())
      c.doc.getText('notes').insert(0, 'hi')
    })
    expect(changes).toEqual([
      { kind: 'insert-structure', location: at([], 'c2'), content: 'ContentType' },
      { kind: 'insert-structure', location: { root: 'notes', path: [], key: null }, content: 'ContentString' },
    ])
  })

  it('reports, for a deleted conversation, the deletion of everything still inside it', () => {
    const { server, client } = serverAndClientInbox()
    const changes = previewChanges(
      server,
      clientUpdate(client, (c) => c.conversations.delete('c1')),
    )
    expect(changes).toContainEqual({ kind: 'delete', location: at([], 'c1') })
    expect(changes).toContainEqual({ kind: 'delete', location: at(['c1'], ENTRY_KEYS.preview) })
    expect(changes).toContainEqual({ kind: 'delete', location: at(['c1'], ENTRY_KEYS.events) })
  })

  it('reports a value that loses to a concurrent one on the same key as a deletion only', () => {
    const { server, client } = serverAndClientInbox()
    const rival = new Y.Doc()
    Y.applyUpdate(rival, Y.encodeStateAsUpdate(server))
    // Yjs orders concurrent sets by client id: the higher one is the key's value.
    client.doc.clientID = 1
    rival.clientID = 2
    const winner = clientUpdate(new InboxDoc(rival), (r) => r.updateSummary('c1', { preview: 'rival' }))
    Y.applyUpdate(server, winner)
    const changes = previewChanges(
      server,
      clientUpdate(client, (c) => c.updateSummary('c1', { preview: 'late' })),
    )
    expect(changes).toEqual([
      { kind: 'insert', location: at(['c1'], ENTRY_KEYS.preview), value: 'late' },
      { kind: 'delete', location: at(['c1'], ENTRY_KEYS.preview) },
    ])
    expect(changes.filter((change) => change.kind === 'delete')).toHaveLength(1)
  })

  it.each([
    ['wins', 3, true],
    ['loses', 1, false],
  ])('orders a value set on a stale view of a key as Yjs does, inside a run of values Yjs merged: it %s', (_outcome, rivalId, isWinner) => {
    const server = new Y.Doc()
    const copy = new Y.Doc()
    const writer = new Y.Doc()
    writer.clientID = 2
    const rival = new Y.Doc()
    rival.clientID = rivalId
    const send = (from: Y.Doc): void => {
      const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(server))
      Y.applyUpdate(server, update)
      Y.applyUpdate(copy, update)
    }
    const setHot = (value: unknown): void => {
      writer.getMap('misc').set('hot', value)
      send(writer)
    }
    setHot(1)
    Y.applyUpdate(rival, Y.encodeStateAsUpdate(server))
    setHot(2)
    setHot(new Y.Map([['x', 3]]))
    // The rival's value follows the first one, which the server now holds merged with the second.
    rival.getMap('misc').set('hot', 'rival')
    const update = Y.encodeStateAsUpdate(rival, Y.encodeStateVector(server))
    const changes = previewChanges(server, update)
    // Replacing the current map deletes what is inside it; losing leaves it alone.
    const insideDeleted = { kind: 'delete', location: { root: 'misc', path: ['hot'], key: 'x' } }
    if (isWinner) expect(changes).toContainEqual(insideDeleted)
    else expect(changes).not.toContainEqual(insideDeleted)
    expect(changes).toEqual(applyAndInspect(copy, update, 'rival'))
    expect(copy.getMap('misc').get('hot') === 'rival').toBe(isWinner)
  })

  it('reports nothing for an update the document already has', () => {
    const { server, client } = serverAndClientInbox()
    const update = clientUpdate(client, (c) => c.appendEvent('c1', makeEvent('claim', 'alice', 0)))
    Y.applyUpdate(server, update)
    expect(previewChanges(server, update)).toEqual([])
  })

  it('reports only the new part of an update that overlaps what the document has', () => {
    const { server, client } = serverAndClientInbox()
    const start = Y.encodeStateVector(client.doc)
    const first = makeEvent('claim', 'alice', 0)
    const second = makeEvent('archive', 'alice', 1)
    Y.applyUpdate(server, clientUpdate(client, (c) => c.appendEvent('c1', first)))
    client.appendEvent('c1', second)
    expect(previewChanges(server, Y.encodeStateAsUpdate(client.doc, start))).toEqual([{ kind: 'insert', location: at(['c1', ENTRY_KEYS.events]), value: encodeEvent(second) }])
  })

  it('reports an update that builds on changes the document does not have, instead of nothing', () => {
    const { server, client } = serverAndClientInbox()
    client.appendEvent('c1', makeEvent('claim', 'mallory', 0))
    const middle = Y.encodeStateVector(client.doc)
    client.appendEvent('c1', makeEvent('claim', 'alice', 1))
    expect(previewChanges(server, Y.encodeStateAsUpdate(client.doc, middle))).toEqual([{ kind: 'pending' }])
  })

  it('reports a delete of something the document does not have yet as pending', () => {
    const { server, client } = serverAndClientInbox()
    const start = Y.encodeStateVector(client.doc)
    client.appendEvent('c1', makeEvent('claim', 'alice', 0))
    const withEvent = Y.encodeStateVector(client.doc)
    eventsOf(client, 'c1').delete(0, 1)
    const deleteOnly = Y.encodeStateAsUpdate(client.doc, withEvent)
    expect(previewChanges(server, deleteOnly)).toEqual([{ kind: 'pending' }])
    expect(previewChanges(server, Y.encodeStateAsUpdate(client.doc, start))).toEqual([{ kind: 'delete', location: at(['c1', ENTRY_KEYS.events]) }])
  })

  it('refuses an update no Yjs client makes, one listing a client twice', () => {
    const { client } = serverAndClientInbox()
    const update = clientUpdate(client, (c) => c.appendEvent('c1', makeEvent('claim', 'alice', 0)))
    // Yjs would read the second, empty list for the same client in place of the first.
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 2)
    encoding.writeUint8Array(encoder, update.subarray(1, -1))
    for (const n of [0, client.doc.clientID, 0, 0]) encoding.writeVarUint(encoder, n)
    const forged = encoding.toUint8Array(encoder)
    expect(Y.decodeUpdate(forged).structs).toHaveLength(1)
    expect(refusalOf(() => previewChanges(new Y.Doc(), forged)).code).toBe('invalid')
  })
})
