import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { OrgDoc } from '../../../core/org-doc.js'
import { CLOSE_CODES } from '../../../core/wire.js'
import { HybridClock } from '../../../core/hlc.js'
import { until } from '../../helpers/until.js'
import { startApi, type ApiFixture } from './api-fixture.js'

let api: ApiFixture

beforeEach(async () => {
  api = await startApi()
  for (const [id, licences] of [
    ['alice', ['sms']],
    ['bob', ['sms', 'whatsapp']],
    ['nolicence', []],
  ] as const)
    await api.call('POST', '/api/v1/users', { body: { id, name: id, licences } })
})

afterEach(async () => {
  await api.close()
})

async function createSales(members: string[] = []): Promise<void> {
  await api.call('POST', '/api/v1/inboxes', { body: { name: 'Sales', description: 'Leads and quotes' } })
  if (members.length > 0) await api.call('POST', '/api/v1/inboxes/sales/members', { body: { add: members } })
}

async function inboundTo(from: string): Promise<string> {
  const answer = await api.call('POST', '/api/v1/inbound', { body: { channel: 'sms', from, to: '+15550100', body: 'hello' } })
  return answer.body.conversation as string
}

describe('inboxes', () => {
  it('creates, lists and shows an inbox with its counts', async () => {
    const created = await api.call('POST', '/api/v1/inboxes', { body: { name: 'Billing & Refunds', description: 'Money' } })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({ id: 'billing-refunds', name: 'Billing & Refunds', description: 'Money', reopenArchived: false, members: [] })
    const list = await api.call('GET', '/api/v1/inboxes')
    expect(list.body).toEqual([created.body])
    const shown = await api.call('GET', `/api/v1/inboxes/${encodeURIComponent('billing & refunds')}`)
    expect(shown.body).toEqual({ ...created.body, counts: { open: 0, archived: 0 } })
  })

  it('publishes inboxes to the org document without their descriptions', async () => {
    await createSales(['alice'])
    const view = new OrgDoc(api.hub.doc('org')).read()
    expect(view.inboxes.sales).toEqual({ id: 'sales', name: 'Sales', reopenArchived: false, members: ['alice'] })
    expect(Object.keys(view.users).sort()).toEqual(['admin', 'alice', 'bob', 'nolicence'])
  })

  it('refuses a duplicate name regardless of case with 409', async () => {
    await createSales()
    const answer = await api.call('POST', '/api/v1/inboxes', { body: { name: '  sALES ' } })
    expect(answer.status).toBe(409)
    expect(answer.body.error.message).toContain('`Sales` already exists')
  })

  it('refuses an invalid name with 400', async () => {
    expect((await api.call('POST', '/api/v1/inboxes', { body: { name: '' } })).status).toBe(400)
    expect((await api.call('POST', '/api/v1/inboxes', { body: { name: 'x'.repeat(81) } })).status).toBe(400)
  })

  it('edits name, description and the reopen setting', async () => {
    await createSales()
    const answer = await api.call('PATCH', '/api/v1/inboxes/sales', { body: { name: 'Sales EU', reopenArchived: true } })
    expect(answer.body).toMatchObject({ id: 'sales', name: 'Sales EU', reopenArchived: true, description: 'Leads and quotes' })
    expect((await api.call('PATCH', '/api/v1/inboxes/sales', { body: { reopenArchived: 'yes' } })).status).toBe(400)
  })

  it('answers 404 for an unknown inbox', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/inboxes/nope'],
      ['PATCH', '/api/v1/inboxes/nope'],
      ['DELETE', '/api/v1/inboxes/nope'],
      ['GET', '/api/v1/inboxes/nope/members'],
      ['POST', '/api/v1/inboxes/nope/members'],
    ] as const)
      expect((await api.call(method, path, { body: method === 'GET' || method === 'DELETE' ? undefined : {} })).status, `${method} ${path}`).toBe(404)
  })

  it('refuses non-admins on every inbox endpoint', async () => {
    await createSales()
    const bob = (await api.call('POST', '/api/v1/users/bob/token')).body.token as string
    expect((await api.call('GET', '/api/v1/inboxes', { token: bob })).status).toBe(403)
    expect((await api.call('GET', '/api/v1/inboxes/sales/members', { token: bob })).status).toBe(403)
    expect((await api.call('POST', '/api/v1/inboxes/sales/members', { token: bob, body: { add: ['bob'] } })).status).toBe(403)
    expect(api.access.directory.inboxes.sales!.members).toEqual([])
  })

  it('refuses deleting an inbox with open conversations unless forced, then removes its documents', async () => {
    await createSales(['alice'])
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'Sales', isDefault: true } })
    const conversation = await inboundTo('+447700900001')
    const refused = await api.call('DELETE', '/api/v1/inboxes/sales')
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('1 open conversation')
    expect(api.access.directory.inboxes.sales).toBeDefined()
    const forced = await api.call('DELETE', '/api/v1/inboxes/sales?force=true')
    expect(forced.body).toEqual({ removed: 'sales' })
    expect(api.hub.removed).toEqual([`conversation/${conversation}`, 'inbox/sales'])
    expect(api.access.directory.policies[0]!.defaultInbox).toBeNull()
  })
})

