import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LevelReplicaStore } from '../../../cli/client/level-replica-store.js'
import { customerWrites, type TestServer } from '../../helpers/client-server.js'
import { startClientWorld, type ClientWorld } from '../../helpers/client-world.js'
import { until } from '../../helpers/client-replica.js'

let world: ClientWorld
let server: TestServer

beforeEach(async () => {
  world = await startClientWorld(['alice', 'bob'])
  server = world.server
})

afterEach(async () => {
  await world.dispose()
})

const home = (): Promise<string> => world.home()
const open: ClientWorld['open'] = (...args) => world.open(...args)
const close: ClientWorld['close'] = (client) => world.close(client)

const HOUR = 3_600_000
/** A notification delay no test waits out: the test flushes notifications itself. */
const NEVER_BY_ITSELF_MS = HOUR

describe('presence', () => {
  it('shows who else views a conversation and who is typing, and forgets them when they leave', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    const bob = await open('bob', await home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    const aliceViews = await alice.openConversation(c1)
    await bob.openConversation(c1)
    const seen: string[] = []
    bob.subscribe({ kind: 'presence', id: c1 }, (present) => seen.push(present.map((p) => `${p.user.name}${p.isTyping ? ' typing' : ''}`).join(',')))
    await until(() => seen.at(-1) === 'Alice', 'bob sees alice viewing')
    aliceViews.setTyping(true)
    await until(() => seen.at(-1) === 'Alice typing', 'bob sees alice typing')
    aliceViews.close()
    await until(() => seen.at(-1) === '', 'bob sees alice leave')
    expect(alice.presence(c1)).toEqual([])
  })
})

describe('subscriptions', () => {
  it('turns a burst of remote changes into one notification of where they ended', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    // Bob's client notifies only when the test flushes it, so what one notification holds does not depend on this machine's speed.
    const bob = await open('bob', await home(), { batchMs: NEVER_BY_ITSELF_MS })
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    // How many of bob's conversations someone else holds, as each notification tells it.
    const others: number[] = []
    bob.subscribe({ kind: 'inbox', inbox: 'inbox/sales' }, (snapshot) => others.push(snapshot?.counts.others ?? -1))
    bob.flushNotifications()
    expect(others).toEqual([0])
    for (let i = 0; i < 10; i++) {
      await alice.claim(c1)
      await alice.unassign(c1)
    }
    await alice.claim(c1)
    await until(() => bob.conversationRow(c1)?.assignee === 'alice', 'bob has every change')
    expect(others, 'nothing is notified before the flush').toEqual([0])
    bob.flushNotifications()
    expect(others).toEqual([0, 1])
  })
})

describe('held replies', () => {
  it('reports a reply held because the conversation was taken meanwhile, and sends it once its author confirms', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const folder = await home()
    let alice = await open('alice', folder)
    const bob = await open('bob', await home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await alice.openConversation(c1)
    await alice.settle(5000)
    await close(alice)
    // Alice writes offline, having seen the conversation unassigned; bob claims it meanwhile.
    alice = await open('alice', folder, { connect: false })
    const reply = await alice.reply(c1, 'Sure, refund on its way')
    await (await bob.claim(c1)).acknowledged
    alice.connect()
    await reply.acknowledged
    await until(() => alice.heldReplies().length === 1, 'alice’s reply is held', 8000)
    const held = alice.heldReplies()[0]!
    expect(held.reason).toMatch(/now assigned to bob/)
    expect(alice.notices().map((n) => n.kind)).toEqual(['held'])
    await (await alice.decideHeld(held.message, 'send')).acknowledged
    expect(alice.notices()).toEqual([])
    // The server acts on the decision: the reply leaves `held` and goes out.
    await until(() => alice.conversation(c1)?.messages.find((m) => m.id === held.message)?.status === 'sent', 'the reply is sent', 8000)
    expect(alice.heldReplies()).toEqual([])
  })
})

