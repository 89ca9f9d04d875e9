/**
 * A real huddle server (startServer: HTTP API, sync, LevelDB) on port 0 in a
 * temporary data folder, that can be stopped and started again on the same
 * port and folder, seeded through its HTTP API like an admin would.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningServer, ServerOptions } from '../../server/server-options.js'
import { startServer } from '../../server/start.js'

export const ADMIN_TOKEN = 'hud_admin-test-token'
export const ADDRESS = '+15550100'

export type TestServer = {
  readonly url: string
  readonly port: number
  readonly dataDir: string
  readonly logs: string[]
  /** Calls the HTTP API as the admin (or with `token`); throws on an error answer. */
  // Answers are read loosely in tests: a wrong shape fails the expectation that reads it.
  api(method: string, path: string, body?: unknown, token?: string): Promise<any>
  stop(): Promise<void>
  /** Starts again on the same port and data folder. */
  start(): Promise<void>
  close(): Promise<void>
}

/** Server options a test may set (a clock, limits); the rest are the helper's. */
export type TestServerOptions = Omit<ServerOptions, 'host' | 'port' | 'dataDir' | 'adminToken' | 'log'>

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'huddle-client-server-'))
  const logs: string[] = []
  let running: RunningServer | null = null
  let port = 0
  const start = async (): Promise<void> => {
    running = await startServer({ ...options, host: '127.0.0.1', port, dataDir, adminToken: ADMIN_TOKEN, log: (line) => logs.push(line) })
    port = running.port
  }
  await start()
  const stop = async (): Promise<void> => {
    const current = running
    running = null
    await current?.close()
  }
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    dataDir,
    logs,
    async api(method, path, body, token = ADMIN_TOKEN) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
      return text ? JSON.parse(text) : undefined
    },
    stop,
    start,
    async close() {
      await stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export type Team = { readonly tokens: Record<string, string>; readonly inbox: string }

/**
 * Users (all licensed for sms) with the given ids, a shared inbox `Sales`
 * holding `members`, and a routing rule sending everything on ADDRESS there.
 */
export async function seedTeam(server: TestServer, users: readonly string[], members: readonly string[] = users): Promise<Team> {
  const tokens: Record<string, string> = {}
  for (const id of users) {
    const name = id[0]!.toUpperCase() + id.slice(1)
    const created = await server.api('POST', '/users', { id, name, licences: ['sms'] })
    tokens[id] = created.token as string
  }
  const inbox = await server.api('POST', '/inboxes', { name: 'Sales' })
  if (members.length > 0) await server.api('POST', `/inboxes/${inbox.id}/members`, { add: members, remove: [] })
  await server.api('POST', '/routing/rules', { address: ADDRESS, toInbox: inbox.id })
  return { tokens, inbox: inbox.id as string }
}

/** A customer message on sms to ADDRESS; answers the conversation's id. */
export async function customerWrites(server: TestServer, from: string, body: string): Promise<string> {
  const answer = await server.api('POST', '/inbound', { channel: 'sms', from, to: ADDRESS, body })
  return answer.conversation as string
}
