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

beforeEach(async () => {
  world = await startClientWorld(['alice', 'bob'], ['alice', 'bob'])
  for (const [name, colour] of [['VIP', 'purple'], ['Billing', 'orange'], ['Spam', 'grey']] as const) await world.server.api('POST', '/labels', { name, colour })
})

afterEach(async () => {
  await world.dispose()
})

describe('labels and priority offline', () => {
  it('merge on two clients by the latest event per label and the latest priority, whichever reconnects first', async () => {
    const c1 = await customerWrites(world.server, '+15555550001', 'Hello')
    const alice = await world.open('alice', await world.home())
    const bob = await world.open('bob', await world.home())
    await Promise.all([alice.settle(5000), bob.settle(5000)])
    await until(() => Object.keys(alice.labels()).length === 3 && Object.keys(bob.labels()).length === 3, 'both have the labels')
    await (await alice.label(c1, { add: ['Spam'], remove: [] })).acknowledged
    await until(() => bob.conversationRow(c1)?.labels.includes('spam') === true, 'bob sees Spam')

    await world.server.stop()
    await until(() => alice.connectionState().kind === 'offline' && bob.connectionState().kind === 'offline', 'both are offline')
    // Alice first: VIP and Billing on, urgent. Then Bob, later: VIP and Spam off, low.
    await alice.label(c1, { add: ['VIP', 'Billing'], remove: [] })
    await alice.prioritise(c1, 'urgent')
    expect(alice.conversationRow(c1)).toMatchObject({ labels: ['billing', 'spam', 'vip'], priority: 'urgent' })
    const aliceDone = alice.now()
    await until(() => bob.now() > aliceDone, 'bob’s clock has passed alice’s changes')
    await bob.label(c1, { add: [], remove: ['vip', 'spam'] })
    await bob.prioritise(c1, 'low')
    expect(bob.conversationRow(c1)).toMatchObject({ labels: [], priority: 'low' })

    await world.server.start()
    await until(() => alice.pendingCount() === 0 && bob.pendingCount() === 0, 'both are acknowledged', 8000)
    const merged = { labels: ['billing'], priority: 'low' }
    await until(
      () => ['labels', 'priority'].every((k) => JSON.stringify(alice.conversationRow(c1)?.[k as 'labels']) === JSON.stringify(merged[k as 'labels'])),
      'alice has the merged labels and priority',
    )
    await until(() => JSON.stringify(bob.conversationRow(c1)?.labels) === '["billing"]', 'bob has the merged labels')
    expect(alice.conversationRow(c1)).toMatchObject(merged)
    expect(bob.conversationRow(c1)).toMatchObject(merged)
    // Nothing was lost: every event is in the history, in fold order.
    const history = alice.conversation(c1)?.history.map((h) => [h.kind, h.label ?? h.priority]) ?? []
    expect(history).toEqual([
      ['label', 'spam'],
      ['label', 'vip'],
      ['label', 'billing'],
      ['priority', 'urgent'],
      ['unlabel', 'vip'],
      ['unlabel', 'spam'],
      ['priority', 'low'],
    ])
  })
})
