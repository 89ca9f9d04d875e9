import { describe, expect, it } from 'vitest'
import { deferredAccess } from '../../../server/directory/deferred-access.js'

describe('deferred access', () => {
  it('answers unavailable until resolved, then asks the directory', async () => {
    const deferred = deferredAccess()
    await expect(deferred.access.authenticate('hud_x-token')).rejects.toMatchObject({ code: 'unavailable' })
    const alice = { id: 'alice', name: 'Alice', permission: 'basic', licences: [] } as const
    deferred.resolve({ authenticate: async () => alice, authorize: async () => ({ kind: 'org' }) })
    expect(await deferred.access.authenticate('hud_x-token')).toBe(alice)
    expect(await deferred.access.authorize(alice, { kind: 'org' })).toEqual({ kind: 'org' })
  })
})
