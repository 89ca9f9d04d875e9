import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LevelReplicaStore } from '../../../cli/client/level-replica-store.js'
import { customerWrites, type Team, type TestServer } from '../../helpers/client-server.js'
import { startClientWorld, type ClientWorld } from '../../helpers/client-world.js'
import { openClient, until } from '../../helpers/client-replica.js'

let world: ClientWorld
let server: TestServer
let team: Team

beforeEach(async () => {
  world = await startClientWorld(['alice', 'bob', 'carol'], ['alice', 'bob'])
  server = world.server
  team = world.team
})

afterEach(async () => {
  await world.dispose()
})

const home = (): Promise<string> => world.home()
const open: ClientWorld['open'] = (...args) => world.open(...args)
const close: ClientWorld['close'] = (client) => world.close(client)

const SALES = 'inbox/sales'

describe('the client online', () => {
  it('lists the inboxes the user is a member of, with their view counts', async () => {
    await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    expect((await alice.settle(5000)).kind).toBe('online')
    expect(alice.inboxList().map((i) => [i.id, i.name, i.counts.unassigned])).toEqual([
      ['sales', 'Sales', 1],
      ['@alice', 'Personal', 0],
    ])
  })

  it('applies an action locally at once and counts it as waiting until the server stored it', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    await alice.settle(5000)
    const receipt = await alice.claim(c1)
    expect(alice.conversationRow(c1)).toMatchObject({ assignee: 'alice', view: 'mine' })
    expect(alice.pendingCount()).toBe(1)
    await receipt.acknowledged
    expect(alice.pendingCount()).toBe(0)
  })

  it('acknowledges every one of many actions in a row on one connection', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    await alice.settle(5000)
    const receipts = []
    for (let i = 0; i < 5; i++) {
      receipts.push(await alice.claim(c1))
      receipts.push(await alice.unassign(c1))
      receipts.push(await alice.note(c1, `note ${i}`))
    }
    await Promise.all(receipts.map((r) => r.acknowledged))
    expect(alice.pendingCount()).toBe(0)
  })

  it('shows each member the other’s claim, in the right view', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    const bob = await open('bob', await home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await alice.claim(c1)
    await until(() => bob.conversationRow(c1)?.assignee === 'alice', 'bob sees alice’s claim')
    expect(bob.conversationRow(c1)?.view).toBe('others')
    expect(bob.counts(SALES)).toEqual({ mine: 0, others: 1, unassigned: 0, archived: 0, snoozed: 0 })
  })

  it('refuses a claim of a conversation someone else holds, saying how to take it over', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    const bob = await open('bob', await home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await (await alice.claim(c1)).acknowledged
    await until(() => bob.conversationRow(c1)?.assignee === 'alice', 'bob sees the claim')
    await expect(bob.claim(c1)).rejects.toThrow(/assigned to alice; take it over with `huddle conversation takeover/)
  })

  it('shows messages, notes, and the delivery status the server sets on a reply', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    await alice.settle(5000)
    const handle = await alice.openConversation(c1)
    await alice.settle(5000)
    await alice.note(c1, 'on it')
    await (await alice.reply(c1, 'Hi, how can I help?')).acknowledged
    await until(() => alice.conversation(c1)?.messages.at(-1)?.status === 'sent', 'the reply is sent')
    handle.close()
    const detail = alice.conversation(c1)!
    expect(detail.messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'Hello'],
      ['out', 'Hi, how can I help?'],
    ])
    expect(detail.notes.map((n) => n.body)).toEqual(['on it'])
  })
})

describe('the client offline', () => {
  it('keeps actions made offline, across a restart, and sends them when the server is back', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const folder = await home()
    let alice = await open('alice', folder)
    await alice.settle(5000)
    await server.stop()
    await until(() => alice.connectionState().kind === 'offline', 'alice sees the server gone')
    await alice.claim(c1)
    await alice.note(c1, 'written offline')
    expect(alice.pendingCount()).toBe(2)
    await close(alice)

    alice = await open('alice', folder)
    expect((await alice.settle(1000)).kind).toBe('offline')
    expect(alice.pendingCount()).toBe(2)
    expect(alice.conversationRow(c1)).toMatchObject({ assignee: 'alice', view: 'mine' })

    await server.start()
    await until(() => alice.pendingCount() === 0, 'both actions are acknowledged', 8000)
    const observer = await open('bob', await home())
    await observer.settle(5000)
    expect(observer.conversationRow(c1)?.assignee).toBe('alice')
    expect((await observer.loadConversation(c1).then(() => observer.settle(5000)).then(() => observer.conversation(c1)))?.notes.map((n) => n.body)).toEqual(['written offline'])
  })

  it('shows the last known state when restarted offline', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const folder = await home()
    let alice = await open('alice', folder)
    await alice.settle(5000)
    await alice.openConversation(c1)
    await alice.settle(5000)
    await (await alice.claim(c1)).acknowledged
    await close(alice)
    await server.stop()

    alice = await open('alice', folder)
    expect((await alice.settle(2000)).kind).toBe('offline')
    expect(alice.inboxList().map((i) => i.name)).toEqual(['Sales', 'Personal'])
    expect(alice.counts(SALES)).toEqual({ mine: 1, others: 0, unassigned: 0, archived: 0, snoozed: 0 })
    expect((await alice.loadConversation(c1))?.messages.map((m) => m.body)).toEqual(['Hello'])
  })

  it('shows lists and counts at once when started again, before the inbox document is loaded', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await customerWrites(server, '+15555550002', 'Hi')
    const folder = await home()
    let alice = await open('alice', folder)
    await alice.settle(5000)
    await (await alice.claim(c1)).acknowledged
    await close(alice)
    alice = await open('alice', folder, { connect: false })
    // Straight after opening, from the replica's view cache.
    expect(alice.counts(SALES)).toEqual({ mine: 1, others: 0, unassigned: 1, archived: 0, snoozed: 0 })
    expect(alice.conversationRow(c1)).toMatchObject({ assignee: 'alice', view: 'mine', preview: 'Hello' })
    await alice.ready()
    await alice.unassign(c1)
    await close(alice)
    alice = await open('alice', folder, { connect: false })
    expect(alice.counts(SALES)).toEqual({ mine: 0, others: 0, unassigned: 2, archived: 0, snoozed: 0 })
  })

  it('shows the lists and counts the server sends a replica holding nothing, before the inbox document is in', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await customerWrites(server, '+15555550002', 'Hi')
    const bob = await open('bob', await home())
    await bob.settle(5000)
    await (await bob.claim(c1)).acknowledged
    const alice = await open('alice', await home(), { connect: false })
    const seen: Array<{ counts: unknown; row: unknown; isDocumentIn: boolean }> = []
    alice.subscribe({ kind: 'inboxes' }, (inboxes) => {
      const counts = inboxes.find((i) => i.doc === SALES)?.counts
      if (counts && counts.unassigned + counts.others > 0) seen.push({ counts, row: alice.conversationRow(c1), isDocumentIn: alice.conversation(c1) !== null })
    })
    alice.connect()
    await alice.settle(5000)
    await until(() => seen.some((s) => s.isDocumentIn), 'the inbox document is in')
    expect(seen[0]).toMatchObject({ counts: { mine: 0, others: 1, unassigned: 1, archived: 0, snoozed: 0 }, row: { assignee: 'bob', view: 'others', preview: 'Hello' }, isDocumentIn: false })
    expect(seen.at(-1)).toMatchObject({ counts: { mine: 0, others: 1, unassigned: 1, archived: 0, snoozed: 0 }, isDocumentIn: true })
  })

  it('fetches nothing twice: a warm replica receives nothing when nothing changed', async () => {
    await customerWrites(server, '+15555550001', 'Hello')
    const folder = await home()
    let alice = await open('alice', folder)
    await alice.settle(5000)
    await close(alice)
    const store = await LevelReplicaStore.open(folder)
    const before = (await store.loadDoc(SALES)).reduce((n, u) => n + u.length, 0)
    await store.close()
    alice = await open('alice', folder)
    await alice.settle(5000)
    await close(alice)
    const reopened = await LevelReplicaStore.open(folder)
    const after = await reopened.loadDoc(SALES)
    await reopened.close()
    expect(after.reduce((n, u) => n + u.length, 0)).toBe(before)
  })
})

describe('merging', () => {
  it('tells the author of an offline claim that lost who won and when, once', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const aliceHome = await home()
    const bobHome = await home()
    const alice = await open('alice', aliceHome)
    let bob = await open('bob', bobHome)
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await server.stop()
    await until(() => alice.connectionState().kind === 'offline' && bob.connectionState().kind === 'offline', 'both are offline')
    await alice.claim(c1)
    const claimedAt = alice.now()
    await until(() => bob.now() > claimedAt, 'bob’s clock has passed alice’s claim')
    await bob.claim(c1)
    expect(bob.conversationRow(c1)?.assignee).toBe('bob')
    await server.start()
    await until(() => alice.pendingCount() === 0 && bob.pendingCount() === 0, 'both are acknowledged', 8000)
    await until(() => bob.conversationRow(c1)?.assignee === 'alice' && alice.conversationRow(c1)?.assignee === 'alice', 'both agree on alice')
    const notices = bob.notices()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ kind: 'lost-claim', conversation: c1, winner: 'alice' })
    expect(alice.notices()).toEqual([])
    bob.markReported(notices.map((n) => n.key))
    await close(bob)
    bob = await open('bob', bobHome, { connect: false })
    expect(bob.notices()).toEqual([])
  })

  it('tells a member of a note mentioning them, and of a conversation taken from them', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const alice = await open('alice', await home())
    const bob = await open('bob', await home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await (await bob.claim(c1)).acknowledged
    await until(() => alice.conversationRow(c1)?.assignee === 'bob', 'alice sees bob’s claim')
    await alice.takeover(c1)
    await alice.note(c1, '@bob I have this one')
    await bob.openConversation(c1)
    await until(() => bob.notices().length === 2, 'bob has two notices')
    expect(bob.notices().map((n) => n.kind).sort()).toEqual(['mention', 'taken-over'])
    expect(alice.notices()).toEqual([])
  })
})

describe('access', () => {
  it('drops an inbox and its conversations from the replica of a member removed from it', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const folder = await home()
    const bob = await open('bob', folder)
    await bob.settle(5000)
    await bob.openConversation(c1)
    await bob.settle(5000)
    await server.api('POST', `/inboxes/${team.inbox}/members`, { add: [], remove: ['bob'] })
    await until(() => bob.inboxList().every((i) => i.doc !== SALES) && bob.notices().some((n) => n.kind === 'access-lost'), 'bob loses sales')
    expect(bob.notices().find((n) => n.kind === 'access-lost')).toMatchObject({ inbox: SALES, reason: expect.stringMatching(/removed from inbox `Sales`/) })
    await close(bob)
    const store = await LevelReplicaStore.open(folder)
    const names = await store.docNames()
    await store.close()
    expect(names).not.toContain(SALES)
    expect(names).not.toContain(`conversation/${c1}`)
  })

  it('refuses an old client with the upgrade message, and stops trying', async () => {
    const old = await open('alice', await home(), { clientVersion: '0.0.1' })
    const state = await old.settle(5000)
    expect(state).toMatchObject({ kind: 'denied', reason: expect.stringMatching(/too old.*Install a newer huddle/) })
  })

  it('refuses a token that is not valid', async () => {
    const stranger = await openClient(server.url, 'hud_not-a-real-token', await home(), {})
    try {
      expect(await stranger.settle(5000)).toMatchObject({ kind: 'denied', reason: expect.stringMatching(/token is not valid/) })
    } finally {
      await stranger.close()
    }
  })
})
