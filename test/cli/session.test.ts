import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveLogin } from '../../cli/config.js'
import type { CliIo } from '../../cli/io.js'
import { DEFAULT_SERVER, resolveConnection } from '../../cli/session.js'
import { HuddleError } from '../../core/errors.js'
import { makeTempHome, runInProcess } from '../helpers/cli-run.js'

function ioWith(env: Record<string, string>): CliIo {
  return { env } as unknown as CliIo
}

const saved = { server: 'http://saved:1', token: 'saved-token' }

describe('which server and token a command uses', () => {
  const cases: readonly {
    title: string
    flags: { server?: string; token?: string }
    env: Record<string, string>
    saved: typeof saved | null
    expected: { server: string; token: string }
  }[] = [
    { title: 'flags win over everything', flags: { server: 'http://flag:1', token: 'f' }, env: { HUDDLE_SERVER: 'http://env:1', HUDDLE_TOKEN: 'e' }, saved, expected: { server: 'http://flag:1', token: 'f' } },
    { title: 'the environment wins over the saved login', flags: {}, env: { HUDDLE_SERVER: 'http://env:1', HUDDLE_TOKEN: 'e' }, saved, expected: { server: 'http://env:1', token: 'e' } },
    { title: 'the saved login is used when nothing else is given', flags: {}, env: {}, saved, expected: saved },
    { title: 'a token flag goes to the saved server', flags: { token: 'f' }, env: {}, saved, expected: { server: 'http://saved:1', token: 'f' } },
    { title: 'the saved token follows its server written with a trailing slash', flags: { server: 'http://saved:1/' }, env: {}, saved, expected: saved },
    { title: 'the local default server is used when none is given', flags: { token: 'f' }, env: {}, saved: null, expected: { server: DEFAULT_SERVER, token: 'f' } },
    { title: 'empty environment variables count as unset', flags: {}, env: { HUDDLE_SERVER: '', HUDDLE_TOKEN: ' ' }, saved, expected: saved },
  ]

  it.each(cases)('$title', ({ flags, env, saved, expected }) => {
    expect(resolveConnection(flags, ioWith(env), saved)).toEqual(expected)
  })

  it('never sends the saved token to another server', () => {
    const error = (() => {
      try {
        return resolveConnection({ server: 'http://other:2' }, ioWith({}), saved)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(HuddleError)
    expect((error as HuddleError).code).toBe('unauthenticated')
    expect((error as HuddleError).message).toContain('You are logged in to http://saved:1, not to http://other:2.')
  })

  it('refuses a HUDDLE_SERVER that is not a URL', () => {
    expect(() => resolveConnection({ token: 't' }, ioWith({ HUDDLE_SERVER: 'localhost:1' }), null)).toThrow('HUDDLE_SERVER is not valid')
  })
})

describe('a command with no token anywhere', () => {
  let home: Awaited<ReturnType<typeof makeTempHome>>
  beforeEach(async () => {
    home = await makeTempHome()
  })
  afterEach(async () => {
    await home.remove()
  })

  it.each([{ argv: ['whoami'] }, { argv: ['user', 'list'] }, { argv: ['inbox', 'list', '--json'] }, { argv: ['outbox', 'list'] }])(
    'huddle $argv exits 4 and says how to log in',
    async ({ argv }) => {
      const result = await runInProcess(argv, { env: home.env, fetch: () => Promise.reject(new Error('must not be called')) })
      expect(result.code).toBe(4)
      expect(result.stderr).toContain(`You are not logged in to ${DEFAULT_SERVER}. Log in with \`huddle login --server ${DEFAULT_SERVER} --token TOKEN\``)
      expect(result.stdout).toBe('')
    },
  )

  it('uses the saved login when there is one', async () => {
    await saveLogin(home.env, { server: 'http://saved.example:9', token: 'tok' })
    const seen: { url: string; auth: string | null }[] = []
    const fake: typeof fetch = async (url, init) => {
      seen.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') })
      return new Response(JSON.stringify({ id: 'alice', name: 'Alice', permission: 'admin', licences: ['sms'] }))
    }
    const result = await runInProcess(['whoami', '--json'], { env: home.env, fetch: fake })
    expect(result.code).toBe(0)
    expect(seen).toEqual([{ url: 'http://saved.example:9/api/v1/whoami', auth: 'Bearer tok' }])
  })
})
