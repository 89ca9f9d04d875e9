import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../cli/api-client.js'
import { HuddleError } from '../../core/errors.js'
import { runInProcess } from '../helpers/cli-run.js'

function answering(status: number, body: string): typeof fetch {
  return async () => new Response(body, { status, statusText: status === 500 ? 'Internal Server Error' : '' })
}

async function refusal(promise: Promise<unknown>): Promise<HuddleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(HuddleError)
  return error as HuddleError
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

describe('the API client', () => {
  it('turns an error answer back into the HuddleError the server refused with', async () => {
    const body = JSON.stringify({ error: { code: 'conflict', message: 'An inbox named `Sales` already exists.', problems: ['p1'] } })
    const api = createApiClient({ server: 'http://h', token: 't', fetch: answering(409, body) })
    const error = await refusal(api.post('/inboxes', { name: 'Sales' }))
    expect(error.toJSON()).toEqual({ code: 'conflict', message: 'An inbox named `Sales` already exists.', problems: ['p1'] })
  })

  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [500, 'unavailable'],
  ] as const)('maps a %i answer without an error body to `%s`', async (status, code) => {
    const api = createApiClient({ server: 'http://h', token: 't', fetch: answering(status, '<html>oops</html>') })
    const error = await refusal(api.get('/users'))
    expect(error.code).toBe(code)
    expect(error.message).toContain(`The server at http://h answered ${status}`)
  })

  it('sends the token as a bearer and the body as JSON', async () => {
    let seen: Request | undefined
    const api = createApiClient({
      server: 'http://h/',
      token: 'tok',
      fetch: async (url, init) => {
        seen = new Request(url, init)
        return new Response('{"ok":true}')
      },
    })
    expect(await api.patch('/users/bob', { name: 'Bob' })).toEqual({ ok: true })
    expect(seen?.url).toBe('http://h/api/v1/users/bob')
    expect(seen?.method).toBe('PATCH')
    expect(seen?.headers.get('authorization')).toBe('Bearer tok')
    expect(seen?.headers.get('content-type')).toBe('application/json')
    expect(await seen?.json()).toEqual({ name: 'Bob' })
  })

  it('says a refused connection means the server is not reachable, and how to start one', async () => {
    const port = await closedPort()
    const api = createApiClient({ server: `http://127.0.0.1:${port}`, token: 't', fetch: globalThis.fetch })
    const error = await refusal(api.get('/whoami'))
    expect(error.code).toBe('unavailable')
    expect(error.message).toContain(`The huddle server at http://127.0.0.1:${port} is not reachable (ECONNREFUSED).`)
    expect(error.message).toContain('huddle serve')
  })

  it('exits 1 with that message when a command cannot reach the server', async () => {
    const port = await closedPort()
    const result = await runInProcess(['user', 'list'], { env: { HUDDLE_SERVER: `http://127.0.0.1:${port}`, HUDDLE_TOKEN: 't' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('is not reachable')
  })
})