describe('membership', () => {
  it('adds and removes members as one change', async () => {
    await createSales(['alice'])
    const answer = await api.call('POST', '/api/v1/inboxes/Sales/members', { body: { add: ['bob'], remove: ['alice'] } })
    expect(answer.status).toBe(200)
    expect(answer.body.members.map((u: { id: string }) => u.id)).toEqual(['bob'])
    expect(answer.body.added).toEqual(['bob'])
    expect(answer.body.removed).toEqual(['alice'])
    expect((await api.call('GET', '/api/v1/inboxes/sales/members')).body.map((u: { id: string }) => u.id)).toEqual(['bob'])
  })

  it('refuses an unlicensed or unknown user with no partial change', async () => {
    await createSales(['alice'])
    const answer = await api.call('POST', '/api/v1/inboxes/sales/members', { body: { add: ['bob', 'nolicence', 'ghost'], remove: ['alice'] } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.problems).toHaveLength(2)
    expect(answer.body.error.message).toContain('`nolicence` holds no digital licence')
    expect(answer.body.error.message).toContain('`ghost` does not exist')
    expect(api.access.directory.inboxes.sales!.members).toEqual(['alice'])
  })

  it('refuses a members body that is not lists of ids', async () => {
    await createSales()
    const answer = await api.call('POST', '/api/v1/inboxes/sales/members', { body: { add: 'bob' } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.message).toContain('`add` must be a list')
  })

  it('cuts off a removed member within a second: connections close and their open conversations are unassigned', async () => {
    await createSales(['alice', 'bob'])
    await api.call('POST', '/api/v1/routing/rules', { body: { address: '+15550100', toInbox: 'sales', isDefault: true } })
    const held = await inboundTo('+447700900001')
    const other = await inboundTo('+447700900002')
    const archived = await inboundTo('+447700900003')
    const clock = new HybridClock(Date.now)
    api.hub.clientChange('inbox/sales', 'alice', (doc) => {
      const inbox = new InboxDoc(doc)
      inbox.appendEvent(held, { id: 'e1', kind: 'claim', actor: 'alice', at: clock.tick(), saw: null })
      inbox.appendEvent(other, { id: 'e2', kind: 'claim', actor: 'bob', at: clock.tick(), saw: null })
      inbox.appendEvent(archived, { id: 'e3', kind: 'claim', actor: 'alice', at: clock.tick(), saw: null })
      inbox.appendEvent(archived, { id: 'e4', kind: 'archive', actor: 'alice', at: clock.tick(), saw: 'alice' })
    })
    api.hub.connect('alice', 'inbox/sales')
    api.hub.connect('alice', `conversation/${held}`)
    api.hub.connect('alice', 'org')
    const answer = await api.call('POST', '/api/v1/inboxes/sales/members', { body: { remove: ['alice'] } })
    expect(answer.status).toBe(200)
    // Read as soon as the answer is in: the connections were closed before the server answered, not later.
    const closed = api.hub.disconnected.filter((d) => d.user === 'alice')
    expect(closed.map((d) => d.doc).sort()).toEqual([`conversation/${held}`, 'inbox/sales'])
    for (const d of closed) {
      expect(d.code).toBe(CLOSE_CODES.forbidden)
      expect(d.reason).toContain('removed from inbox `Sales`')
    }
    expect(api.hub.isConnected('alice', 'org')).toBe(true)
    const inbox = new InboxDoc(api.hub.doc('inbox/sales'))
    const unassign = inbox.events(held).at(-1)!
    expect(unassign).toMatchObject({ kind: 'unassign', actor: 'system', saw: 'alice' })
    expect(inbox.state(held, () => true).assignee).toBeNull()
    expect(inbox.events(other).map((e) => e.kind)).toEqual(['claim'])
    expect(inbox.events(archived).map((e) => e.kind)).toEqual(['claim', 'archive'])
    const alice = api.access.directory.users.alice!
    await expect(api.access.authorize(alice, { kind: 'inbox', id: 'sales' })).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('also closes a connection that registers just after the change', async () => {
    await createSales(['alice'])
    await api.call('POST', '/api/v1/inboxes/sales/members', { body: { remove: ['alice'] } })
    // A connection authorised a moment before the change, registering a moment after it.
    api.hub.connect('alice', 'inbox/sales')
    expect(api.hub.isConnected('alice', 'inbox/sales')).toBe(true)
    await until(() => !api.hub.isConnected('alice', 'inbox/sales'), 'the second pass closes the late connection')
  })

  it('cuts off a user whose last licence is dropped, from their inboxes and personal inbox', async () => {
    await createSales(['alice'])
    api.hub.connect('alice', 'inbox/sales')
    api.hub.connect('alice', 'personal/alice')
    const answer = await api.call('PATCH', '/api/v1/users/alice', { body: { licences: [] } })
    expect(answer.status).toBe(200)
    expect(api.access.directory.inboxes.sales!.members).toEqual([])
    expect(api.hub.disconnected.map((d) => d.doc).sort()).toEqual(['inbox/sales', 'personal/alice'])
  })
})
