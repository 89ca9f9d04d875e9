/**
 * The saved views' merge: per name the latest stamp wins, whichever replica
 * wrote it and in whatever order replicas sync. The property prints its seed;
 * re-run a failure with HUDDLE_SEED=<seed> (HUDDLE_RUNS sets the runs).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { HybridClock, parseHlc } from '../../core/hlc.js'
import { nameKey } from '../../core/names.js'
import type { SavedViewFilter } from '../../core/saved-view-filter.js'
import { SavedViewsDoc, savedViewEntryProblems, TOMBSTONE_KEEP_MS, type SavedViewEntry } from '../../core/saved-views-doc.js'
import { MAX_SAVED_VIEWS } from '../../core/sync-limits.js'
import { propertySettings } from '../helpers/property-settings.js'
import { refusalOf, stampAt, T0 } from '../helpers/core-fixtures.js'

const ANY: SavedViewFilter = { inboxes: [], channels: [], labels: [], priorities: [], assignees: [], statuses: [], sla: [], text: null }
const MINE: SavedViewFilter = { ...ANY, statuses: ['mine'] }

/** An entry stamped `ms` after T0. */
function entry(name: string, filter: SavedViewFilter | null, ms: number): SavedViewEntry {
  return { name, filter, at: stampAt(ms) }
}

/** Records an entry stamped `ms` after T0, at that time. */
function record(views: SavedViewsDoc, id: string, name: string, filter: SavedViewFilter | null, ms: number): void {
  views.record(id, entry(name, filter, ms), T0 + ms)
}

describe('the saved views of one replica', () => {
  it('lists views by name, a later save of a name replacing it whatever its case, a removal removing it', () => {
    const views = new SavedViewsDoc(new Y.Doc())
    record(views, 'v-1', 'Mine', MINE, 0)
    record(views, 'v-2', 'Breached', { ...ANY, sla: ['breached'] }, 1)
    record(views, 'v-3', 'MINE', { ...MINE, channels: ['sms'] }, 2)
    expect(views.list().map((v) => [v.name, v.filter.channels])).toEqual([
      ['Breached', []],
      ['MINE', ['sms']],
    ])
    record(views, 'v-4', 'breached', null, 3)
    expect(views.list().map((v) => v.name)).toEqual(['MINE'])
    // The writer deleted what it superseded: one entry per name.
    expect([...views.views.keys()].sort()).toEqual(['v-3', 'v-4'])
  })

  it('forgets a removal after TOMBSTONE_KEEP_MS, on the next write', () => {
    const views = new SavedViewsDoc(new Y.Doc())
    record(views, 'v-1', 'Old', null, 0)
    record(views, 'v-2', 'New', MINE, 1)
    expect(views.views.has('v-1')).toBe(true)
    record(views, 'v-3', 'Other', MINE, TOMBSTONE_KEEP_MS + 1)
    expect(views.views.has('v-1')).toBe(false)
  })

  it(`refuses a view beyond the ${MAX_SAVED_VIEWS}th, changing nothing, and still replaces one`, () => {
    const views = new SavedViewsDoc(new Y.Doc())
    for (let i = 0; i < MAX_SAVED_VIEWS; i++) record(views, `v-${i}`, `View ${i}`, MINE, i)
    const refusal = refusalOf(() => record(views, 'v-x', 'One more', MINE, 100))
    expect(refusal.code).toBe('limit')
    expect(refusal.message).toContain(`more than the ${MAX_SAVED_VIEWS} one may keep`)
    expect(views.views.has('v-x')).toBe(false)
    record(views, 'v-y', 'View 3', ANY, 101)
    expect(views.list()).toHaveLength(MAX_SAVED_VIEWS)
  })

  it('ignores malformed entries when listing, and says what is wrong with them', () => {
    const views = new SavedViewsDoc(new Y.Doc())
    views.views.set('v-1', { name: 'Bad', filter: { statuses: 'mine' }, at: stampAt(T0) })
    views.views.set('v-2', { name: '', filter: MINE, at: 'yesterday' })
    expect(views.list()).toEqual([])
    expect(savedViewEntryProblems(views.views.get('v-1'))).toEqual(["a filter's `inboxes` must be a list of valid values", expect.stringContaining('`channels`'), expect.anything(), expect.anything(), expect.anything(), "a filter's `statuses` must be a list of valid values", expect.anything(), "a filter's `text` must be text or null"])
    expect(savedViewEntryProblems(views.views.get('v-2'))).toEqual([expect.stringContaining('View name'), 'a saved view’s `at` must be a hybrid clock stamp'])
  })
})

type Step =
  | { readonly kind: 'save'; readonly replica: number; readonly name: string; readonly filter: SavedViewFilter; readonly advance: number }
  | { readonly kind: 'remove'; readonly replica: number; readonly name: string; readonly advance: number }
  | { readonly kind: 'sync'; readonly from: number; readonly to: number }

const NAMES = ['Mine', 'mine', 'Breached', 'Refunds']
const FILTERS: SavedViewFilter[] = [ANY, MINE, { ...ANY, sla: ['breached'] }, { ...ANY, text: 'refund' }]
const REPLICAS = 3

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('save' as const), replica: fc.nat(REPLICAS - 1), name: fc.constantFrom(...NAMES), filter: fc.constantFrom(...FILTERS), advance: fc.nat(5000) }),
  fc.record({ kind: fc.constant('remove' as const), replica: fc.nat(REPLICAS - 1), name: fc.constantFrom(...NAMES), advance: fc.nat(5000) }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(REPLICAS - 1), to: fc.nat(REPLICAS - 1) }),
)

describe('saved views across the devices of one user', () => {
  it('converge, per name, on the latest save or removal by stamp, whatever the clocks and the order of syncing', () => {
    const settings = propertySettings('saved views convergence')
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: REPLICAS, maxLength: REPLICAS }), (steps, skews) => {
        let wall = T0
        const docs = skews.map(() => new SavedViewsDoc(new Y.Doc()))
        const clocks = skews.map((skew) => new HybridClock(() => wall + skew))
        const written: [string, SavedViewEntry][] = []
        steps.forEach((s, i) => {
          if (s.kind === 'sync') return Y.applyUpdate(docs[s.to]!.doc, Y.encodeStateAsUpdate(docs[s.from]!.doc))
          wall += s.advance
          const doc = docs[s.replica]!
          const clock = clocks[s.replica]!
          for (const [, seen] of doc.entries()) clock.observe(seen.at)
          const made = entry(s.name, s.kind === 'save' ? s.filter : null, 0)
          const stamped = { ...made, at: clock.tick() }
          doc.record(`v-${i}`, stamped, parseHlc(stamped.at).ms)
          written.push([`v-${i}`, stamped])
        })
        const everything = new Y.Doc()
        for (const doc of docs) Y.applyUpdate(everything, Y.encodeStateAsUpdate(doc.doc))
        for (const doc of docs) Y.applyUpdate(doc.doc, Y.encodeStateAsUpdate(everything))
        const latest = new Map<string, [string, SavedViewEntry]>()
        for (const w of written) {
          const held = latest.get(nameKey(w[1].name))
          if (!held || w[1].at > held[1].at || (w[1].at === held[1].at && w[0] > held[0])) latest.set(nameKey(w[1].name), w)
        }
        const expected = [...latest.values()].filter(([, e]) => e.filter !== null).map(([, e]) => ({ name: e.name, filter: e.filter, at: e.at }))
        const sorted = expected.sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1))
        for (const doc of docs) expect(doc.list()).toEqual(sorted)
      }),
      settings,
    )
  })
})
