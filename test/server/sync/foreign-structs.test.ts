import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import type { Note } from '../../../core/note.js'
import { MESSAGE, type Rejection } from '../../../core/wire.js'
import { connect, startSyncFixture, synced, type Client, type SyncFixture } from '../../helpers/sync-fixture.js'
import { until } from '../../helpers/until.js'

let fixture: SyncFixture
const clients: Client[] = []
const open = (...args: Parameters<typeof connect>): Client => {
  const client = connect(...args)
  clients.push(client)
  return client
}
const asHuddle = { client: '0.1.0' }

beforeEach(async () => {
  fixture = await startSyncFixture()
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await fixture.close()
})

const note = (author: string, id: string): Note => ({ id, author, body: `note ${id}`, at: Date.now(), mentions: [] })

/** An update of version 1 holding structs of one client from `clock` on: GC (info 0) or Skip (info 10) of the given lengths. */
function structUpdate(client: number, clock: number, structs: ReadonlyArray<{ kind: 'gc' | 'skip'; length: number }>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, structs.length)
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, clock)
  for (const struct of structs) {
    encoding.writeUint8(encoder, struct.kind === 'gc' ? 0 : 10)
    encoding.writeVarUint(encoder, struct.length)
  }
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

/** Sends `update` over the client's own socket, as a modified client would. */
function sendRaw(client: Client, update: Uint8Array): void {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.sync)
  syncProtocol.writeUpdate(encoder, update)
  client.provider.ws!.send(encoding.toUint8Array(encoder))
}

const rejections = (client: Client): Rejection[] => client.received.filter((f) => f.type === MESSAGE.rejected).map((f) => f.payload as Rejection)
const ackedOf = (client: Client): number =>
  Math.max(0, ...client.received.filter((f) => f.type === MESSAGE.ack).map((f) => (f.payload as Map<number, number>).get(client.doc.clientID) ?? 0))
const ownClock = (client: Client): number => Y.getState(client.doc.store, client.doc.clientID)
const noteIds = (client: Client): string[] => new ConversationDoc(client.doc).readNotes().map((n) => n.id)

async function readNotes(): Promise<string[]> {
  const reader = open(fixture, 'bob', 'conversation/c-1')
  await synced(reader)
  const ids = noteIds(reader)
  reader.destroy()
  return ids
}

