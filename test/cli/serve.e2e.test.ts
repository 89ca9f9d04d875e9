import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

  it('takes the bootstrap admin token from HUDDLE_ADMIN_TOKEN', async () => {
    await rm(join(folder, 'data'), { recursive: true, force: true })
    const served = await serve({ HUDDLE_ADMIN_TOKEN: 'chosen-admin-token' })
    const me = await runBinary(['whoami', '--json'], { HOME: folder, HUDDLE_SERVER: served.url, HUDDLE_TOKEN: 'chosen-admin-token' })
    expect(me.code).toBe(0)
    served.child.kill('SIGTERM')
    expect(await served.exited).toBe(0)
  })
})
