import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApi, type ApiFixture } from './api-fixture.js'

let api: ApiFixture

beforeEach(async () => {
  api = await startApi()
  await api.call('POST', '/api/v1/users', { body: { id: 'alice', name: 'Alice', licences: ['sms'] } })
  await api.call('POST', '/api/v1/inboxes', { body: { name: 'Sales' } })
  await api.call('POST', '/api/v1/inboxes', { body: { name: 'Support' } })
})

afterEach(async () => {
  await api.close()
})

describe('routing rules', () => {
  it('adds rules and a default, and lists them with hours as text', async () => {
    const first = await api.call('POST', '/api/v1/routing/rules', {
      body: { address: 'whatsapp:+15550100', channel: 'whatsapp', hours: 'Mon-Fri 09:00-17:00@Europe/London', toInbox: 'Sales' },
    })
    expect(first.status).toBe(200)
    expect(first.body.addresses).toEqual(['+15550100'])
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', keyword: 'help', toUser: 'alice', position: 1 } })
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'support', isDefault: true } })
    const list = await api.call('GET', '/api/v1/routing')
    expect(list.body).toHaveLength(1)
    const [policy] = list.body
    expect(policy.defaultInbox).toBe('support')
    expect(policy.rules).toEqual([
      { position: 1, conditions: { keyword: 'help' }, target: { kind: 'user', user: 'alice' }, description: 'if keyword "help" → personal inbox of alice' },
      {
        position: 2,
        conditions: { channel: 'whatsapp', hours: 'Mon-Fri 09:00-17:00@Europe/London' },
        target: { kind: 'inbox', inbox: 'sales' },
        description: 'if channel whatsapp and within Mon-Fri 09:00-17:00@Europe/London → inbox Sales',
      },
    ])
  })

  it('reports every problem of a rule at once', async () => {
    const answer = await api.call('POST', '/api/v1/routing/rules', { body: { channel: 'fax', hours: 'whenever', position: 0 } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.problems).toHaveLength(5)
  })

  it('refuses a rule to an unknown inbox or an unlicensed user', async () => {
    await api.call('POST', '/api/v1/users', { body: { id: 'ned', name: 'Ned' } })
    expect((await api.call('POST', '/api/v1/routing/rules', { body: { address: '+1', toInbox: 'Nope' } })).status).toBe(400)
    const unlicensed = await api.call('POST', '/api/v1/routing/rules', { body: { address: '+1', toUser: 'ned' } })
    expect(unlicensed.status).toBe(400)
    expect(unlicensed.body.error.message).toContain('no digital licence')
    expect(api.access.directory.policies).toEqual([])
  })

  it('removes a rule by address and position', async () => {
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Sales' } })
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Support' } })
    const answer = await api.call('DELETE', `/api/v1/routing/rules?address=${encodeURIComponent('+15550100')}&position=1`)
    expect(answer.status).toBe(200)
    expect(answer.body.rules.map((r: { target: { inbox: string } }) => r.target.inbox)).toEqual(['support'])
    expect((await api.call('DELETE', `/api/v1/routing/rules?address=${encodeURIComponent('+15550100')}&position=5`)).status).toBe(404)
    expect((await api.call('DELETE', '/api/v1/routing/rules?address=%2B19999&position=1')).status).toBe(404)
    expect((await api.call('DELETE', '/api/v1/routing/rules')).status).toBe(400)
  })
})

describe('routing test', () => {
  it('says where a message would go and by which rule, changing nothing', async () => {
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', keyword: 'refund', toInbox: 'Support' } })
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Sales', isDefault: true } })
    const before = JSON.stringify(await api.records.list(''))
    const docsBefore = [...api.hub.docs.keys()]
    const byRule = await api.call('POST', '/api/v1/routing/test', { body: { channel: 'sms', from: '+447700900001', to: '+15550100', body: 'I want a refund' } })
    expect(byRule.body).toMatchObject({ routed: 'rule 1', inbox: 'support', rule: 1 })
    expect(byRule.body.description).toContain('Rule 1')
    const byDefault = await api.call('POST', '/api/v1/routing/test', { body: { channel: 'sms', from: '+447700900001', to: '+15550100', body: 'hello' } })
    expect(byDefault.body).toMatchObject({ routed: 'default', inbox: 'sales' })
    expect(byDefault.body.rule).toBeUndefined()
    const unrouted = await api.call('POST', '/api/v1/routing/test', { body: { channel: 'sms', from: '+447700900001', to: '+19990000', body: 'hello' } })
    expect(unrouted.body).toMatchObject({ routed: 'unrouted', inbox: null })
    expect(JSON.stringify(await api.records.list(''))).toBe(before)
    expect([...api.hub.docs.keys()]).toEqual(docsBefore)
    expect(await api.call('GET', '/api/v1/routing/unrouted').then((a) => a.body)).toEqual([])
  })

  it('refuses an incomplete message', async () => {
    const answer = await api.call('POST', '/api/v1/routing/test', { body: { channel: 'sms' } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.problems).toHaveLength(3)
  })
})

describe('inbound endpoint', () => {
  it('routes a first message, joins later ones, and keeps unrouted ones listed', async () => {
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toUser: 'alice' } })
    const first = await api.call('POST', '/api/v1/inbound', { body: { channel: 'sms', from: '+447700900001', to: '+15550100', body: 'hi', id: 'SM1' } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ inbox: '@alice', routed: 'rule 1' })
    expect(first.body.conversation).toMatch(/^c-[a-z0-9]{16}$/)
    const second = await api.call('POST', '/api/v1/inbound', { body: { channel: 'sms', from: '+447700900001', to: '+15550100', body: 'again' } })
    expect(second.body).toEqual({ conversation: first.body.conversation, inbox: '@alice', routed: 'existing' })
    const lost = await api.call('POST', '/api/v1/inbound', { body: { channel: 'sms', from: '+447700900001', to: '+19990000', body: 'anyone?', name: 'Jo' } })
    expect(lost.body).toEqual({ conversation: null, inbox: null, routed: 'unrouted' })
    const listed = await api.call('GET', '/api/v1/routing/unrouted')
    expect(listed.body).toHaveLength(1)
    expect(listed.body[0]).toMatchObject({ channel: 'sms', from: '+447700900001', to: '+19990000', body: 'anyone?', contactName: 'Jo' })
    expect(listed.body[0].reason).toContain('no routing policy')
  })

  it('is for settings admins only', async () => {
    const alice = (await api.call('POST', '/api/v1/users/alice/token')).body.token as string
    const answer = await api.call('POST', '/api/v1/inbound', { token: alice, body: { channel: 'sms', from: '+1', to: '+2', body: 'x' } })
    expect(answer.status).toBe(403)
    expect((await api.call('GET', '/api/v1/routing/unrouted', { token: alice })).status).toBe(403)
    expect((await api.call('GET', '/api/v1/outbox', { token: alice })).status).toBe(403)
    expect((await api.call('POST', '/api/v1/routing/test', { token: alice, body: {} })).status).toBe(403)
  })
})
