import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLOSE_CODES, HUDDLE_VERSION, MIN_CLIENT_VERSION, PROTOCOL_VERSION } from '../../../core/wire.js'
import { startApi, type ApiFixture } from './api-fixture.js'

let api: ApiFixture

beforeEach(async () => {
  api = await startApi()
})

afterEach(async () => {
  await api.close()
})

describe('health', () => {
  it('answers version, protocol, minimum client version and server time to anyone', async () => {
    const at = Date.UTC(2026, 0, 2, 9, 30)
    const held = await startApi({ now: () => at })
    try {
      const answer = await held.call('GET', '/healthz', { token: null })
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({ ok: true, version: HUDDLE_VERSION, protocol: PROTOCOL_VERSION, minClientVersion: MIN_CLIENT_VERSION, time: at })
    } finally {
      await held.close()
    }
  })
})

describe('authentication', () => {
  it('refuses a request without a token with 401 saying how to send one', async () => {
    const answer = await api.call('GET', '/api/v1/whoami', { token: null })
    expect(answer.status).toBe(401)
    expect(answer.body.error.code).toBe('unauthenticated')
    expect(answer.body.error.message).toContain('Authorization: Bearer')
  })

  it('refuses an unknown token with 401', async () => {
    const answer = await api.call('GET', '/api/v1/whoami', { token: 'hud_not-a-real-token' })
    expect(answer.status).toBe(401)
    expect(answer.body.error.message).toContain('not valid')
  })

  it('answers whoami with the user holding the token', async () => {
    const answer = await api.call('GET', '/api/v1/whoami')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ id: 'admin', name: 'Administrator', permission: 'admin', licences: ['chat', 'sms', 'whatsapp'] })
  })

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    expect((await api.call('GET', '/api/v1/nothing')).status).toBe(404)
    const wrong = await api.call('PUT', '/api/v1/users')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, POST')
  })
})

describe('users', () => {
  it('creates a user with a token that works, stored only as a hash', async () => {
    const created = await api.call('POST', '/api/v1/users', { body: { id: 'alice', name: 'Alice', licences: ['sms'] } })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ id: 'alice', name: 'Alice', permission: 'basic', licences: ['sms'] })
    expect(created.body.token).toMatch(/^hud_[A-Za-z0-9_-]{43}$/)
    const whoami = await api.call('GET', '/api/v1/whoami', { token: created.body.token })
    expect(whoami.body.id).toBe('alice')
    const stored = JSON.stringify(await api.records.list(''))
    expect(stored).not.toContain(created.body.token)
    expect(stored).not.toContain(created.body.token.slice(4))
  })

  it('lists users for a settings admin', async () => {
    await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob' } })
    const answer = await api.call('GET', '/api/v1/users')
    expect(answer.status).toBe(200)
    expect(answer.body.map((u: { id: string }) => u.id)).toEqual(['admin', 'bob'])
  })

  it('refuses a basic user with 403 naming the admin permission', async () => {
    const bob = (await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob', licences: ['sms'] } })).body
    const answer = await api.call('GET', '/api/v1/users', { token: bob.token })
    expect(answer.status).toBe(403)
    expect(answer.body.error.message).toContain('`admin` permission')
    expect(answer.body.error.message).not.toContain('digital licence')
  })

  it('refuses an admin without a licence with 403 naming the missing licence', async () => {
    const root = (await api.call('POST', '/api/v1/users', { body: { id: 'root', name: 'Root', permission: 'admin' } })).body
    const answer = await api.call('POST', '/api/v1/inboxes', { token: root.token, body: { name: 'Sales' } })
    expect(answer.status).toBe(403)
    expect(answer.body.error.message).toContain('a digital licence')
    expect(answer.body.error.message).not.toContain('`admin` permission')
    expect(api.access.directory.inboxes).toEqual({})
  })

  it('reports every problem of an invalid user at once', async () => {
    const answer = await api.call('POST', '/api/v1/users', { body: { id: 'Not An Id', name: '', licences: ['fax'] } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.problems).toHaveLength(3)
  })

  it('refuses unknown fields, naming them', async () => {
    const answer = await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob', licence: ['sms'] } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.message).toContain('`licence`')
  })

  it('refuses a body that is not JSON with 400', async () => {
    const answer = await api.call('POST', '/api/v1/users', { body: '{not json' })
    expect(answer.status).toBe(400)
    expect(answer.body.error.message).toContain('not valid JSON')
  })

  it('refuses a duplicate user with 409', async () => {
    await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob' } })
    const answer = await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bobby' } })
    expect(answer.status).toBe(409)
  })

  it('edits a user', async () => {
    await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob' } })
    const answer = await api.call('PATCH', '/api/v1/users/bob', { body: { permission: 'team-leader', licences: ['whatsapp', 'sms'] } })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ id: 'bob', name: 'Bob', permission: 'team-leader', licences: ['sms', 'whatsapp'] })
  })

  it('answers 404 for an unknown user', async () => {
    expect((await api.call('PATCH', '/api/v1/users/nobody', { body: { name: 'X' } })).status).toBe(404)
    expect((await api.call('DELETE', '/api/v1/users/nobody')).status).toBe(404)
    expect((await api.call('POST', '/api/v1/users/nobody/token')).status).toBe(404)
  })

  it('refuses removing the last settings admin with 409', async () => {
    const answer = await api.call('DELETE', '/api/v1/users/admin')
    expect(answer.status).toBe(409)
    expect(answer.body.error.message).toContain('make another user an admin first')
  })

  it('removes a user: their token stops working and their connections close', async () => {
    const bob = (await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob', licences: ['sms'] } })).body
    api.hub.connect('bob', 'org')
    const answer = await api.call('DELETE', '/api/v1/users/bob')
    expect(answer.body).toEqual({ removed: 'bob' })
    expect((await api.call('GET', '/api/v1/whoami', { token: bob.token })).status).toBe(401)
    expect(api.hub.disconnected).toMatchObject([{ user: 'bob', doc: 'org', code: CLOSE_CODES.unauthenticated }])
  })

  it('rotates a token: the old one stops working, the new one works, connections close', async () => {
    const bob = (await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'Bob', licences: ['sms'] } })).body
    api.hub.connect('bob', 'personal/bob')
    const rotated = await api.call('POST', '/api/v1/users/bob/token')
    expect(rotated.status).toBe(200)
    expect(rotated.body.id).toBe('bob')
    expect(rotated.body.token).not.toBe(bob.token)
    expect((await api.call('GET', '/api/v1/whoami', { token: bob.token })).status).toBe(401)
    expect((await api.call('GET', '/api/v1/whoami', { token: rotated.body.token })).body.id).toBe('bob')
    expect(api.hub.disconnected).toMatchObject([{ user: 'bob', doc: 'personal/bob', code: CLOSE_CODES.unauthenticated }])
  })

  it('refuses a body over the size limit with 413', async () => {
    const answer = await api.call('POST', '/api/v1/users', { body: { id: 'bob', name: 'x'.repeat(100_000) } })
    expect(answer.status).toBe(413)
    expect(answer.body.error.code).toBe('limit')
  })
})
