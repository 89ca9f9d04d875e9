import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startCliTestServer, type CliTestServer } from '../helpers/cli-server.js'

let server: CliTestServer
const tokens: Record<string, string> = {}

beforeAll(async () => {
  await buildCliOnce()
  server = await startCliTestServer()
  for (const id of ['alice', 'bob']) tokens[id] = ((await server.huddleJson(['user', 'add', id, '--name', id[0]!.toUpperCase() + id.slice(1), '--licence', 'sms'])) as { token: string }).token
  await server.huddleJson(['inbox', 'create', '--name', 'Sales'])
  await server.huddle(['inbox', 'members', 'Sales', '--add', 'alice'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('huddle availability', () => {
  it('sets your own availability and lists it with --json as [{user, name, availability, online}]', async () => {
    const set = await server.huddle(['availability', 'set', 'busy'], { token: tokens.alice! })
    expect(set.code).toBe(0)
    expect(set.stderr).toContain('Alice (`alice`) is now busy.')
    const list = (await server.huddleJson(['availability', 'list', '--inbox', 'Sales'])) as unknown[]
    expect(list).toEqual([{ user: 'alice', name: 'Alice', availability: 'busy', online: false }])
  })

  it('shows what colleagues see, offline over the choice of someone not connected', async () => {
    const result = await server.huddle(['availability', 'list'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^alice +Alice +busy +offline$/m)
  })

  it("refuses a state that is not one before calling the server, and a colleague's to a non-admin", async () => {
    const bad = await server.huddle(['availability', 'set', 'lunch'], { token: tokens.bob! })
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('Availability `lunch` is not one of available, busy, away.')
    const other = await server.huddle(['availability', 'set', 'away', '--user', 'alice'], { token: tokens.bob! })
    expect(other.code).not.toBe(0)
    expect(other.stderr).toContain('Only `alice` or an admin')
  })

  it('lets an admin set a colleague’s', async () => {
    const entry = await server.huddleJson(['availability', 'set', 'away', '--user', 'bob'])
    expect(entry).toMatchObject({ user: 'bob', availability: 'away' })
  })
})
