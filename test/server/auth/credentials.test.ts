import { describe, expect, it } from 'vitest'
import { Credentials } from '../../../server/auth/credentials.js'
import { generateToken, hashToken, TOKEN_PREFIX } from '../../../server/auth/token.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'

async function issued(credentials: Credentials, records: MemoryRecordStore, user: string, token?: string): Promise<string> {
  const result = await credentials.issue(user, token)
  await records.batch(result.ops)
  return result.token
}

describe('tokens', () => {
  it('are long random secrets with a recognisable prefix', () => {
    const a = generateToken()
    expect(a.startsWith(TOKEN_PREFIX)).toBe(true)
    expect(a.length).toBeGreaterThanOrEqual(TOKEN_PREFIX.length + 43)
    expect(generateToken()).not.toBe(a)
  })
})

describe('credentials', () => {
  it('finds the user of a token and stores only its hash', async () => {
    const records = new MemoryRecordStore()
    const credentials = new Credentials(records)
    const token = await issued(credentials, records, 'alice')
    expect(await credentials.lookup(token)).toBe('alice')
    const stored = JSON.stringify(await records.list(''))
    expect(stored).not.toContain(token)
    expect(stored).toContain(hashToken(token))
  })

  it('revokes the old token when a new one is issued', async () => {
    const records = new MemoryRecordStore()
    const credentials = new Credentials(records)
    const old = await issued(credentials, records, 'alice')
    const fresh = await issued(credentials, records, 'alice')
    expect(await credentials.lookup(old)).toBeNull()
    expect(await credentials.lookup(fresh)).toBe('alice')
  })

  it('revokes a user’s token', async () => {
    const records = new MemoryRecordStore()
    const credentials = new Credentials(records)
    const token = await issued(credentials, records, 'alice')
    await records.batch(await credentials.revoke('alice'))
    expect(await credentials.lookup(token)).toBeNull()
    expect(await records.list('auth/')).toEqual([])
  })

  it('answers null for unknown, empty or absurd tokens', async () => {
    const credentials = new Credentials(new MemoryRecordStore())
    expect(await credentials.lookup('hud_unknown-token')).toBeNull()
    expect(await credentials.lookup('')).toBeNull()
    expect(await credentials.lookup('x'.repeat(10_000))).toBeNull()
  })

  it('keeps an operator-chosen token working when it is issued again', async () => {
    const records = new MemoryRecordStore()
    const credentials = new Credentials(records)
    await issued(credentials, records, 'admin', 'chosen-admin-token')
    await issued(credentials, records, 'admin', 'chosen-admin-token')
    expect(await credentials.lookup('chosen-admin-token')).toBe('admin')
  })
})
