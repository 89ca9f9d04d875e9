import { beforeEach, describe, expect, it } from 'vitest'
import { parseInbound } from '../../../core/inbound-message.js'
import type { User } from '../../../core/users.js'
import { DirectoryAccess } from '../../../server/directory/directory-access.js'
import { SettingsStore } from '../../../server/directory/settings-store.js'
import { ADMIN_TOKEN, startServices, type Services } from '../http/api-fixture.js'

describe('before the admin services exist', () => {
  it('answers from the stored settings, as the sync server asks it at start', async () => {
    const earlier = await startServices()
    await earlier.admin.inboxes.createInbox(earlier.access.directory.users.admin!, { name: 'Sales' })
    const access = new DirectoryAccess({ records: earlier.records, settings: await SettingsStore.open(earlier.records) })
    const admin = await access.authenticate(ADMIN_TOKEN)
    expect(admin?.id).toBe('admin')
    await expect(access.authorize(admin!, { kind: 'inbox', id: 'sales' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(access.inboxAccess('inbox/sales')).toEqual({ kind: 'shared', name: 'Sales', members: [] })
    await earlier.outbound.stop()
  })

  it('sees an admin change as soon as it is stored', async () => {
    const s = await startServices()
    const admin = s.access.directory.users.admin!
    await s.admin.inboxes.createInbox(admin, { name: 'Sales' })
    await s.admin.inboxes.changeMembers(admin, 'sales', { add: ['admin'], remove: [] })
    await expect(s.access.authorize(admin, { kind: 'inbox', id: 'sales' })).resolves.toMatchObject({ kind: 'inbox' })
    await s.outbound.stop()
  })
})

describe('document access', () => {
  let s: Services
  let users: Record<string, User>
  let conversation: string

  beforeEach(async () => {
    s = await startServices()
    const admin = s.access.directory.users.admin!
    await s.admin.users.addUser(admin, { id: 'alice', name: 'Alice', licences: ['sms'] })
    await s.admin.users.addUser(admin, { id: 'bob', name: 'Bob', licences: ['sms'] })
    await s.admin.users.addUser(admin, { id: 'ned', name: 'Ned' })
    await s.admin.inboxes.createInbox(admin, { name: 'Sales' })
    await s.admin.inboxes.changeMembers(admin, 'sales', { add: ['alice'], remove: [] })
    await s.admin.routing.addRule(admin, { address: '+15550100', conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true })
    conversation = (await s.inbound.receive(parseInbound({ channel: 'sms', from: '+447700900001', to: '+15550100', body: 'Hi' }, 'request'))).conversation!
    users = s.access.directory.users as Record<string, User>
  })

  const cases: Array<[string, string, 'org' | 'inbox' | 'personal' | 'conversation', string, string]> = [
    ['everyone reads the org document', 'ned', 'org', '', 'allowed'],
    ['a member opens their inbox', 'alice', 'inbox', 'sales', 'allowed'],
    ['a non-member is refused an inbox', 'bob', 'inbox', 'sales', 'forbidden'],
    ['an unknown inbox is not found', 'alice', 'inbox', 'nope', 'not-found'],
    ['an owner opens their personal inbox', 'bob', 'personal', 'bob', 'allowed'],
    ['nobody else opens a personal inbox', 'alice', 'personal', 'bob', 'forbidden'],
    ['an unlicensed user has no personal inbox', 'ned', 'personal', 'ned', 'forbidden'],
    ['a member opens a conversation of their inbox', 'alice', 'conversation', '*', 'allowed'],
    ['a non-member is refused a conversation', 'bob', 'conversation', '*', 'forbidden'],
    ['an unknown conversation is not found', 'alice', 'conversation', 'c-nope', 'not-found'],
  ]

  for (const [title, user, kind, id, outcome] of cases) {
    it(title, async () => {
      const ref =
        kind === 'org'
          ? ({ kind: 'org' } as const)
          : kind === 'personal'
            ? ({ kind, owner: id } as const)
            : ({ kind, id: id === '*' ? conversation : id } as const)
      const result = s.access.authorize(users[user]!, ref)
      if (outcome === 'allowed') await expect(result).resolves.toBeDefined()
      else await expect(result).rejects.toMatchObject({ code: outcome })
    })
  }

  it('grants a conversation with the inbox it lives in', async () => {
    const grant = await s.access.authorize(users.alice!, { kind: 'conversation', id: conversation })
    expect(grant).toEqual({ kind: 'conversation', inboxDoc: 'inbox/sales', inbox: { kind: 'shared', name: 'Sales', members: ['alice'] } })
  })

  it('authenticates a removed user’s token as nobody', async () => {
    const admin = s.access.directory.users.admin!
    const { token } = await s.admin.users.rotateToken(admin, 'bob')
    await s.admin.users.removeUser(admin, 'bob')
    expect(await s.access.authenticate(token)).toBeNull()
  })
})
