import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HuddleError } from '../../../core/errors.js'
import { Database } from '../../../server/store/database.js'
import { makeTempFolder } from './store-fixtures.js'

describe('Database', () => {
  let folder: Awaited<ReturnType<typeof makeTempFolder>>
  beforeEach(async () => {
    folder = await makeTempFolder()
  })
  afterEach(() => folder.remove())

  it('creates a missing data folder', async () => {
    const db = await Database.open(join(folder.path, 'nested', 'data'))
    await db.records.batch([{ type: 'put', key: 'org', value: 'acme' }])
    expect(await db.records.get('org')).toBe('acme')
    await db.close()
  })

  it('keeps documents and records when reopened', async () => {
    const first = await Database.open(folder.path)
    await first.documents.append('org', new Uint8Array([1, 2]))
    await first.records.batch([{ type: 'put', key: 'token/abc', value: { user: 'alice' } }])
    await first.close()
    const second = await Database.open(folder.path)
    expect(await second.documents.load('org')).toEqual({ updates: [new Uint8Array([1, 2])], lastSeq: 1, pending: 1 })
    expect(await second.records.get('token/abc')).toEqual({ user: 'alice' })
    await second.close()
  })

  it('refuses a data folder another server holds, saying what to do', async () => {
    const running = await Database.open(folder.path)
    const refusal = Database.open(folder.path)
    await expect(refusal).rejects.toBeInstanceOf(HuddleError)
    await expect(refusal).rejects.toMatchObject({ code: 'storage', message: expect.stringMatching(/in use by another running huddle server\. Stop that server/) })
    await running.close()
    const next = await Database.open(folder.path)
    await next.close()
  })

  it('reports a data folder that cannot be created', async () => {
    const file = join(folder.path, 'a-file')
    await writeFile(file, 'not a folder')
    await expect(Database.open(join(file, 'data'))).rejects.toMatchObject({ code: 'storage', message: expect.stringContaining(`\`${join(file, 'data')}\``) })
  })

  it('finishes queued appends before closing', async () => {
    const db = await Database.open(folder.path)
    const appended = [db.documents.append('inbox/a', new Uint8Array([1])), db.documents.append('inbox/a', new Uint8Array([2]))]
    await db.close()
    expect(await Promise.all(appended)).toEqual([1, 2])
    await expect(db.documents.append('inbox/a', new Uint8Array([3]))).rejects.toMatchObject({ code: 'storage' })
    const reopened = await Database.open(folder.path)
    expect(await reopened.documents.load('inbox/a')).toMatchObject({ lastSeq: 2 })
    await reopened.close()
  })
})
