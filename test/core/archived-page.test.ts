import { describe, expect, it } from 'vitest'
import { archiveCursor, mergeArchivedPage, parseArchiveCursor } from '../../core/archived-page.js'
import { archivedStamp, isDueForHistory } from '../../core/history.js'
import { formatHlc } from '../../core/hlc.js'

const stamp = (ms: number): string => formatHlc({ ms, counter: 0 })
const row = (id: string, ms: number): { id: string; archivedStamp: string } => ({ id, archivedStamp: stamp(ms) })

describe('archived pages', () => {
  it('merges live rows and history rows newest archived first, the live row winning, with a cursor to the rest', () => {
    const live = [row('c-b', 50), row('c-d', 30)]
    const history = [row('c-d', 30), row('c-a', 40), row('c-c', 20)]
    const first = mergeArchivedPage(live, history, null, 2, false)
    expect(first.rows).toEqual([row('c-b', 50), row('c-a', 40)])
    expect(first.rows[0]).toBe(live[0])
    const second = mergeArchivedPage(live, history, parseArchiveCursor(first.next!), 2, false)
    expect(second.rows).toEqual([row('c-d', 30), row('c-c', 20)])
    expect(second.rows[0]).toBe(live[1])
    expect(second.next).toBeNull()
    // History said it holds more beyond the rows it sent: a cursor follows.
    expect(mergeArchivedPage(live, history, parseArchiveCursor(first.next!), 2, true).next).toBe(archiveCursor(row('c-c', 20)))
  })

  it('refuses a cursor it did not make, quoting it', () => {
    expect(() => parseArchiveCursor('last-week')).toThrow('Cursor `last-week` is not valid')
  })
})

describe('when a conversation is due for history', () => {
  const archive = (ms: number, id: string) => ({ id, kind: 'archive' as const, actor: 'alice', at: stamp(ms), saw: null })
  const unarchive = (ms: number, id: string) => ({ id, kind: 'unarchive' as const, actor: 'alice', at: stamp(ms), saw: null })

  it('counts from the archive that left it archived, and never when it is open', () => {
    const day = 86_400_000
    expect(archivedStamp([archive(1000, 'e1'), unarchive(2000, 'e2'), archive(3000, 'e3')], () => true)).toBe(stamp(3000))
    expect(archivedStamp([archive(1000, 'e1'), unarchive(2000, 'e2')], () => true)).toBeNull()
    expect(isDueForHistory(stamp(3000), 30, 3000 + 30 * day - 1)).toBe(false)
    expect(isDueForHistory(stamp(3000), 30, 3000 + 30 * day)).toBe(true)
    expect(isDueForHistory(stamp(3000), 0, 3000)).toBe(true)
    expect(isDueForHistory(null, 0, 3000)).toBe(false)
  })
})
