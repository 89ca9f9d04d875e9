import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { formatHlc } from '../../../core/hlc.js'
import { changeMembers } from '../../../core/directory.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { CLOSE_CODES, MESSAGE } from '../../../core/wire.js'
import { rawUpgrade } from '../../helpers/raw-upgrade.js'
import { connect, startSyncFixture, synced, TOKENS, type Client, type SyncFixture } from '../../helpers/sync-fixture.js'
import { until } from '../../helpers/until.js'

let fixture: SyncFixture
const clients: Client[] = []
const open = (...args: Parameters<typeof connect>): Client => {
  const client = connect(...args)
  clients.push(client)
  return client
}

beforeEach(async () => {
  fixture = await startSyncFixture()
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await fixture.close()
})

const claim = (actor: string, id: string, at = formatHlc({ ms: Date.now(), counter: 0 })) =>
  ({ id, kind: 'claim', actor, at, saw: null }) as const

describe('sync server', () => {
  it('two members see each other’s changes', async () => {
    const alice = open(fixture, 'alice', 'inbox/sales')
    const bob = open(fixture, 'bob', 'inbox/sales')
    await Promise.all([synced(alice), synced(bob)])
    expect(new InboxDoc(bob.doc).summary('c-1')?.preview).toBe('Hello')
    new InboxDoc(alice.doc).appendEvent('c-1', claim('alice', 'e-1'))
    await until(() => new InboxDoc(bob.doc).events('c-1').length === 1, 'bob sees alice’s claim')
    expect(new InboxDoc(bob.doc).state('c-1', () => true).assignee).toBe('alice')
  })

  it('a non-member gets a denial and not one byte of the document', async () => {
    const carol = open(fixture, 'carol', 'inbox/sales')
    const closed = await carol.closed
    expect(closed.code).toBe(CLOSE_CODES.forbidden)
    expect(closed.reason).toMatch(/not a member of inbox `Sales`/)
    expect(new InboxDoc(carol.doc).ids()).toEqual([])
    const conversation = open(fixture, 'carol', 'conversation/c-1')
    expect((await conversation.closed).code).toBe(CLOSE_CODES.forbidden)
    expect(new ConversationDoc(conversation.doc).messages.length).toBe(0)
  })

  it('a connection without a valid token is refused as unauthenticated', async () => {
    const anonymous = open(fixture, null, 'org')
    expect((await anonymous.closed).code).toBe(CLOSE_CODES.unauthenticated)
  })

  it('a client write to org is rejected and never seen by others', async () => {
    const alice = open(fixture, 'alice', 'org', { client: '0.1.0' })
    const bob = open(fixture, 'bob', 'org')
    await Promise.all([synced(alice), synced(bob)])
    alice.doc.getMap('users').set('mallory', { id: 'mallory' })
    await until(() => alice.received.some((f) => f.type === MESSAGE.rejected), 'alice is told of the rejection')
    const bobFresh = open(fixture, 'bob', 'org')
    await synced(bobFresh)
    expect(bob.doc.getMap('users').has('mallory')).toBe(false)
    expect(bobFresh.doc.getMap('users').has('mallory')).toBe(false)
  })

  it('an event with a forged actor is rejected, and the sender is told why', async () => {
    const bob = open(fixture, 'bob', 'inbox/sales', { client: '0.1.0' })
    await synced(bob)
    new InboxDoc(bob.doc).appendEvent('c-1', claim('alice', 'e-forged'))
    await until(() => bob.received.some((f) => f.type === MESSAGE.rejected), 'bob is told')
    const rejection = bob.received.find((f) => f.type === MESSAGE.rejected)!.payload as { message: string }
    expect(rejection.message).toMatch(/claims actor `alice` but you are `bob`/)
    const observer = open(fixture, 'alice', 'inbox/sales')
    await synced(observer)
    expect(new InboxDoc(observer.doc).events('c-1')).toEqual([])
  })

  it('an update is judged on the directory as it stands when it arrives: a member removed meanwhile is closed as forbidden and the update not stored', async () => {
    const alice = open(fixture, 'alice', 'inbox/sales', { client: '0.1.0' })
    await synced(alice)
    const events = new InboxDoc(alice.doc)
    events.appendEvent('c-1', claim('alice', 'e-member'))
    await until(() => alice.received.some((f) => f.type === MESSAGE.ack), 'the claim of a member is acknowledged')
    fixture.directory = changeMembers(fixture.directory, 'sales', { add: [], remove: ['alice'] }).directory
    events.appendEvent('c-1', claim('alice', 'e-removed'))
    const closed = await alice.closed
    expect(closed.code).toBe(CLOSE_CODES.forbidden)
    expect(closed.reason).toMatch(/not a member of inbox `Sales`/)
    const observer = open(fixture, 'bob', 'inbox/sales')
    await synced(observer)
    expect(new InboxDoc(observer.doc).events('c-1').map((e) => e.id)).toEqual(['e-member'])
  })

  it('an update that deletes message history is rejected and the history stays', async () => {
    const alice = open(fixture, 'alice', 'conversation/c-1', { client: '0.1.0' })
    await synced(alice)
    new ConversationDoc(alice.doc).messages.delete(0, 1)
    await until(() => alice.received.some((f) => f.type === MESSAGE.rejected), 'alice is told')
    const bob = open(fixture, 'bob', 'conversation/c-1')
    await synced(bob)
    expect(new ConversationDoc(bob.doc).readMessages().map((m) => m.id)).toEqual(['m-1'])
  })

  it('each reply is acknowledged once durable, and a fresh client sees them', async () => {
    const bob = open(fixture, 'bob', 'conversation/c-1', { client: '0.1.0' })
    await synced(bob)
    for (const id of ['r-1', 'r-2'])
      new ConversationDoc(bob.doc).appendMessage({ id, direction: 'out', author: 'bob', body: 'Hi there', at: Date.now(), basis: { assignee: null, lastInbound: 'm-1' } })
    const clock = Y.getState(bob.doc.store, bob.doc.clientID)
    await until(
      () => bob.received.some((f) => f.type === MESSAGE.ack && ((f.payload as Map<number, number>).get(bob.doc.clientID) ?? 0) >= clock),
      'bob’s reply is acknowledged',
    )
    const alice = open(fixture, 'alice', 'conversation/c-1')
    await synced(alice)
    expect(new ConversationDoc(alice.doc).readMessages().map((m) => m.id)).toEqual(['m-1', 'r-1', 'r-2'])
  })

  it('greets a huddle client with the server version and its user', async () => {
    const alice = open(fixture, 'alice', 'org', { client: '0.1.0' })
    await until(() => alice.received.some((f) => f.type === MESSAGE.hello), 'hello arrives')
    expect(alice.received[0]).toMatchObject({ type: MESSAGE.hello, payload: { user: 'alice', protocol: 1 } })
  })

  it('refuses a client older than the minimum version with the upgrade message', async () => {
    const old = open(fixture, 'alice', 'org', { client: '0.0.1' })
    const closed = await old.closed
    expect(closed.code).toBe(CLOSE_CODES.unsupportedVersion)
    expect(closed.reason).toMatch(/too old/)
  })

  it.each([['../x'], ['%2e%2e/x'], ['inbox/'], ['INBOX/sales'], ['inbox/a%2fb'], [`inbox/${'a'.repeat(10_000)}`]])(
    'refuses the document name %s',
    async (name) => {
      const answer = await rawUpgrade(fixture.url, `/sync/${name}?token=${TOKENS.alice}`)
      expect(answer === 'HTTP/1.1 404 Not Found' || answer === `close ${CLOSE_CODES.invalid}`, answer).toBe(true)
    },
  )

  it('closes a connection sending a malformed frame, and others carry on', async () => {
    const bob = open(fixture, 'bob', 'inbox/sales')
    await synced(bob)
    const ws = new WebSocket(`${fixture.url}/inbox/sales?token=${TOKENS.alice}`)
    await new Promise((resolve) => ws.on('open', resolve))
    ws.send(new Uint8Array([0, 2, 200, 1]))
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)))
    expect(code).toBe(CLOSE_CODES.invalid)
    const alice = open(fixture, 'alice', 'inbox/sales')
    await synced(alice)
    new InboxDoc(alice.doc).appendEvent('c-1', claim('alice', 'e-2'))
    await until(() => new InboxDoc(bob.doc).events('c-1').length === 1, 'bob still syncs')
  })

  it('closes a connection whose frame exceeds the payload limit', async () => {
    const ws = new WebSocket(`${fixture.url}/inbox/sales?token=${TOKENS.alice}`)
    await new Promise((resolve) => ws.on('open', resolve))
    ws.send(new Uint8Array(2 * 1024 * 1024))
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)))
    expect(code).toBe(1009)
  })

  it('stamps presence with the authenticated user and keeps others from setting it', async () => {
    const alice = open(fixture, 'alice', 'conversation/c-1')
    const bob = open(fixture, 'bob', 'conversation/c-1')
    await Promise.all([synced(alice), synced(bob)])
    alice.provider.awareness.setLocalState({ user: { id: 'bob', name: 'Not Alice' }, typing: true })
    await until(() => bob.provider.awareness.getStates().has(alice.doc.clientID), 'bob sees alice’s presence')
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toMatchObject({ user: { id: 'alice', name: 'Alice' }, typing: true })
  })

  it('server changes reach connected clients and resolve once stored', async () => {
    const bob = open(fixture, 'bob', 'inbox/sales')
    await synced(bob)
    await fixture.sync.change('inbox/sales', (doc) => new InboxDoc(doc).updateSummary('c-1', { preview: 'Updated' }))
    await until(() => new InboxDoc(bob.doc).summary('c-1')?.preview === 'Updated', 'bob sees the server change')
  })

  it('a client holding nothing is sent the document as it is after each change, and after a restart', async () => {
    const first = open(fixture, 'bob', 'inbox/sales')
    await synced(first)
    expect(new InboxDoc(first.doc).summary('c-1')?.preview).toBe('Hello')
    await fixture.sync.change('inbox/sales', (doc) => new InboxDoc(doc).updateSummary('c-1', { preview: 'Changed once' }))
    const second = open(fixture, 'bob', 'inbox/sales')
    await synced(second)
    expect(new InboxDoc(second.doc).summary('c-1')?.preview).toBe('Changed once')
    new InboxDoc(second.doc).appendEvent('c-1', claim('bob', 'e-1'))
    await until(() => new InboxDoc(first.doc).events('c-1').length === 1, 'the first client sees the claim')
    const third = open(fixture, 'alice', 'inbox/sales')
    await synced(third)
    expect(new InboxDoc(third.doc).events('c-1').map((e) => e.id)).toEqual(['e-1'])
    await fixture.restart()
    const afterRestart = open(fixture, 'alice', 'inbox/sales')
    await synced(afterRestart)
    expect(new InboxDoc(afterRestart.doc).summary('c-1')?.preview).toBe('Changed once')
    expect(new InboxDoc(afterRestart.doc).events('c-1').map((e) => e.id)).toEqual(['e-1'])
  })

  it('a huddle client holding nothing of an inbox is sent its rows, folded for it, before the document', async () => {
    const early = open(fixture, 'alice', 'inbox/sales', { client: '0.1.0', epoch: '' })
    const bob = open(fixture, 'bob', 'inbox/sales', { client: '0.1.0' })
    await Promise.all([synced(early), synced(bob)])
    expect(early.received.find((f) => f.type === MESSAGE.view)?.payload).toMatchObject({ rows: [['c-1', 'sms', '+15555550001', null, 'Hello', 1, 0, null]] })
    new InboxDoc(bob.doc).appendEvent('c-1', claim('bob', 'e-1'))
    await until(() => bob.received.some((f) => f.type === MESSAGE.ack), 'bob’s claim is stored')
    const alice = open(fixture, 'alice', 'inbox/sales', { client: '0.1.0', epoch: '' })
    await synced(alice)
    const views = alice.received.filter((f) => f.type === MESSAGE.view)
    expect(views).toEqual([{ type: MESSAGE.view, payload: { rows: [['c-1', 'sms', '+15555550001', null, 'Hello', 1, 0, 'bob']], isDocEmpty: true } }])
    expect(bob.received.some((f) => f.type === MESSAGE.view)).toBe(false)
    const holding = open(fixture, 'alice', 'inbox/sales', { client: '0.1.0', epoch: '0' })
    const stock = open(fixture, 'alice', 'inbox/sales', { epoch: '' })
    await Promise.all([synced(holding), synced(stock)])
    expect([...holding.received, ...stock.received].some((f) => f.type === MESSAGE.view)).toBe(false)
  })

  it('disconnects a user from the documents they lost', async () => {
    const bob = open(fixture, 'bob', 'inbox/sales')
    const bobOrg = open(fixture, 'bob', 'org')
    await Promise.all([synced(bob), synced(bobOrg)])
    fixture.sync.disconnect('bob', (name) => name === 'inbox/sales', CLOSE_CODES.forbidden, 'You were removed from inbox Sales.')
    expect(await bob.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'You were removed from inbox Sales.' })
    expect(bobOrg.provider.wsconnected).toBe(true)
  })
})
