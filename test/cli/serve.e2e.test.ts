import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { connect, createServer } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVisitor } from '../helpers/chat-visitor.js'
import { until } from '../helpers/until.js'
import { buildCliOnce, CLI_MAIN, ROOT, runBinary } from '../helpers/cli-binary.js'

let folder = ''

beforeAll(async () => {
  await buildCliOnce()
  folder = await mkdtemp(join(tmpdir(), 'huddle-cli-serve-'))
}, 120_000)

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

type Served = { child: ChildProcessWithoutNullStreams; url: string; stdout: () => string; exited: Promise<number | null> }

/** `huddle serve --port 0` as a child; resolves once it says where it listens. */
function serve(env: Record<string, string>, ...flags: string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI_MAIN, 'serve', '--port', '0', '--data', join(folder, 'data'), ...flags], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: folder, ...env },
  })
  let stdout = ''
  let stderr = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const url = /^Listening on (http:\/\/\S+)$/m.exec(stdout)?.[1]
      if (url) resolve({ child, url, stdout: () => stdout, exited })
    })
    void exited.then((code) => reject(new Error(`huddle serve exited ${code} before listening:\n${stdout}${stderr}`)))
  })
}

describe('huddle serve', () => {
  it('prints a random admin token once on first start, serves the API, and exits 0 on SIGTERM', async () => {
    const first = await serve({})
    const token = /^Admin token: (\S+)$/m.exec(first.stdout())?.[1]
    expect(token).toBeDefined()
    const me = await runBinary(['whoami', '--json', '--server', first.url, '--token', token!], { HOME: folder })
    expect(me.code).toBe(0)
    expect(JSON.parse(me.stdout)).toMatchObject({ permission: 'admin', licences: ['chat', 'sms', 'whatsapp'] })
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    // The organisation exists now: a second start prints no token, and the first still works.
    const second = await serve({})
    expect(second.stdout()).not.toContain('Admin token')
    expect((await runBinary(['whoami', '--server', second.url, '--token', token!], { HOME: folder })).code).toBe(0)
    second.child.kill('SIGINT')
    expect(await second.exited).toBe(0)
  })

  it('caps the live chat windows a visitor keeps open as --chat-streams-per-visitor says', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const admin = 'chat-admin-token'
    const served = await serve({ HUDDLE_ADMIN_TOKEN: admin }, '--chat-streams-per-visitor', '1')
    const api = (path: string, body: unknown) =>
      fetch(`${served.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await api('/inboxes', { name: 'Web' })).ok).toBe(true)
    expect((await api('/routing/rules', { address: 'shop-web', channel: 'chat', toInbox: 'Web' })).ok).toBe(true)
    const ada = await startVisitor(served.url, 'shop-web', 'Ada')
    const first = new AbortController()
    const stream = (signal?: AbortSignal) => fetch(`${served.url}/chat/shop-web/api/events`, { headers: { authorization: ada.authorization }, ...(signal ? { signal } : {}) })
    expect((await stream(first.signal)).status).toBe(200)
    const second = await stream()
    expect(second.status).toBe(429)
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain('Too many chat windows are open: you have 1')
    first.abort()
    served.child.kill('SIGTERM')
    expect(await served.exited).toBe(0)
  })

  it('caps the chat windows and new visitors of one address as --chat-streams-per-address and --chat-visitors-per-minute say', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const admin = 'chat-admin-token'
    const served = await serve({ HUDDLE_ADMIN_TOKEN: admin }, '--chat-streams-per-address', '1', '--chat-visitors-per-minute', '2')
    const api = (path: string, body: unknown) =>
      fetch(`${served.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await api('/inboxes', { name: 'Web' })).ok).toBe(true)
    expect((await api('/routing/rules', { address: 'shop-web', channel: 'chat', toInbox: 'Web' })).ok).toBe(true)
    const ada = await startVisitor(served.url, 'shop-web', 'Ada')
    const bob = await startVisitor(served.url, 'shop-web', 'Bob')
    const third = await fetch(`${served.url}/chat/shop-web/api/visitors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(third.status).toBe(413)
    expect(((await third.json()) as { error: { message: string } }).error.message).toContain('at most 2 a minute')
    const first = new AbortController()
    const stream = (authorization: string, signal?: AbortSignal) => fetch(`${served.url}/chat/shop-web/api/events`, { headers: { authorization }, ...(signal ? { signal } : {}) })
    expect((await stream(ada.authorization, first.signal)).status).toBe(200)
    const second = await stream(bob.authorization)
    expect(second.status).toBe(429)
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain('Too many chat windows are open from your network: 1')
    first.abort()
    served.child.kill('SIGTERM')
    expect(await served.exited).toBe(0)
  })

  it('refuses a chat stream limit that is not a whole number from 1, before starting', async () => {
    const refused = await runBinary(['serve', '--port', '0', '--data', join(folder, 'data'), '--chat-streams', '0'], { HOME: folder })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Limit `0` is not valid: give a whole number from 1.')
  })

  it('takes the bootstrap admin token from HUDDLE_ADMIN_TOKEN', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const served = await serve({ HUDDLE_ADMIN_TOKEN: 'chosen-admin-token' })
    const me = await runBinary(['whoami', '--json'], { HOME: folder, HUDDLE_SERVER: served.url, HUDDLE_TOKEN: 'chosen-admin-token' })
    expect(me.code).toBe(0)
    served.child.kill('SIGTERM')
    expect(await served.exited).toBe(0)
  })

  it('creates nothing when the first start fails (its port in use), so the next start makes the admin and prints its token', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as { port: number }).port
    const refused = await runBinary(['serve', '--port', String(taken), '--data', join(folder, 'data')], { HOME: folder })
    blocker.close()
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`Port ${taken} on 127.0.0.1 is already in use`)
    expect(refused.stdout).not.toContain('Admin token')

    const served = await serve({ HUDDLE_ADMIN_TOKEN: 'after-a-failed-start' })
    expect((await runBinary(['whoami'], { HOME: folder, HUDDLE_SERVER: served.url, HUDDLE_TOKEN: 'after-a-failed-start' })).code).toBe(0)
    served.child.kill('SIGTERM')
    expect(await served.exited).toBe(0)
  })

  it('recovers a lost admin token with --reset-admin-token: a new one is printed and the old one stops working', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const first = await serve({})
    const lost = /^Admin token: (\S+)$/m.exec(first.stdout())![1]!
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const reset = await serve({}, '--reset-admin-token')
    const fresh = /^Admin token: (\S+)$/m.exec(reset.stdout())?.[1]
    expect(reset.stdout()).toContain('The admin token was reset: the old one no longer works.')
    expect(fresh).toBeDefined()
    expect(fresh).not.toBe(lost)
    const me = await runBinary(['whoami', '--json'], { HOME: folder, HUDDLE_SERVER: reset.url, HUDDLE_TOKEN: fresh! })
    expect(me.code).toBe(0)
    expect(JSON.parse(me.stdout)).toMatchObject({ id: 'admin', permission: 'admin' })
    expect((await runBinary(['whoami'], { HOME: folder, HUDDLE_SERVER: reset.url, HUDDLE_TOKEN: lost })).code).toBe(4)
    reset.child.kill('SIGTERM')
    expect(await reset.exited).toBe(0)
  })

  it('on SIGTERM ends even a sync connection whose client never answers the close, and exits', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const served = await serve({ HUDDLE_ADMIN_TOKEN: 'silent-client-admin' })
    const { port } = new URL(served.url)
    const silent = connect(Number(port), '127.0.0.1')
    silent.write(
      `GET /sync/org?token=silent-client-admin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    await new Promise((resolve) => silent.once('data', resolve))
    let isEnded = false
    silent.on('close', () => (isEnded = true))
    let exitCode: number | null | undefined
    void served.exited.then((code) => (exitCode = code))
    served.child.kill('SIGTERM')
    // ws alone would wait 30 s for the close handshake, keeping the process up.
    await until(() => isEnded && exitCode !== undefined, 'the server ends the silent connection and exits', 10_000)
    expect(exitCode).toBe(0)
  })
})
