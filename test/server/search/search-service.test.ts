import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MARK_END, MARK_START } from '../../../core/search-text.js'
import { SEARCH_FILE } from '../../../server/search/search-index.js'
import { startServer } from '../../../server/start.js'
import { makeReplicaHome, openClient, until } from '../../helpers/client-replica.js'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type TestServer } from '../../helpers/client-server.js'
import { searchAs, searchUntil } from '../../helpers/search-api.js'

const SUPPORT_ADDRESS = '+15550199'
let server: TestServer | null = null

afterEach(async () => {
  await server?.close()
  server = null
})

async function started(): Promise<TestServer> {
  server = await startTestServer({ searchDebounceMs: 20 })
  return server
}

/** A second inbox, `Support`, holding `members`, that receives what is sent to SUPPORT_ADDRESS. */
async function seedSupport(s: TestServer, members: readonly string[]): Promise<void> {
  const inbox = await s.api('POST', '/inboxes', { name: 'Support' })
  if (members.length > 0) await s.api('POST', `/inboxes/${inbox.id}/members`, { add: members, remove: [] })
  await s.api('POST', '/routing/rules', { address: SUPPORT_ADDRESS, toInbox: inbox.id })
}

const has = (conversation: string) => (answer: { body: any }) =>
  answer.body.results?.some((r: { conversation: string }) => r.conversation === conversation) === true

