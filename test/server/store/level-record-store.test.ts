import { Level } from 'level'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LevelHandle } from '../../../server/store/level-handle.js'
import { LevelRecordStore } from '../../../server/store/level-record-store.js'
import { makeTempFolder } from './store-fixtures.js'

describe('LevelRecordStore', () => {
  let folder: Awaited<ReturnType<typeof makeTempFolder>>
  let db: Level
  beforeEach(async () => {
    folder = await makeTempFolder()
    db = new Level(folder.path)
    await db.open()
  })
  afterEach(async () => {
    await db.close()
    await folder.remove()
  })

  it('keeps its records after the database is reopened', async () => {
    await new LevelRecordStore(new LevelHandle(db, folder.path, () => {})).batch([{ type: 'put', key: 'org', value: { name: 'Acme' } }])
    await db.close()
    await db.open()
    expect(await new LevelRecordStore(new LevelHandle(db, folder.path, () => {})).get('org')).toEqual({ name: 'Acme' })
  })

  it('reports a failed write as a storage error and stores nothing of it', async () => {
    const store = new LevelRecordStore(new LevelHandle(db, folder.path, () => {}))
    const failDisk = (): never => {
      throw new Error('simulated disk failure')
    }
    db.hooks.prewrite.add(failDisk)
    await expect(
      store.batch([
        { type: 'put', key: 'user/alice', value: 1 },
        { type: 'put', key: 'user/bob', value: 2 },
      ]),
    ).rejects.toMatchObject({ code: 'storage', message: expect.stringContaining('Nothing was stored') })
    db.hooks.prewrite.delete(failDisk)
    expect(await store.list('user/')).toEqual([])
  })

  it('keeps its records apart from the documents in the same database', async () => {
    const store = new LevelRecordStore(new LevelHandle(db, folder.path, () => {}))
    await db.sublevel('documents').put('user/alice', 'not a record')
    await store.batch([{ type: 'put', key: 'user/bob', value: 'bob' }])
    expect(await store.list('')).toEqual([{ key: 'user/bob', value: 'bob' }])
  })
})
