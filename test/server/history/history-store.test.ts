import { Level } from 'level'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { HistoryRecord } from '../../../core/history.js'
import { HistoryStore } from '../../../server/history/history-store.js'
import { LevelHandle } from '../../../server/store/level-handle.js'
import { LevelRecordStore } from '../../../server/store/level-record-store.js'
import { makeSummary } from '../../helpers/core-fixtures.js'
import { makeTempFolder } from '../store/store-fixtures.js'

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

function record(id: string, assignee: string | null): HistoryRecord {
  const archive = { id: `${id}-e1`, kind: 'archive' as const, actor: 'alice', at: '2026-11-01T10:00:00.000Z-0000-alice', saw: null }
  return { ...makeSummary(id), inbox: 'inbox/sales', status: 'archived', assignee, archivedStamp: archive.at, events: [archive] }
}

it('tells its listeners of every record written or removed, once stored (the search index follows them)', async () => {
  const store = new HistoryStore(new LevelRecordStore(new LevelHandle(db, folder.path, () => {})))
  const told: string[][] = []
  const stop = store.onChange((ids) => told.push([...ids]))
  await store.put([record('c1', null), record('c2', null)])
  expect(told).toEqual([['c1', 'c2']])
  expect((await store.get('c1'))?.assignee).toBeNull()
  await store.put([record('c1', 'bob')])
  await store.remove('c2')
  await store.remove('c-unknown')
  expect(told).toEqual([['c1', 'c2'], ['c1'], ['c2']])
  stop()
  await store.put([record('c3', null)])
  expect(told).toHaveLength(3)
})
