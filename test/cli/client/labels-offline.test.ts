/**
 * Labels and priority set offline on two clients, merged through the real
 * server once it is back: per label the latest add or remove wins, for
 * priority the latest set (docs/design.md, "Labels and priority").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { customerWrites } from '../../helpers/client-server.js'
import { startClientWorld, type ClientWorld } from '../../helpers/client-world.js'
import { until } from '../../helpers/client-replica.js'

let world: ClientWorld

/** Waits until `client`'s clock is past `at`, so what it does next is stamped after. */
async function passed(client: { now(): number }, at: number): Promise<void> {
  await until(() => client.now() > at, 'the clock has passed the other client’s changes')
}

beforeEach(async () => {
  world = await startClientWorld(['alice', 'bob'], ['alice', 'bob'])
  for (const [name, colour] of [['VIP', 'purple'], ['Billing', 'orange'], ['Spam', 'grey']] as const) await world.server.api('POST', '/labels', { name, colour })
})

afterEach(async () => {
  await world.dispose()
})

describe('labels and priority offline', () => {
  it('made on two clients offline, merge by the latest event per label and the latest priority set, losing none', async () => {
    const c1 = await customerWrites(world.server, '+15555550001', 'Hello')
    const alice = await world.open('alice', await world.home())
    const bob = await world.open('bob', await world.home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await until(() => Object.keys(alice.labels()).length === 3 && Object.keys(bob.labels()).length === 3, 'both have the labels')
    await (await alice.label(c1, { add: ['Spam', 'VIP'], remove: [] })).acknowledged
    await until(() => bob.conversationRow(c1)?.labels.length === 2, 'bob sees Spam and VIP')

    await world.server.stop()
    await until(() => alice.connectionState().kind === 'offline' && bob.connectionState().kind === 'offline', 'both are offline')
    // Alice first: VIP off, Billing on, urgent.
    await alice.label(c1, { add: ['Billing'], remove: ['VIP'] })
    await alice.prioritise(c1, 'urgent')
    expect(alice.conversationRow(c1)).toMatchObject({ labels: ['billing', 'spam'], priority: 'urgent' })
    await passed(bob, alice.now())
    // Then Bob, who still sees VIP and Spam: both off, low.
    await bob.label(c1, { add: [], remove: ['vip', 'spam'] })
    await bob.prioritise(c1, 'low')
    expect(bob.conversationRow(c1)).toMatchObject({ labels: [], priority: 'low' })
    await passed(alice, bob.now())
    // Then Alice again, latest of all: VIP back on.
    await alice.label(c1, { add: ['VIP'], remove: [] })

    await world.server.start()
    await until(() => alice.pendingCount() === 0 && bob.pendingCount() === 0, 'both are acknowledged', 8000)
    const merged = { labels: ['billing', 'vip'], priority: 'low' }
    const isMerged = (client: typeof alice): boolean => JSON.stringify(client.conversationRow(c1)?.labels) === JSON.stringify(merged.labels) && client.conversationRow(c1)?.priority === 'low'
    await until(() => isMerged(alice) && isMerged(bob), 'both have the merged labels and priority')
    expect(alice.conversationRow(c1)).toMatchObject(merged)
    expect(bob.conversationRow(c1)).toMatchObject(merged)
    // Nothing was lost: every event is in the history, in fold order.
    expect(bob.conversation(c1)?.history.map((h) => [h.actor, h.kind, h.label ?? h.priority])).toEqual([
      ['alice', 'label', 'spam'],
      ['alice', 'label', 'vip'],
      ['alice', 'label', 'billing'],
      ['alice', 'unlabel', 'vip'],
      ['alice', 'priority', 'urgent'],
      ['bob', 'unlabel', 'vip'],
      ['bob', 'unlabel', 'spam'],
      ['bob', 'priority', 'low'],
      ['alice', 'label', 'vip'],
    ])
  })
})