describe('search on the server', () => {
  it('finds an old message by a word prefix with its accent folded, the match marked in the snippet', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice'])
    const old = await customerWrites(s, '+15551230001', 'Je voudrais un remboursement pour la crème brûlée')
    await customerWrites(s, '+15551230002', 'Where is my parcel?')
    // Restarted: the index read back from its file, not from memory.
    await s.stop()
    await s.start()
    const answer = await searchUntil(s, team.tokens.alice!, { q: 'BRUL rembou' }, has(old), 'the old message is found')
    const [hit] = answer.body.results
    expect(hit).toMatchObject({ conversation: old, inbox: `inbox/${team.inbox}`, channel: 'sms', contact: '+15551230001', status: 'open', kind: 'message' })
    expect(hit.snippet).toContain(`${MARK_START}remboursement${MARK_END}`)
    expect(hit.snippet).toContain(`${MARK_START}brûlée${MARK_END}`)
    expect(answer.body.results).toHaveLength(1)
  })

  it('never gives a conversation of an inbox the user is not a member of, and its pages stay full', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice', 'bob'], ['alice'])
    await seedSupport(s, ['bob'])
    const sales = [await customerWrites(s, '+15551230011', 'refund please'), await customerWrites(s, '+15551230012', 'refund now')]
    const support: string[] = []
    for (let i = 0; i < 5; i++) support.push((await s.api('POST', '/inbound', { channel: 'sms', from: `+1555123010${i}`, to: SUPPORT_ADDRESS, body: `refund ${i}` })).conversation)
    // Support's conversations are the newest: a filter applied after paging would leave alice's first page empty.
    await searchUntil(s, team.tokens.bob!, { q: 'refund' }, (a) => a.body.results?.length === 5, 'bob sees Support')
    const seen: string[] = []
    let cursor = ''
    for (let page = 0; page < 3; page++) {
      const answer = await searchAs(s, team.tokens.alice!, { q: 'refund', limit: '1', ...(cursor ? { cursor } : {}) })
      expect(answer.status).toBe(200)
      seen.push(...answer.body.results.map((r: { conversation: string }) => r.conversation))
      if (answer.body.next === null) break
      expect(answer.body.results).toHaveLength(1)
      cursor = answer.body.next
    }
    expect(seen.sort()).toEqual([...sales].sort())
    const bobs = await searchAs(s, team.tokens.bob!, { q: 'refund', limit: '50' })
    expect(bobs.body.results.map((r: { conversation: string }) => r.conversation).sort()).toEqual([...support].sort())
    // Naming the inbox does not open it either.
    const named = await searchAs(s, team.tokens.bob!, { q: 'refund', inbox: 'Sales' })
    expect(named.body.results).toEqual([])
  })

  it('follows new messages and finds contacts by name, number and conversation id', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice'])
    const id = await customerWrites(s, '+15551230021', 'hello')
    await searchUntil(s, team.tokens.alice!, { q: 'hello' }, has(id), 'the first message is indexed')
    expect((await searchAs(s, team.tokens.alice!, { q: 'zanzibar' })).body.results).toEqual([])
    await customerWrites(s, '+15551230021', 'Shipping to Zanzibar?')
    await searchUntil(s, team.tokens.alice!, { q: 'zanzi' }, has(id), 'the new message is indexed')
    await searchUntil(s, team.tokens.alice!, { q: '15551230021' }, has(id), 'the contact is found by number')
    await searchUntil(s, team.tokens.alice!, { q: id }, has(id), 'the conversation is found by its id')
  })

  it('follows notes, claims and archiving made by agents on their clients', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice'])
    const id = await customerWrites(s, '+15551230051', 'my invoice is wrong')
    const home = await makeReplicaHome()
    const alice = await openClient(s.url, team.tokens.alice!, home.folder)
    try {
      await alice.settle(5000)
      await alice.loadConversation(id)
      await alice.note(id, 'Called the customer about the duplicate chärge')
      await alice.claim(id)
      await alice.archive(id)
      const note = await searchUntil(s, team.tokens.alice!, { q: 'charg', status: 'archived', assignee: 'alice' }, has(id), 'the note is found, archived and assigned')
      expect(note.body.results[0]).toMatchObject({ kind: 'note', status: 'archived', assignee: 'alice' })
      expect((await searchAs(s, team.tokens.alice!, { q: 'invoice', status: 'open' })).body.results).toEqual([])
    } finally {
      await alice.close()
      await home.remove()
    }
  })

  it('follows a member removed from the inbox: their conversation is no longer theirs, and they no longer find it', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice', 'bob'])
    const id = await customerWrites(s, '+15551230061', 'the pedal squeaks')
    const home = await makeReplicaHome()
    const bob = await openClient(s.url, team.tokens.bob!, home.folder)
    try {
      await bob.settle(5000)
      await bob.claim(id)
      await searchUntil(s, team.tokens.alice!, { q: 'pedal', assignee: 'bob' }, has(id), "bob's claim reaches the index")
    } finally {
      await bob.close()
      await home.remove()
    }
    await s.api('POST', `/inboxes/${team.inbox}/members`, { add: [], remove: ['bob'] })
    await searchUntil(s, team.tokens.alice!, { q: 'pedal', assignee: 'bob' }, (a) => a.body.results?.length === 0, 'no longer assigned to bob')
    const unassigned = await searchAs(s, team.tokens.alice!, { q: 'pedal' })
    expect(unassigned.body.results).toEqual([expect.objectContaining({ conversation: id, assignee: null })])
    expect((await searchAs(s, team.tokens.bob!, { q: 'pedal' })).body.results).toEqual([])
  })

  it('still finds a conversation once it moved to history, and after a rebuild', async () => {
    server = await startTestServer({ searchDebounceMs: 20, historySweepMs: 100 })
    const s = server
    const team = await seedTeam(s, ['alice'])
    await s.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
    const id = await customerWrites(s, '+15551230071', 'the warranty expired')
    await customerWrites(s, '+15551230072', 'another question')
    const home = await makeReplicaHome()
    const alice = await openClient(s.url, team.tokens.alice!, home.folder)
    try {
      await alice.settle(5000)
      await alice.archive(id)
      await until(() => s.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 1 conversation`)), 'the move is logged', 15_000)
    } finally {
      await alice.close()
      await home.remove()
    }
    const archived = (a: { body: any }) => a.body.results?.[0]?.conversation === id && a.body.results[0].status === 'archived'
    await searchUntil(s, team.tokens.alice!, { q: 'warran' }, archived, 'found in history')
    await s.stop()
    await rm(join(s.dataDir, SEARCH_FILE), { force: true })
    await s.start()
    await searchUntil(s, team.tokens.alice!, { q: 'warran' }, (a) => a.body.rebuilding === false && archived(a), 'found in history after a rebuild')
  })

  it('rebuilds after the index is deleted, or with reindex, to the same results', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice'])
    for (let i = 0; i < 4; i++) await customerWrites(s, `+1555123003${i}`, `order ${i} arrived damaged`)
    const params = { q: 'damag', limit: '10' }
    const before = await searchUntil(s, team.tokens.alice!, params, (a) => a.body.results?.length === 4, 'all four are indexed')
    await s.stop()
    await rm(join(s.dataDir, SEARCH_FILE), { force: true })
    await s.start()
    const rebuilt = await searchUntil(s, team.tokens.alice!, params, (a) => a.body.rebuilding === false, 'the rebuild is done')
    expect(s.logs.some((line) => line.startsWith('Search index built: 4 conversations'))).toBe(true)
    expect(rebuilt.body.results).toEqual(before.body.results)
    // And with `huddle serve --reindex`, on an index that was closed cleanly.
    await s.stop()
    const logs: string[] = []
    const again = await startServer({ host: '127.0.0.1', port: s.port, dataDir: s.dataDir, reindex: true, log: (line) => logs.push(line) })
    try {
      const reindexed = await searchUntil(s, team.tokens.alice!, params, (a) => a.body.rebuilding === false, 'the reindex is done')
      expect(logs.some((line) => line.startsWith('Search index built: 4 conversations'))).toBe(true)
      expect(reindexed.body.results).toEqual(before.body.results)
    } finally {
      await again.close()
    }
  })

  it('filters by date: a date is a whole UTC day, an ISO time is exact', async () => {
    let clock = Date.UTC(2026, 0, 10, 12)
    server = await startTestServer({ searchDebounceMs: 20, now: () => clock })
    const s = server
    const team = await seedTeam(s, ['alice'])
    const january = await customerWrites(s, '+15551230061', 'lost luggage')
    clock = Date.UTC(2026, 1, 10, 23, 59)
    const february = await customerWrites(s, '+15551230062', 'lost luggage again')
    await searchUntil(s, team.tokens.alice!, { q: 'luggage' }, (a) => a.body.results?.length === 2, 'both are indexed')
    const ids = async (params: Record<string, string>): Promise<string[]> =>
      (await searchAs(s, team.tokens.alice!, { q: 'luggage', ...params })).body.results.map((r: { conversation: string }) => r.conversation)
    expect(await ids({ since: '2026-02-01' })).toEqual([february])
    expect(await ids({ until: '2026-01-31' })).toEqual([january])
    expect(await ids({ since: '2026-02-10', until: '2026-02-10' })).toEqual([february])
    expect(await ids({ until: '2026-02-10T23:00:00Z' })).toEqual([january])
    expect(await ids({})).toEqual([february, january])
  })

  it('refuses bad filters with a sentence quoting the value, and reads FTS5 syntax as plain words', async () => {
    const s = await started()
    const team = await seedTeam(s, ['alice'])
    const id = await customerWrites(s, '+15551230041', 'near the door OR behind it - "quoted" * star')
    await searchUntil(s, team.tokens.alice!, { q: 'door' }, has(id), 'indexed')
    for (const q of ['NEAR(', 'OR', 'quoted"', '"quoted" OR', 'star*', 'door -behind', 'NEAR(the door)', '^door']) {
      const answer = await searchAs(s, team.tokens.alice!, { q })
      expect(answer.status, q).toBe(200)
      expect(has(id)(answer), q).toBe(true)
    }
    // A column filter is two words in sequence here, not a column: nothing matches, nothing fails.
    for (const q of ['text:door', '{text kind}:door', 'door)) OR ((x']) expect((await searchAs(s, team.tokens.alice!, { q })).status, q).toBe(200)
    for (const q of ['"', '*', '-', '""*', '()']) {
      const answer = await searchAs(s, team.tokens.alice!, { q })
      expect(answer.status, q).toBe(400)
      expect(answer.body.error.message).toContain('holds no word')
    }
    const bad = await searchAs(s, team.tokens.alice!, { q: 'door', status: 'closed', since: 'yesterday', limit: '0' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.problems).toHaveLength(3)
    expect(bad.body.error.message).toContain('`closed`')
    expect(bad.body.error.message).toContain('`yesterday`')
    const anonymous = await fetch(`${s.url}/api/v1/search?q=door`)
    expect(anonymous.status).toBe(401)
    expect((await searchAs(s, ADMIN_TOKEN, { q: 'door' })).body.results).toEqual([])
  })
})
