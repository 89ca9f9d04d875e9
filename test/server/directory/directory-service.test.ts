import { beforeEach, describe, expect, it } from 'vitest'
import { OrgDoc } from '../../../core/org-doc.js'
import type { User } from '../../../core/users.js'
import { DirectoryAccess } from '../../../server/directory/directory-access.js'
import { DirectoryService } from '../../../server/directory/directory-service.js'
import { SettingsStore } from '../../../server/directory/settings-store.js'
import { parseInbound } from '../../../core/inbound-message.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'
import { MemoryHub } from '../../helpers/memory-hub.js'
import { ADMIN_TOKEN, startServices, type Services } from '../http/api-fixture.js'

/** The directory's read side and its admin service over `records`, as the server wires them. */
async function openDirectory(records: MemoryRecordStore, hub: MemoryHub): Promise<{ settings: SettingsStore; access: DirectoryAccess; directory: DirectoryService }> {
  const settings = await SettingsStore.open(records)
  const access = new DirectoryAccess({ records, settings })
  return { settings, access, directory: await DirectoryService.open({ records, settings, access, hub }) }
}

describe('bootstrap', () => {
  it('creates the admin with every licence and a random token, shown once', async () => {
    const records = new MemoryRecordStore()
    const hub = new MemoryHub()
    const { access, directory } = await openDirectory(records, hub)
    const token = await directory.bootstrap()
    expect(token).toMatch(/^hud_/)
    expect(await access.authenticate(token!)).toEqual({ id: 'admin', name: 'Administrator', permission: 'admin', licences: ['chat', 'sms', 'whatsapp'] })
    expect(await directory.bootstrap()).toBeNull()
    expect(new OrgDoc(hub.doc('org')).read().users.admin?.permission).toBe('admin')
  })

  it('uses the token the operator chose and does not return it', async () => {
    const { access, directory } = await openDirectory(new MemoryRecordStore(), new MemoryHub())
    expect(await directory.bootstrap('operator-chosen-token')).toBeNull()
    expect((await access.authenticate('operator-chosen-token'))?.id).toBe('admin')
  })

  it('refuses a chosen token too short to be a secret', async () => {
    const { settings, directory } = await openDirectory(new MemoryRecordStore(), new MemoryHub())
    await expect(directory.bootstrap('abc')).rejects.toMatchObject({ code: 'invalid' })
    expect(settings.isEmpty()).toBe(true)
  })

  it('keeps the directory across a restart and republishes the org document', async () => {
    const records = new MemoryRecordStore()
    const first = await openDirectory(records, new MemoryHub())
    await first.directory.bootstrap(ADMIN_TOKEN)
    const admin = first.access.directory.users.admin!
    await first.directory.createInbox(admin, { name: 'Sales', description: 'secret plans' })
    const freshHub = new MemoryHub()
    const again = await openDirectory(records, freshHub)
    expect(again.access.directory).toEqual(first.access.directory)
    expect((await again.access.authenticate(ADMIN_TOKEN))?.id).toBe('admin')
    expect(new OrgDoc(freshHub.doc('org')).read().inboxes.sales?.name).toBe('Sales')
    expect(JSON.stringify(freshHub.doc('org').toJSON())).not.toContain('secret plans')
  })
})

describe('document access', () => {
  let s: Services
  let users: Record<string, User>
  let conversation: string

  beforeEach(async () => {
    s = await startServices()
    const admin = s.access.directory.users.admin!
    await s.directory.addUser(admin, { id: 'alice', name: 'Alice', licences: ['sms'] })
    await s.directory.addUser(admin, { id: 'bob', name: 'Bob', licences: ['sms'] })
    await s.directory.addUser(admin, { id: 'ned', name: 'Ned' })
    await s.directory.createInbox(admin, { name: 'Sales' })
    await s.directory.changeMembers(admin, 'sales', { add: ['alice'], remove: [] })
    await s.directory.addRule(admin, { address: '+15550100', conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true })
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
    const { token } = await s.directory.rotateToken(admin, 'bob')
    await s.directory.removeUser(admin, 'bob')
    expect(await s.access.authenticate(token)).toBeNull()
  })
})
