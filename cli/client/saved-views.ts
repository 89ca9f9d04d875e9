/**
 * The user's saved views on this replica: their settings document
 * (`prefs/<user>`, core/saved-views-doc.ts), loaded once the replica knows
 * whose it is, connected with the rest, and written like any action: applied
 * at once, tracked until the server acknowledges it. Offline it is read and
 * written all the same; another device of the user gets it when both sync.
 */
import { prefsDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { visibleText } from '../../core/names.js'
import type { SavedViewFilter } from '../../core/saved-view-filter.js'
import { SavedViewsDoc, viewNameProblems, type SavedView, type SavedViewEntry } from '../../core/saved-views-doc.js'
import { newId } from './client-actions.js'
import type { ClientClock } from './client-clock.js'
import { LocalDoc, type ChangeMark } from './local-doc.js'
import type { ReplicaStore } from './replica-store.js'

export class SavedViews {
  private local: LocalDoc | null = null
  private loading: Promise<LocalDoc> | null = null
  private user: string | null = null

  constructor(
    private readonly store: ReplicaStore,
    private readonly clock: ClientClock,
    /** The document is in (or was replaced): connect it, and tell subscribers. */
    private readonly onLoaded: (local: LocalDoc) => void,
    private readonly onChange: () => void,
  ) {}

  /** Loads `prefs/<user>` from the replica (once). */
  load(user: string): Promise<LocalDoc> {
    this.user = user
    this.loading ??= LocalDoc.load(prefsDocName(user), this.store).then((local) => {
      this.local = local
      for (const [, entry] of new SavedViewsDoc(local.doc).entries()) this.clock.observe(entry.at)
      local.doc.on('update', () => this.onChange())
      this.onLoaded(local)
      return local
    })
    return this.loading
  }

  /** The loaded document, for connecting. */
  get doc(): LocalDoc | null {
    return this.local
  }

  list(): SavedView[] {
    return this.local === null ? [] : new SavedViewsDoc(this.local.doc).list()
  }

  find(name: string): SavedView | null {
    return this.local === null ? null : new SavedViewsDoc(this.local.doc).find(name)
  }

  /** Saves (or replaces) the view `name`; returns the mark the acknowledgement must reach. */
  save(name: string, filter: SavedViewFilter): ChangeMark {
    const problems = viewNameProblems(name)
    if (problems.length > 0) throw new HuddleError('invalid', problems.join(' '))
    return this.write({ name: name.trim(), filter, at: '' })
  }

  /** Removes the view `name`, or says there is none. */
  remove(name: string): ChangeMark {
    const view = this.find(name)
    if (view === null)
      throw new HuddleError('not-found', `You have no saved view \`${visibleText(name)}\`. List yours with \`huddle view list\`.`)
    return this.write({ name: view.name, filter: null, at: '' })
  }

  /** Drops the replica's copy and loads the server's afresh (it refused a change here). */
  async reset(): Promise<void> {
    const { local, user } = this
    if (local === null || user === null) return
    this.local = null
    this.loading = null
    local.destroy()
    this.store.removeDoc(local.name)
    await this.load(user)
    this.onChange()
  }

  private write(entry: SavedViewEntry): ChangeMark {
    const local = this.local
    if (local === null) throw new HuddleError('unavailable', 'This computer has not yet learnt who you are from the server; connect once (`huddle sync`) and try again.')
    const doc = new SavedViewsDoc(local.doc)
    // Stamped after every entry seen here, so this one wins over what its writer saw.
    for (const [, seen] of doc.entries()) this.clock.observe(seen.at)
    const stamped = { ...entry, at: this.clock.tick() }
    return local.change(() => doc.record(newId('v-'), stamped, this.clock.now()))
  }
}
