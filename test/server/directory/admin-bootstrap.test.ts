import { describe, expect, it } from 'vitest'
import { OrgDoc } from '../../../core/org-doc.js'
import { MemoryHub } from '../../helpers/memory-hub.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'
import { openDirectory } from '../../helpers/open-directory.js'
import { ADMIN_TOKEN } from '../http/api-fixture.js'

describe('bootstrap', () => {
  it('creates the admin with every licence and a random token, shown once', async () => {
    const records = new MemoryRecordStore()
    const hub = new MemoryHub()
    const { access, admin } = await openDirectory(records, hub)
    const token = await admin.firstAdmin.bootstrap()
    expect(token).toMatch(/^hud_/)
    expect(await access.authenticate(token!)).toEqual({ id: 'admin', name: 'Administrator', permission: 'admin', licences: ['chat', 'sms', 'whatsapp'] })
    expect(await admin.firstAdmin.bootstrap()).toBeNull()
    expect(new OrgDoc(hub.doc('org')).read().users.admin?.permission).toBe('admin')
  })

  it('uses the token the operator chose and does not return it', async () => {
    const { access, admin } = await openDirectory(new MemoryRecordStore(), new MemoryHub())
    expect(await admin.firstAdmin.bootstrap('operator-chosen-token')).toBeNull()
    expect((await access.authenticate('operator-chosen-token'))?.id).toBe('admin')
  })

  it('refuses a chosen token too short to be a secret', async () => {
    const { settings, admin } = await openDirectory(new MemoryRecordStore(), new MemoryHub())
    await expect(admin.firstAdmin.bootstrap('abc')).rejects.toMatchObject({ code: 'invalid' })
    expect(settings.isEmpty()).toBe(true)
  })

  it('keeps the directory across a restart and republishes the org document', async () => {
    const records = new MemoryRecordStore()
    const first = await openDirectory(records, new MemoryHub())
    await first.admin.firstAdmin.bootstrap(ADMIN_TOKEN)
    const admin = first.access.directory.users.admin!
    await first.admin.inboxes.createInbox(admin, { name: 'Sales', description: 'secret plans' })
    const freshHub = new MemoryHub()
    const again = await openDirectory(records, freshHub)
    expect(again.access.directory).toEqual(first.access.directory)
    expect((await again.access.authenticate(ADMIN_TOKEN))?.id).toBe('admin')
    expect(new OrgDoc(freshHub.doc('org')).read().inboxes.sales?.name).toBe('Sales')
    expect(JSON.stringify(freshHub.doc('org').toJSON())).not.toContain('secret plans')
  })
})
