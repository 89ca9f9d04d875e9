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
  server = await startTestServer({ historySweepMs: 100 })
  team = await seedTeam(server, ['alice'])
  base = await mkdtemp(join(tmpdir(), 'huddle-archived-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(...argv: string[]): ReturnType<typeof runInProcess> {
  return runInProcess(argv, {
    env: { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, 'data'), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: team.tokens.alice! },
  })
}

type Page = { rows: Array<{ id: string; inHistory: boolean; status: string }>; next: string | null }

it('pages through every archived conversation, those in history and those still live, newest archived first', async () => {
  const ids: string[] = []
  for (let i = 0; i < 7; i++) ids.push(await customerWrites(server, `+1555060000${i}`, `Question ${i}`))
  // Archived oldest first, so the newest archived is the last.
  for (const id of ids.slice(0, 5)) expect((await huddle('conversation', 'archive', id)).code).toBe(0)
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  await until(() => server.logs.some((l) => l.includes('moved 5 conversations')), 'five move to history', 15_000)
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 30 })
  // The replica still holds the old epoch: the next command waits for the new one before acting.
  for (const id of ids.slice(5)) expect((await huddle('conversation', 'archive', id)).code).toBe(0)

  const seen: Page['rows'] = []
  let before: string | null = null
  for (let pages = 0; pages < 10; pages++) {
    const result = await huddle('conversation', 'list', '--view', 'archived', '--limit', '3', '--json', ...(before === null ? [] : ['--before', before]))
    expect(result.code).toBe(0)
    const page = JSON.parse(result.stdout) as Page
    seen.push(...page.rows)
    before = page.next
    if (before === null) break
  }
  expect(seen.map((r) => r.id)).toEqual([...ids].reverse())
  expect(seen.map((r) => r.inHistory)).toEqual([false, false, true, true, true, true, true])
  expect(new Set(seen.map((r) => r.status))).toEqual(new Set(['archived']))
})

it('refuses a cursor it did not print, quoting it', async () => {
  const result = await huddle('conversation', 'list', '--view', 'archived', '--before', 'yesterday')
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('Cursor `yesterday` is not valid')
})
