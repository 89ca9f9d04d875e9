import { readdir, readFile, writeFile } from 'node:fs/promises'
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
    expect(await second.documents.load('org')).toEqual({ updates: [new Uint8Array([1, 2])], lastSeq: 1, pending: 1, owners: new Map() })
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

  it('says loudly at open that LevelDB dropped a damaged part of its log', async () => {
    const first = await Database.open(folder.path)
    for (let i = 0; i < 200; i++) await first.records.batch([{ type: 'put', key: `record/${i}`, value: 'x'.repeat(200) }])
    // Stop without closing, as a crash would: the records stay in the log, not yet in a table.
    const logFile = (await readdir(folder.path)).find((name) => name.endsWith('.log'))!
    const bytes = await readFile(join(folder.path, logFile))
    await first.close()
    // Put the crash's log back with one record's bytes damaged in the middle.
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = bytes[middle]! ^ 0xff
    await writeFile(join(folder.path, logFile), bytes)
    const lines: string[] = []
    const second = await Database.open(folder.path, (line) => lines.push(line))
    await second.close()
    expect(lines).toEqual([expect.stringMatching(/^WARNING: LevelDB found its log damaged .* dropped part of it.*checksum mismatch/)])
  })

  it('says nothing at open when the log is whole', async () => {
    const first = await Database.open(folder.path)
    await first.records.batch([{ type: 'put', key: 'org', value: 'acme' }])
    await first.close()
    const lines: string[] = []
    const second = await Database.open(folder.path, (line) => lines.push(line))
    await second.close()
    expect(lines).toEqual([])
  })

  it('writes nothing after a failed write until it has reopened the database, then writes again', async () => {
    const lines: string[] = []
    const db = await Database.open(folder.path, (line) => lines.push(line))
    await db.documents.append('inbox/a', new Uint8Array([1]))
    const level = (db as unknown as { handle: { db: import('level').Level } }).handle.db
    const failDisk = (): never => {
      throw new Error('simulated disk failure')
    }
    level.hooks.prewrite.add(failDisk)
    await expect(db.documents.append('inbox/a', new Uint8Array([2]))).rejects.toMatchObject({ code: 'storage' })
    level.hooks.prewrite.delete(failDisk)
    expect(db.isWriteStopped()).toBe(true)
    expect(await db.documents.append('inbox/a', new Uint8Array([3]))).toBe(2)
    expect(db.isWriteStopped()).toBe(false)
    expect(lines).toEqual([expect.stringMatching(/^A write to the database failed \(.*simulated disk failure\); nothing more is written/), 'The database was reopened after a failed write; writes resume.'])
    expect(await db.records.get('nothing')).toBeUndefined()
    await db.close()
  })
})
