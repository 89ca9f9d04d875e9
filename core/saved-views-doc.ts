/**
 * The saved views in a user's own settings document (`prefs/<userId>`,
 * docs/design.md, "Saved views"):
 *
 *   views: Y.Map<entryId, { name, filter, at }>     written by its owner only
 *
 * Every save or removal of a view is a new entry under a fresh id, stamped
 * with the writer's hybrid clock (`at`); a removal has `filter: null`. Per
 * name (compared as names are, core/names.ts) the entry with the latest
 * stamp wins, ties broken by entry id: last writer wins, offline too, since
 * entries under distinct ids never overwrite each other in the Y.Map. A
 * writer deletes the entries it supersedes, and removals older than
 * TOMBSTONE_KEEP_MS, so the map holds about one entry per view.
 */
import * as Y from 'yjs'
import { isDocId } from './doc-names.js'
import { isHlcString, parseHlc } from './hlc.js'
import { nameKey, nameProblems } from './names.js'
import { savedViewFilterProblems, type SavedViewFilter } from './saved-view-filter.js'
import { MAX_SAVED_VIEW_ENTRIES, savedViewsRefusal } from './sync-limits.js'

export const SAVED_VIEWS_ROOT = 'views'
export const MAX_VIEW_NAME = 40

/**
 * A removal is kept this long, so a save made earlier on a device still
 * offline loses to it when it comes in; a save older than that comes back.
 */
export const TOMBSTONE_KEEP_MS = 30 * 24 * 60 * 60_000

export type SavedViewEntry = { readonly name: string; readonly filter: SavedViewFilter | null; readonly at: string }

export type SavedView = { readonly name: string; readonly filter: SavedViewFilter; readonly at: string }

export function viewNameProblems(name: unknown): string[] {
  return nameProblems(name, 'View name', MAX_VIEW_NAME, '`Urgent SMS`')
}

/** Problems with a stored entry's shape, as sentences (empty: an entry). */
export function savedViewEntryProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a saved view must be an object']
  const record = value as Record<string, unknown>
  const field = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined)
  const extra = Object.keys(record).filter((key) => !['name', 'filter', 'at'].includes(key))
  return [
    ...extra.map((key) => `a saved view has no field \`${key}\``),
    ...viewNameProblems(field('name')),
    ...(field('filter') === null ? [] : savedViewFilterProblems(field('filter'))),
    ...(isHlcString(field('at')) ? [] : ['a saved view’s `at` must be a hybrid clock stamp']),
  ]
}

function isEntry(value: unknown): value is SavedViewEntry {
  return savedViewEntryProblems(value).length === 0
}

function isLater(a: readonly [string, SavedViewEntry], b: readonly [string, SavedViewEntry]): boolean {
  return a[1].at > b[1].at || (a[1].at === b[1].at && a[0] > b[0])
}

/** The winning entry of every name (removals included), by name key. */
function winners(entries: Iterable<readonly [string, SavedViewEntry]>): Map<string, readonly [string, SavedViewEntry]> {
  const won = new Map<string, readonly [string, SavedViewEntry]>()
  for (const entry of entries) {
    const key = nameKey(entry[1].name)
    const held = won.get(key)
    if (held === undefined || isLater(entry, held)) won.set(key, entry)
  }
  return won
}

/** The views the entries leave (removed ones not), by name. */
export function foldSavedViews(entries: Iterable<readonly [string, SavedViewEntry]>): SavedView[] {
  const views: SavedView[] = []
  for (const [, { name, filter, at }] of winners(entries).values()) if (filter !== null) views.push({ name, filter, at })
  return views.sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1))
}

/**
 * The entry ids a writer deletes along with writing one for `name` at
 * physical time `now`: the entries of that name, removals older than
 * TOMBSTONE_KEEP_MS, and then the oldest removals while the map would hold
 * more than MAX_SAVED_VIEW_ENTRIES.
 */
function supersededEntries(entries: readonly (readonly [string, SavedViewEntry])[], name: string, now: number): string[] {
  const key = nameKey(name)
  const gone = new Set(entries.filter(([, e]) => nameKey(e.name) === key || (e.filter === null && parseHlc(e.at).ms < now - TOMBSTONE_KEEP_MS)).map(([id]) => id))
  const removals = entries.filter(([id, e]) => e.filter === null && !gone.has(id)).sort((a, b) => (isLater(a, b) ? 1 : -1))
  for (const [id] of removals) {
    if (entries.length - gone.size < MAX_SAVED_VIEW_ENTRIES) break
    gone.add(id)
  }
  return [...gone]
}

export class SavedViewsDoc {
  readonly views: Y.Map<unknown>

  constructor(readonly doc: Y.Doc) {
    this.views = doc.getMap(SAVED_VIEWS_ROOT)
  }

  /** Every well-formed entry, with its id. */
  entries(): (readonly [string, SavedViewEntry])[] {
    const found: (readonly [string, SavedViewEntry])[] = []
    for (const [id, value] of this.views.entries()) if (isDocId(id) && isEntry(value)) found.push([id, value])
    return found
  }

  list(): SavedView[] {
    return foldSavedViews(this.entries())
  }

  find(name: string): SavedView | null {
    return this.list().find((view) => nameKey(view.name) === nameKey(name)) ?? null
  }

  /**
   * Records a save or removal (`filter: null`) as `entry` under the fresh id
   * `id`, deleting what it supersedes (see `supersededEntries`; `now` is the
   * physical time). Throws the limit's refusal, changing nothing, when it
   * would leave more views or entries than allowed.
   */
  record(id: string, entry: SavedViewEntry, now: number): void {
    const entries = this.entries()
    const superseded = supersededEntries(entries, entry.name, now)
    const kept = entries.filter(([key]) => !superseded.includes(key))
    const refusal = savedViewsRefusal(foldSavedViews([...kept, [id, entry]]).length, kept.length + 1)
    if (refusal) throw refusal
    for (const old of superseded) this.views.delete(old)
    this.views.set(id, entry)
  }
}
