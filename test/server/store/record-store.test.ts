import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RecordOp, RecordStore } from '../../../server/store/record-store.js'
import { RECORD_STORES } from './store-fixtures.js'
import type { OpenedStore } from './store-fixtures.js'

describe.each(RECORD_STORES)('$name', (kind) => {
  let opened: OpenedStore<RecordStore>
  let store: RecordStore
  beforeEach(async () => {
    opened = await kind.open()
    store = opened.store
  })
  afterEach(() => opened.close())

  it('reads a missing record as undefined', async () => {
    expect(await store.get('user/nobody')).toBeUndefined()
  })

  it('returns what was put as JSON, unaffected by later changes to the original', async () => {
    const value = { id: 'alice', licences: ['sms', 'chat'], admin: true, limit: null }
    await store.batch([{ type: 'put', key: 'user/alice', value }])
    value.licences.push('whatsapp')
    expect(await store.get('user/alice')).toEqual({ id: 'alice', licences: ['sms', 'chat'], admin: true, limit: null })
  })

  it('lists the records under a prefix in key order and none of their neighbours', async () => {
    await store.batch(
      ['user/carol', 'user/alice', 'users/x', 'user', 'usera', 'user/bob', 'token/abc'].map((key) => ({ type: 'put', key, value: key })),
    )
    expect(await store.list('user/')).toEqual([
      { key: 'user/alice', value: 'user/alice' },
      { key: 'user/bob', value: 'user/bob' },
      { key: 'user/carol', value: 'user/carol' },
    ])
    expect((await store.list('')).map((entry) => entry.key)).toEqual(['token/abc', 'user', 'user/alice', 'user/bob', 'user/carol', 'usera', 'users/x'])
    expect(await store.list('nothing/')).toEqual([])
  })

  it('applies puts and deletes of one batch together', async () => {
    await store.batch([
      { type: 'put', key: 'inbox/sales', value: { name: 'Sales' } },
      { type: 'put', key: 'inbox-name/sales', value: 'sales' },
    ])
    await store.batch([
      { type: 'del', key: 'inbox-name/sales' },
      { type: 'put', key: 'inbox-name/leads', value: 'sales' },
      { type: 'put', key: 'inbox/sales', value: { name: 'Leads' } },
    ])
    expect(await store.list('inbox')).toEqual([
      { key: 'inbox-name/leads', value: 'sales' },
      { key: 'inbox/sales', value: { name: 'Leads' } },
    ])
  })

  it('writes nothing of a batch that holds an invalid operation, and names every problem', async () => {
    await store.batch([{ type: 'put', key: 'user/alice', value: 1 }])
    const ops = [
      { type: 'put', key: 'user/alice', value: 2 },
      { type: 'put', key: 'user/bob', value: 3 },
      { type: 'put', key: undefined, value: 4 },
      { type: 'put', key: 'user/carol', value: 10n },
    ] as unknown as RecordOp[]
    const refusal = store.batch(ops)
    await expect(refusal).rejects.toMatchObject({ code: 'invalid', problems: [expect.stringContaining('Operation 3'), expect.stringContaining('Operation 4')] })
    expect(await store.list('user/')).toEqual([{ key: 'user/alice', value: 1 }])
  })

  it('refuses a value that is not JSON', async () => {
    await expect(store.batch([{ type: 'put', key: 'user/alice', value: undefined }])).rejects.toMatchObject({ code: 'invalid' })
    expect(await store.get('user/alice')).toBeUndefined()
  })

  it('refuses reads and writes after it is closed', async () => {
    await store.close()
    await expect(store.get('user/alice')).rejects.toMatchObject({ code: 'storage' })
    await expect(store.batch([{ type: 'del', key: 'user/alice' }])).rejects.toMatchObject({ code: 'storage' })
  })
})
