import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildCliOnce, runBinary } from '../helpers/cli-binary.js'
import { ADMIN_TOKEN, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../helpers/client-server.js'
import { until } from '../helpers/client-replica.js'

let server: TestServer
let team: Team
let base: string

beforeAll(async () => {
  await buildCliOnce()
  server = await startTestServer({ historySweepMs: 100 })
  team = await seedTeam(server, ['alice'])
  base = await mkdtemp(join(tmpdir(), 'huddle-inbox-stats-'))
}, 120_000)

afterAll(async () => {
  await server?.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(token: string, ...argv: string[]): ReturnType<typeof runBinary> {
  return runBinary(argv, { HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, 'data'), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: token })
}

type Stats = { inbox: string; live: number; liveBytes: number; epoch: number; inHistory: number }

it('reports per inbox its live conversations, its history and the live document’s bytes once archived ones move', async () => {
  const ids: string[] = []
  for (let i = 0; i < 5; i++) ids.push(await customerWrites(server, `+1555070000${i}`, `Question ${i}`))
  for (const id of ids.slice(0, 3)) expect((await huddle(team.tokens.alice!, 'conversation', 'archive', id)).code).toBe(0)
  const before = JSON.parse((await huddle(ADMIN_TOKEN, 'inbox', 'stats', '--json')).stdout) as Stats[]
  const liveBefore = before.find((s) => s.inbox === `inbox/${team.inbox}`)!
  expect(liveBefore).toMatchObject({ live: 5, inHistory: 0, epoch: 0 })

  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  await until(() => server.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 3 conversations (live 2, history 3, live document `)), 'the move is logged', 15_000)

  const result = await huddle(ADMIN_TOKEN, 'inbox', 'stats', '--json')
  expect(result.code).toBe(0)
  const after = (JSON.parse(result.stdout) as Stats[]).find((s) => s.inbox === `inbox/${team.inbox}`)!
  expect(after).toMatchObject({ live: 2, inHistory: 3, epoch: 1 })
  expect(after.liveBytes).toBeLessThan(liveBefore.liveBytes)
  const logged = server.logs.find((l) => l.includes(`inbox/${team.inbox} moved 3`))!
  expect(logged).toContain(`live document ${after.liveBytes} bytes`)

  const table = await huddle(ADMIN_TOKEN, 'inbox', 'stats')
  expect(table.stdout).toMatch(/^INBOX +LIVE +IN HISTORY +LIVE DOCUMENT +EPOCH$/m)
  expect(table.stdout).toMatch(new RegExp(`^inbox/${team.inbox} +2 +3 +\\d+(\\.\\d)? (B|KiB) +1$`, 'm'))
})

it('refuses someone who is not a settings admin, saying so', async () => {
  const refused = await huddle(team.tokens.alice!, 'inbox', 'stats')
  expect(refused.code).not.toBe(0)
  expect(refused.stderr).toContain('Reading the history figures needs the `admin` permission')
})
