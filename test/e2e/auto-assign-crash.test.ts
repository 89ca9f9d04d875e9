/**
 * `huddle serve` killed (SIGKILL) the moment it says it decided an automatic
 * assignment, before or while storing it, then started again on the same
 * data: every conversation ends assigned exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InboxDoc } from '../../core/inbox-doc.js'
import { connectAckedClient, type AckedClient } from '../helpers/acked-client.js'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { until, untilAnswered } from '../helpers/until.js'

const ADMIN = 'hud_auto-assign-crash-admin'
const ADDRESS = '+15550100'
const CONVERSATIONS = 20

let dataDir: string
const running: ServerProcess[] = []
const sockets: AckedClient[] = []

beforeAll(async () => {
  await buildCliOnce()
  dataDir = await mkdtemp(join(tmpdir(), 'huddle-auto-assign-crash-'))
  // The build can take a while on a busy machine.
}, 180_000)

afterAll(async () => {
  for (const client of sockets) client.provider.destroy()
  for (const server of running) await server.stop('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

async function api<T>(server: ServerProcess, method: string, path: string, body?: unknown, token = ADMIN): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  expect(response.status, text).toBe(200)
  return JSON.parse(text) as T
}

async function serve(): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir, { env: { HUDDLE_ADMIN_TOKEN: ADMIN } })
  running.push(server)
  return server
}

/** An agent online: a socket on the inbox document, which is also how the test reads it. */
function connect(server: ServerProcess, token: string): InboxDoc {
  const client = connectAckedClient(server.port, 'inbox/sales', token)
  sockets.push(client)
  return new InboxDoc(client.doc)
}

describe('auto-assignment across a kill -9', () => {
  it('assigns every waiting conversation exactly once when the server is killed between deciding and storing', async () => {
    const first = await serve()
    const tokens: Record<string, string> = {}
    for (const id of ['alice', 'bob']) tokens[id] = (await api<{ token: string }>(first, 'POST', '/users', { id, name: id, licences: ['sms'] })).token
    await api(first, 'POST', '/inboxes', { name: 'Sales' })
    await api(first, 'POST', '/inboxes/sales/members', { add: ['alice', 'bob'], remove: [] })
    await api(first, 'POST', '/routing/rules', { address: ADDRESS, toInbox: 'sales' })
    for (let i = 0; i < CONVERSATIONS; i++) await api(first, 'POST', '/inbound', { channel: 'sms', from: `+1555555${String(i).padStart(4, '0')}`, to: ADDRESS, body: 'Hello' })
    connect(first, tokens.alice!)
    connect(first, tokens.bob!)
    await untilAnswered(async () => {
      const list = await api<Array<{ user: string; online: boolean }>>(first, 'GET', '/availability?inbox=sales')
      return list.every((entry) => entry.online) ? list : null
    }, 'both agents are online')
    await api(first, 'PATCH', '/inboxes/sales', { autoAssign: 'round-robin', capacity: CONVERSATIONS })
    await until(() => first.output().includes('auto-assign: decided'), 'the server decides', 10_000)
    await first.stop('SIGKILL')
    for (const client of sockets.splice(0)) client.provider.destroy()

    const second = await serve()
    const inbox = connect(second, tokens.alice!)
    connect(second, tokens.bob!)
    const isMember = (id: string): boolean => id === 'alice' || id === 'bob'
    const assigned = (): number => inbox.ids().filter((id) => inbox.assignment(id, isMember).assignee !== null).length
    await until(() => inbox.ids().length === CONVERSATIONS && assigned() === CONVERSATIONS, 'every conversation is assigned after the restart', 15_000)
    // Give a second pass every chance to assign anything twice.
    await new Promise((resolve) => setTimeout(resolve, 500))
    // Where the kill landed (the decision is re-made only if the store had not finished): said, not asserted.
    console.log(`auto-assign crash: the restarted server ${second.output().includes('auto-assign: decided') ? 'decided again (killed before the store)' : 'had nothing to decide (killed after the store)'}`)
    for (const id of inbox.ids()) expect(inbox.events(id).filter((e) => e.kind === 'auto-assign'), `conversation ${id}`).toHaveLength(1)
  }, 60_000)
})