describe('structs at client ids a client does not own', () => {
  it('a member filling a colleague’s next clocks with GC structs is refused, and the colleague’s offline note is stored and acknowledged', async () => {
    const alice = open(fixture, 'alice', 'conversation/c-1', asHuddle)
    const bob = open(fixture, 'bob', 'conversation/c-1', asHuddle)
    await Promise.all([synced(alice), synced(bob)])
    new ConversationDoc(alice.doc).appendNote(note('alice', 'n-1'))
    await until(() => ackedOf(alice) >= ownClock(alice), 'alice’s first note is acknowledged')
    await until(() => Y.getState(bob.doc.store, alice.doc.clientID) === ownClock(alice), 'bob sees alice’s client id in his document')

    alice.provider.disconnect()
    sendRaw(bob, structUpdate(alice.doc.clientID, Y.getState(bob.doc.store, alice.doc.clientID), [{ kind: 'gc', length: 5 }]))
    await until(() => rejections(bob).length > 0, 'bob is told his update was refused')
    const [rejection] = rejections(bob)
    // Forbidden: besides the malformed GC structs, they write at a colleague's client id.
    expect(rejection!.code).toBe('forbidden')
    expect(rejection!.message).toMatch(new RegExp(`client id ${alice.doc.clientID} belongs to another writer of this document`))
    expect(rejection!.message).toMatch(/garbage-collected structs .*which huddle clients never send/)

    new ConversationDoc(alice.doc).appendNote(note('alice', 'n-2'))
    alice.provider.connect()
    await until(() => ackedOf(alice) >= ownClock(alice), 'alice’s offline note is acknowledged')
    expect(await readNotes()).toEqual(['n-1', 'n-2'])
    await fixture.restart()
    expect(await readNotes()).toEqual(['n-1', 'n-2'])
  })

  it('a client id stays bound to its writer after a restart', async () => {
    const alice = open(fixture, 'alice', 'conversation/c-1', asHuddle)
    await synced(alice)
    new ConversationDoc(alice.doc).appendNote(note('alice', 'n-1'))
    await until(() => ackedOf(alice) >= ownClock(alice), 'alice’s note is acknowledged')
    alice.provider.disconnect()
    await fixture.restart()
    const bob = open(fixture, 'bob', 'conversation/c-1', asHuddle)
    await synced(bob)
    // Bob writes content he may write, a note of his own, but at alice's client id and next clock.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(bob.doc))
    forged.clientID = alice.doc.clientID
    let update: Uint8Array | null = null
    forged.on('update', (u: Uint8Array) => (update = u))
    new ConversationDoc(forged).appendNote(note('bob', 'n-bob'))
    sendRaw(bob, update!)
    await until(() => rejections(bob).length > 0, 'bob is told his update was refused')
    expect(rejections(bob)[0]).toEqual({ code: 'forbidden', message: expect.stringMatching(/belongs to another writer of this document; restart huddle/) })
    expect(await readNotes()).toEqual(['n-1'])
  })

  it('an update of only GC structs in the organisation directory is refused', async () => {
    const alice = open(fixture, 'alice', 'org', asHuddle)
    await synced(alice)
    const stranger = 123_456_789
    sendRaw(alice, structUpdate(stranger, 0, [{ kind: 'gc', length: 3 }]))
    await until(() => rejections(alice).length > 0, 'alice is told her update was refused')
    expect(rejections(alice)[0]).toEqual({ code: 'forbidden', message: expect.stringMatching(/clients write nothing in the organisation directory/) })
    const reader = open(fixture, 'alice', 'org')
    await synced(reader)
    expect(Y.getState(reader.doc.store, stranger)).toBe(0)
  })

  it('Skip structs are refused, even at the sender’s own client id', async () => {
    const bob = open(fixture, 'bob', 'conversation/c-1', asHuddle)
    await synced(bob)
    sendRaw(bob, structUpdate(bob.doc.clientID, 0, [{ kind: 'skip', length: 4 }]))
    await until(() => rejections(bob).length > 0, 'bob is told his update was refused')
    expect(rejections(bob)[0]).toEqual({ code: 'invalid', message: expect.stringMatching(new RegExp(`gaps \\(Skip structs at ${bob.doc.clientID}:0–3\\)`)) })
  })

  it('an update that builds on changes the server lacks is not acknowledged until they arrive and it is integrated', async () => {
    const bob = open(fixture, 'bob', 'conversation/c-1', asHuddle)
    const alice = open(fixture, 'alice', 'conversation/c-1', asHuddle)
    await Promise.all([synced(alice), synced(bob)])
    bob.provider.disconnect()
    new ConversationDoc(bob.doc).appendNote(note('bob', 'n-bob'))
    // Alice builds on bob's note before the server has it: handed over outside the server, and
    // marked as coming from her provider so that it does not pass it on.
    Y.applyUpdate(alice.doc, Y.encodeStateAsUpdate(bob.doc, Y.encodeStateVector(alice.doc)), alice.provider)
    new ConversationDoc(alice.doc).appendNote(note('alice', 'n-alice'))
    await until(() => rejections(alice).length > 0, 'alice is told her update cannot be taken yet')
    expect(rejections(alice)[0]).toEqual({ code: 'invalid', message: expect.stringMatching(/builds on changes the server does not have/) })
    expect(ackedOf(alice)).toBeLessThan(ownClock(alice))

    bob.provider.connect()
    await until(() => ackedOf(bob) >= ownClock(bob), 'bob’s note is acknowledged')
    expect(ackedOf(alice)).toBeLessThan(ownClock(alice))
    alice.provider.disconnect()
    alice.provider.connect()
    await until(() => ackedOf(alice) >= ownClock(alice), 'alice’s note is acknowledged once it can be integrated')
    expect((await readNotes()).sort()).toEqual(['n-alice', 'n-bob'])
  })
})
