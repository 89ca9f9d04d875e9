import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeNotice } from '../../../cli/client/notice-text.js'
import { customerWrites } from '../../helpers/client-server.js'
import { startClientWorld, type ClientWorld } from '../../helpers/client-world.js'
import { until } from '../../helpers/client-replica.js'

let world: ClientWorld

beforeEach(async () => {
  world = await startClientWorld(['alice', 'bob', 'eve'])
})

afterEach(async () => {
  await world.dispose()
})

async function thirtyConversations(): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < 30; i++) ids.push(await customerWrites(world.server, `+1555555${String(i).padStart(4, '0')}`, `Hello ${i}`))
  return ids
}

describe('a bulk claim', () => {
  it('made offline against colleagues’ claims reports exactly the lost ones, and to whom, in one notice after reconnecting', async () => {
    const ids = await thirtyConversations()
    const folder = await world.home()
    // Alice's replica learns the thirty unassigned, then she goes offline.
    const before = await world.open('alice', folder)
    await before.settle(5000)
    await world.close(before)
    const bob = await world.open('bob', await world.home())
    const eve = await world.open('eve', await world.home())
    await Promise.all([bob.settle(5000), eve.settle(5000)])
    await bob.waitForAck(await bob.claim(ids[3]!), 5000)
    await eve.waitForAck(await eve.claim(ids[17]!), 5000)
    await bob.waitForAck(await bob.claim(ids[25]!), 5000)

    const alice = await world.open('alice', folder, { connect: false })
    await alice.ready()
    const outcomes = await alice.bulkAssignment(ids, () => ({ kind: 'claim' }))
    // Offline, every claim applies to what her replica holds: all thirty are hers here.
    expect(outcomes.every((o) => 'receipt' in o)).toBe(true)
    expect(ids.every((id) => alice.conversationRow(id)?.assignee === 'alice')).toBe(true)
    expect(alice.notices()).toEqual([])

    alice.connect()
    await until(() => alice.notices().some((n) => n.kind === 'bulk-claim'), 'alice is told of the bulk claim', 10_000)
    const notices = alice.notices()
    expect(notices.map((n) => n.kind)).toEqual(['bulk-claim'])
    const notice = notices[0]!
    if (notice.kind !== 'bulk-claim') throw new Error('not a bulk claim')
    expect(notice.total).toBe(30)
    expect([...notice.lost].sort((a, b) => ids.indexOf(a.conversation) - ids.indexOf(b.conversation))).toEqual([
      { conversation: ids[3], winner: 'bob' },
      { conversation: ids[17], winner: 'eve' },
      { conversation: ids[25], winner: 'bob' },
    ])
    expect(describeNotice(notice, (id) => alice.userName(id))).toMatch(/^Your claim of 30 conversations: claimed 27 of 30; lost /)
    expect(ids.filter((id) => alice.conversationRow(id)?.assignee !== 'alice')).toEqual([ids[3], ids[17], ids[25]])

    // Reported once, with the lost claims it tells of: none of them comes back on its own.
    alice.markReported([notice.key])
    expect(alice.notices()).toEqual([])
  })

  it('tells nothing when every claim of it wins', async () => {
    const ids = (await thirtyConversations()).slice(0, 5)
    const alice = await world.open('alice', await world.home())
    await alice.settle(5000)
    const outcomes = await alice.bulkAssignment(ids, () => ({ kind: 'claim' }))
    await Promise.all(outcomes.map((o) => ('receipt' in o ? o.receipt.acknowledged : undefined)))
    expect(ids.every((id) => alice.conversationRow(id)?.assignee === 'alice')).toBe(true)
    expect(alice.notices()).toEqual([])
  })

  it('refuses the conversations it cannot act on, each with the reason, and acts on the others', async () => {
    const ids = (await thirtyConversations()).slice(0, 3)
    const bob = await world.open('bob', await world.home())
    await bob.settle(5000)
    await bob.waitForAck(await bob.claim(ids[1]!), 5000)
    const alice = await world.open('alice', await world.home())
    await alice.settle(5000)
    await until(() => alice.conversationRow(ids[1]!)?.assignee === 'bob', 'alice sees bob’s claim')
    const outcomes = await alice.bulkAssignment([...ids, 'c-nope'], () => ({ kind: 'claim' }))
    expect(outcomes.map((o) => ('receipt' in o ? 'claimed' : o.error.code))).toEqual(['claimed', 'conflict', 'claimed', 'not-found'])
    expect(ids.map((id) => alice.conversationRow(id)?.assignee)).toEqual(['alice', 'bob', 'alice'])
  })
})
