import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../helpers/client-server.js'
import { buildCliOnce, runBinary } from '../helpers/cli-binary.js'

let server: TestServer
let team: Team
let base: string

beforeAll(async () => {
  await buildCliOnce()
  server = await startTestServer()
  team = await seedTeam(server, ['alice'])
  base = await mkdtemp(join(tmpdir(), 'huddle-sync-binary-'))
}, 120_000)

afterAll(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

describe('huddle sync (the built binary)', () => {
  it('brings a dozen conversations into the replica without a MaxListenersExceededWarning', async () => {
    const count = 14
    for (let i = 0; i < count; i++) await customerWrites(server, `+155500010${String(i).padStart(2, '0')}`, `Hello ${i}`)
    const env = { HOME: base, XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config'), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: team.tokens.alice! }
    const sync = await runBinary(['sync', '--json'], env)
    expect(sync.code, sync.stderr).toBe(0)
    expect(sync.stderr).not.toContain('MaxListenersExceededWarning')
    const list = await runBinary(['conversation', 'list', '--json'], env)
    expect(JSON.parse(list.stdout)).toHaveLength(count)
  })
})
