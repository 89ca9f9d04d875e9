import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'
import { until } from '../../helpers/client-replica.js'

let server: TestServer
let team: Team
let base: string

beforeEach(async () => {
  server = await startTestServer({ historySweepMs: 100, searchDebounceMs: 20 })
  team = await seedTeam(server, ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-search-history-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  const home = join(base, user)
  return runInProcess(argv, {
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: team.tokens[user]! },
  })
}

type Hit = { conversation: string; status: string; assignee: string | null }

/** Runs `huddle search` until `isDone` accepts its hits (the index follows changes a moment later), failing after a deadline. */
async function searchUntil(user: string, args: readonly string[], isDone: (hits: readonly Hit[]) => boolean, what: string): Promise<readonly Hit[]> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const result = await huddle(user, 'search', ...args, '--json')
    const hits = result.code === 0 ? (JSON.parse(result.stdout) as Hit[]) : []
    if (isDone(hits)) return hits
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}; last: ${result.stdout}${result.stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

it('huddle search finds a word of a conversation in history, and follows an action taken on it there', async () => {
  const c1 = await customerWrites(server, '+15550702000', 'The warranty card is missing from the box')
  expect((await huddle('alice', 'conversation', 'archive', c1)).code).toBe(0)
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  await until(() => server.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 1 conversations`)), 'c1 moves to history', 15_000)
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 30 })

  const found = await searchUntil('bob', ['warran'], (hits) => hits.some((h) => h.conversation === c1), 'a word prefix finds it in history')
  expect(found.find((h) => h.conversation === c1)?.status).toBe('archived')

  // Claimed while in history: its record changes after its document, and search follows the record.
  expect((await huddle('bob', 'conversation', 'claim', c1)).code).toBe(0)
  const mine = await searchUntil('alice', ['warran', '--assignee', 'bob'], (hits) => hits.some((h) => h.conversation === c1), 'it is found as bob’s')
  expect(mine.find((h) => h.conversation === c1)).toMatchObject({ status: 'archived', assignee: 'bob' })
})
