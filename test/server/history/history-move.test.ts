import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { formatHlc } from '../../../core/hlc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { customerWrites, seedTeam, startTestServer, type TestServer } from '../../helpers/client-server.js'
import { until, untilAnswered } from '../../helpers/until.js'

let server: TestServer | null = null
const providers: WebsocketProvider[] = []

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy()
  await server?.close()
  server = null
})

/** A stock y-websocket provider on a fresh document, synced. */
async function stockCopy(s: TestServer, token: string, name: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider; closes: number[] }> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${s.port}/sync`, name, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true, maxBackoffTime: 200 })
  providers.push(provider)
  const closes: number[] = []
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event) closes.push(event.code)
  })
  await until(() => provider.synced, `${name} is synced`, 10_000)
  return { doc, provider, closes }
}

let stamp = 0
function archiveEvent(id: string): Record<string, unknown> {
  return { id: `e-archive-${id}`, kind: 'archive', actor: 'alice', at: formatHlc({ ms: Date.now(), counter: stamp++ }), saw: null }
}

describe('moving archived conversations to history', () => {
  it('with retention 0, archived conversations leave the live document, which a fresh stock provider then receives smaller', async () => {
    const s = (server = await startTestServer({ historySweepMs: 100 }))
    const team = await seedTeam(s, ['alice'])
    await s.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
    const ids: string[] = []
    for (let i = 0; i < 24; i++) ids.push(await customerWrites(s, `+15550200${String(i).padStart(3, '0')}`, `Order ${i} is late`))
    const before = await stockCopy(s, team.tokens.alice!, `inbox/${team.inbox}`)
    const bytesBefore = Y.encodeStateAsUpdate(before.doc).byteLength
    const archived = ids.slice(0, 20)
    before.doc.transact(() => {
      const inbox = new InboxDoc(before.doc)
      for (const id of archived) inbox.appendEvent(id, archiveEvent(id) as never)
    })

    await until(() => s.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 20 conversations`)), 'the move is logged', 15_000)
    // The copy connected during the move is told its epoch ended.
    await until(() => before.closes.includes(4409), 'the old copy is closed 4409', 10_000)

    const after = await stockCopy(s, team.tokens.alice!, `inbox/${team.inbox}`)
    const live = new InboxDoc(after.doc)
    expect(live.ids().sort()).toEqual(ids.slice(20).sort())
    expect(live.epoch()).toBe(1)
    expect(Y.encodeStateAsUpdate(after.doc).byteLength).toBeLessThan(bytesBefore / 2)

    const page = await s.api('GET', `/history?inbox=${team.inbox}&limit=50`, undefined, team.tokens.alice)
    expect(page.records.map((r: { id: string }) => r.id).sort()).toEqual([...archived].sort())
    expect(page.records[0].events.some((e: { kind: string }) => e.kind === 'archive')).toBe(true)
    const stats = await s.api('GET', '/history-stats')
    expect(stats.find((x: { inbox: string }) => x.inbox === `inbox/${team.inbox}`)).toMatchObject({ live: 4, inHistory: 20, epoch: 1 })
  })

  it('an unarchive appended to a history conversation\'s own document brings it back with its whole history', async () => {
    const s = (server = await startTestServer({ historySweepMs: 100 }))
    const team = await seedTeam(s, ['alice'])
    await s.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
    const id = await customerWrites(s, '+15550300000', 'Where is my parcel?')
    const first = await stockCopy(s, team.tokens.alice!, `inbox/${team.inbox}`)
    first.doc.transact(() => new InboxDoc(first.doc).appendEvent(id, archiveEvent(id) as never))
    await until(() => s.logs.some((l) => l.includes('moved 1 conversations')), 'the move is logged', 15_000)

    const conversation = await stockCopy(s, team.tokens.alice!, `conversation/${id}`)
    conversation.doc.transact(() =>
      new ConversationDoc(conversation.doc).events.push([{ id: 'e-unarchive-1', kind: 'unarchive', actor: 'alice', at: formatHlc({ ms: Date.now(), counter: 99 }), saw: null }]),
    )
    const live = await untilAnswered(
      async () => {
        const copy = await stockCopy(s, team.tokens.alice!, `inbox/${team.inbox}`)
        const inbox = new InboxDoc(copy.doc)
        return inbox.has(id) ? inbox : null
      },
      'the unarchived conversation is back in the live inbox',
      15_000,
    )
    expect(live.events(id).map((e) => e.kind)).toEqual(['archive', 'unarchive'])
    expect(live.state(id, () => true).status).toBe('open')
    // The return writes the live entry first and removes the history record after it.
    const page = await untilAnswered(
      async () => {
        const answer = await s.api('GET', `/history?inbox=${team.inbox}`, undefined, team.tokens.alice)
        return answer.records.length === 0 ? answer : null
      },
      'its history record is removed',
      15_000,
    )
    expect(page.records).toEqual([])
  })

  it.each([
    { reopenArchived: false, outcome: 'a new conversation linked to it' },
    { reopenArchived: true, outcome: 'the same conversation, back in the live document and open' },
  ])('a customer writing to a conversation in history gets $outcome (reopenArchived $reopenArchived)', async ({ reopenArchived }) => {
    const s = (server = await startTestServer({ historySweepMs: 100 }))
    const team = await seedTeam(s, ['alice'])
    await s.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0, reopenArchived })
    const id = await customerWrites(s, '+15550400000', 'First question')
    const first = await stockCopy(s, team.tokens.alice!, `inbox/${team.inbox}`)
    first.doc.transact(() => new InboxDoc(first.doc).appendEvent(id, archiveEvent(id) as never))
    await until(() => s.logs.some((l) => l.includes('moved 1 conversations')), 'the move is logged', 15_000)

    const again = await customerWrites(s, '+15550400000', 'Back again')
    const copy = await stockCopy(s, team.tokens.alice!, `inbox/${team.inbox}`)
    const inbox = new InboxDoc(copy.doc)
    if (reopenArchived) {
      expect(again).toBe(id)
      expect(inbox.state(id, () => true).status).toBe('open')
      expect(inbox.events(id).map((e) => e.kind)).toEqual(['archive', 'unarchive'])
      expect(inbox.summary(id)?.preview).toBe('Back again')
    } else {
      expect(again).not.toBe(id)
      expect(inbox.summary(again)?.linkedTo).toBe(id)
      expect(inbox.has(id)).toBe(false)
    }
  })
})
