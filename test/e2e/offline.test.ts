/**
 * The offline story through the built `huddle` binary: two members work an
 * inbox, go offline together, both claim the same conversation (the first a
 * couple of seconds earlier), one replies, the other notes; the server comes
 * back on the same port and data; both sync. Everyone, including a client
 * that never saw any of it, agrees; nothing is lost; the loser is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LevelReplicaStore } from '../../cli/client/level-replica-store.js'
import { replicaFolder } from '../../cli/client/replica-location.js'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { addUsers, expectExit, startE2eWorld, type E2eWorld } from '../helpers/client-e2e.js'

let world: E2eWorld

beforeAll(async () => {
  await buildCliOnce()
  world = await startE2eWorld()
}, 180_000)

afterAll(async () => {
  await world?.close()
})

type Detail = {
  assignee: string | null
  messages: Array<{ direction: string; author: string; body: string; status: string | null }>
  notes: Array<{ author: string; body: string }>
  history: Array<{ kind: string; actor: string; outcome: string; winner?: string }>
}

async function show(user: string, id: string): Promise<Detail> {
  return JSON.parse(expectExit(await world.huddle(user, 'conversation', 'show', id, '--json'), 0, `${user} shows ${id}`).stdout) as Detail
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('working offline, end to end', () => {
  it('merges two offline claims, a reply and a note: the first claim wins everywhere and the loser is told', async () => {
    await addUsers(world, ['alice', 'bob', 'dave'])
    expectExit(await world.huddle('admin', 'inbox', 'create', '--name', 'Sales'), 0, 'create the inbox')
    expectExit(await world.huddle('admin', 'inbox', 'members', 'Sales', '--add', 'alice,bob,dave'), 0, 'add the members')
    expectExit(await world.huddle('admin', 'routing', 'add', '--address', '+15550100', '--to-inbox', 'Sales'), 0, 'route to Sales')
    const inbound = await world.huddle('admin', 'inbound', '--channel', 'sms', '--from', '+15555550001', '--to', '+15550100', '--body', 'Where is my order?', '--json')
    const conversation = (JSON.parse(expectExit(inbound, 0, 'a customer writes').stdout) as { conversation: string }).conversation

    for (const user of ['alice', 'bob']) {
      const list = JSON.parse(expectExit(await world.huddle(user, 'conversation', 'list', '--json'), 0, `${user} syncs`).stdout)
      expect(list).toMatchObject([{ id: conversation, view: 'unassigned' }])
      expectExit(await world.huddle(user, 'conversation', 'show', conversation), 0, `${user} opens it`)
    }

    await world.stopServer()
    // Restarted offline, each client shows the last known state.
    const offlineList = expectExit(await world.huddle('alice', 'conversation', 'list', '--json'), 0, 'alice lists offline')
    expect(JSON.parse(offlineList.stdout)).toMatchObject([{ id: conversation, view: 'unassigned' }])
    expect(offlineList.stderr).toMatch(/^Offline: /)

    const aliceClaims = expectExit(await world.huddle('alice', 'conversation', 'claim', conversation), 0, 'alice claims offline')
    expect(aliceClaims.stderr).toMatch(/^Offline: claimed conversation .*waiting to sync \(1 change\)/)
    await pause(2000)
    expectExit(await world.huddle('bob', 'conversation', 'claim', conversation), 0, 'bob claims offline')
    expectExit(await world.huddle('bob', 'conversation', 'reply', conversation, '--body', 'It ships today!'), 0, 'bob replies offline')
    const aliceNotes = expectExit(await world.huddle('alice', 'conversation', 'note', conversation, '--body', '@bob I have this one'), 0, 'alice notes offline')
    expect(aliceNotes.stderr).toMatch(/waiting to sync \(2 changes\)/)
    expect((await show('bob', conversation)).assignee).toBe('bob')

    await world.startServer()
    const aliceSync = expectExit(await world.huddle('alice', 'sync'), 0, 'alice syncs')
    expect(aliceSync.stderr).toMatch(/2 changes sent and stored/)
    const bobSync = expectExit(await world.huddle('bob', 'sync'), 0, 'bob syncs')
    expect(bobSync.stderr).toMatch(/2 changes sent and stored/)
    expect(bobSync.stdout).toMatch(new RegExp(`Your claim of conversation ${conversation} lost: Alice claimed it first, at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\.`))
    expect(bobSync.stdout).toMatch(/Alice mentioned you in conversation .*“@bob I have this one”/)
    expectExit(await world.huddle('alice', 'sync'), 0, 'alice syncs again')

    for (const user of ['alice', 'bob', 'dave']) {
      const detail = await show(user, conversation)
      expect(detail.assignee, `${user} sees the first claimer as assignee`).toBe('alice')
      expect(detail.history.map((h) => [h.kind, h.actor, h.outcome, h.winner])).toEqual([
        ['claim', 'alice', 'applied', undefined],
        ['claim', 'bob', 'lost', 'alice'],
      ])
      expect(detail.messages.map((m) => [m.direction, m.body])).toEqual([
        ['in', 'Where is my order?'],
        ['out', 'It ships today!'],
      ])
      expect(detail.notes.map((n) => [n.author, n.body])).toEqual([['alice', '@bob I have this one']])
    }
    // Bob wrote without knowing alice had it: the server holds his reply for him to confirm.
    const held = JSON.parse(expectExit(await world.huddle('bob', 'held', 'list', '--json'), 0, 'bob lists held replies').stdout)
    expect(held).toMatchObject([{ conversation, body: 'It ships today!', reason: expect.stringMatching(/now assigned to alice/) }])
    expect(expectExit(await world.huddle('bob', 'sync'), 0, 'bob syncs once more').stdout).not.toMatch(/lost/)
  }, 120_000)

  it('drops an inbox from the replica of a member removed from it', async () => {
    expectExit(await world.huddle('admin', 'inbox', 'members', 'Sales', '--remove', 'dave'), 0, 'remove dave')
    const list = expectExit(await world.huddle('dave', 'conversation', 'list', '--json'), 0, 'dave lists')
    expect(JSON.parse(list.stdout)).toEqual([])
    const sync = expectExit(await world.huddle('dave', 'sync'), 0, 'dave syncs')
    expect(sync.stdout).toMatch(/not a member of inbox `Sales`.*Its conversations were removed from this computer\./)
    const store = await LevelReplicaStore.open(replicaFolder({ XDG_DATA_HOME: world.dataHome('dave') }, world.url, 'dave'))
    const names = await store.docNames()
    await store.close()
    expect(names.filter((n) => n.startsWith('inbox/') || n.startsWith('conversation/'))).toEqual([])
  }, 60_000)
})