describe('refused changes', () => {
  it('undoes a reply the server refuses, and says why', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await server.api('PATCH', '/users/bob', { licences: ['sms', 'chat'] })
    const folder = await home()
    let bob = await open('bob', folder)
    await bob.settle(5000)
    await (await bob.openConversation(c1)).close()
    await close(bob)
    // Offline, bob still believes he holds the sms licence the admin is taking away.
    bob = await open('bob', folder, { connect: false })
    await bob.reply(c1, 'Sent without a licence')
    await server.api('PATCH', '/users/bob', { licences: ['chat'] })
    bob.connect()
    await until(() => bob.notices().some((n) => n.kind === 'rejected'), 'bob is told', 8000)
    expect(bob.notices().find((n) => n.kind === 'rejected')).toMatchObject({ what: `your reply in conversation ${c1}`, reason: expect.stringMatching(/needs the `sms` licence/) })
    expect(bob.pendingCount()).toBe(0)
    await bob.openConversation(c1)
    await until(() => bob.conversation(c1)?.messages.length === 1, 'bob sees the server’s copy')
    expect(bob.conversation(c1)?.messages.map((m) => m.body)).toEqual(['Hello'])
  })
})

describe('channel rules', () => {
  it('refuses on this computer a reply to a contact who texted STOP, as the server would', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await customerWrites(server, '+15555550001', 'STOP')
    const alice = await open('alice', await home())
    await alice.settle(5000)
    await alice.openConversation(c1)
    await alice.settle(5000)
    await expect(alice.reply(c1, 'Are you sure?')).rejects.toThrow(/STOP/)
    expect(alice.pendingCount()).toBe(0)
  })
})

describe('clocks', () => {
  it('stamps by the server’s clock, offline and after a restart, on a machine an hour slow', async () => {
    const slow = (): number => Date.now() - HOUR
    const folder = await home()
    let bob = await open('bob', folder, { wallClock: slow })
    await bob.settle(5000)
    expect(Math.abs(bob.now() - Date.now())).toBeLessThan(1000)
    await close(bob)
    bob = await open('bob', folder, { wallClock: slow, connect: false })
    expect(Math.abs(bob.now() - Date.now())).toBeLessThan(1000)
  })

  it('lets the earlier claim win even when the later claimer’s clock is an hour slow', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    const bob = await open('bob', await home(), { wallClock: () => Date.now() - HOUR })
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await server.stop()
    await until(() => alice.connectionState().kind === 'offline' && bob.connectionState().kind === 'offline', 'both offline')
    await alice.claim(c1)
    const claimedAt = alice.now()
    // Bob claims later by the server's clock, however slow his own is.
    await until(() => bob.now() > claimedAt, 'bob’s clock has passed alice’s claim')
    await bob.claim(c1)
    await server.start()
    await until(() => bob.conversationRow(c1)?.assignee === 'alice' && alice.conversationRow(c1)?.assignee === 'alice', 'both agree', 8000)
    await until(() => bob.notices().some((n) => n.kind === 'lost-claim'), 'bob is told')
  })
})

describe('retention', () => {
  it('keeps the conversations opened and the most recent of each inbox, and evicts the rest', async () => {
    const ids: string[] = []
    for (let i = 1; i <= 4; i++) {
      ids.push(await customerWrites(server, `+1555555000${i}`, `Message ${i}`))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const folder = await home()
    const alice = await open('alice', folder, { recentPerInbox: 2 })
    await alice.settle(5000)
    ;(await alice.openConversation(ids[0]!)).close()
    await alice.openConversation(ids[1]!).then((handle) => handle.close())
    const report = await alice.syncEverything(5000)
    expect(report.connection.kind).toBe('online')
    await close(alice)
    const store = await LevelReplicaStore.open(folder)
    const names = (await store.docNames()).filter((n) => n.startsWith('conversation/'))
    await store.close()
    // Opened: 1 and 2; most recent: 3 and 4. A third opened one is kept as well.
    expect(names.sort()).toEqual(ids.map((id) => `conversation/${id}`).sort())
  })

  it('evicts a conversation neither opened nor among the most recent', async () => {
    const ids: string[] = []
    for (let i = 1; i <= 3; i++) {
      ids.push(await customerWrites(server, `+1555555000${i}`, `Message ${i}`))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const folder = await home()
    let alice = await open('alice', folder, { recentPerInbox: 3 })
    await alice.syncEverything(5000)
    await close(alice)
    alice = await open('alice', folder, { recentPerInbox: 1 })
    await alice.syncEverything(5000)
    await close(alice)
    const store = await LevelReplicaStore.open(folder)
    const names = (await store.docNames()).filter((n) => n.startsWith('conversation/'))
    await store.close()
    expect(names).toEqual([`conversation/${ids[2]}`])
  })
})
