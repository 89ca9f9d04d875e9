/**
 * Search on the server (docs/design.md, "Search"): keeps the SQLite index (search-index.ts)
 * derived from the documents and answers queries for a user.
 *
 * - On start it rebuilds the index in the background when it is missing,
 *   stale or `--reindex` was asked for; searches meanwhile answer from what
 *   is built so far and say so (`rebuilding`).
 * - A stored update to `conversation/<id>` reindexes that conversation's
 *   messages and notes; a change of its facts in a catalog (assignment,
 *   status, activity, a move to history) updates its facts. Both are
 *   debounced per conversation, so a burst costs one reindex.
 * - Access is decided per inbox by core/permissions.ts and passed into the
 *   query as the list of inboxes the user may read.
 */
import type { Directory } from '../../core/directory.js'
import { inboxDocName, parseDocName, personalDocName } from '../../core/doc-names.js'
import { decide } from '../../core/permissions.js'
import type { SearchQuery } from '../../core/search-query.js'
import type { User } from '../../core/users.js'
import { inboxAccessOf } from '../directory/document-access.js'
import type { DocumentStore } from '../store/document-store.js'
import type { ConversationCatalog, ConversationFacts } from './conversation-catalog.js'
import { conversationEntries } from './conversation-entries.js'
import { KeyedDebounce } from './keyed-debounce.js'
import type { StoreListener } from './observed-store.js'
import type { SearchPage } from '../../core/search-hit.js'
import { SearchIndex } from './search-index.js'

export type SearchServiceDeps = {
  readonly dataDir: string
  /** The documents, to read conversations from. */
  readonly store: DocumentStore
  /** Subscribes to the documents' changes (ObservedStore.onChange). */
  readonly onStored: (listener: StoreListener) => () => void
  /** Where conversations' facts come from: live inboxes first, then history. */
  readonly catalogs: readonly ConversationCatalog[]
  readonly directory: () => Directory
  /** Throw the index away and build it anew (`huddle serve --reindex`). */
  readonly reindex?: boolean
  readonly debounceMs?: number
  readonly log: (line: string) => void
  readonly now: () => number
}

/** What a reindex of one conversation needs: its facts only, or its text too. */
type Work = 'facts' | 'full'

const REBUILD_BATCH = 200

export type SearchResults = SearchPage & { readonly rebuilding: boolean }

export class SearchService {
  private readonly debounce: KeyedDebounce<string, Work>
  private readonly unsubscribe: (() => void)[] = []
  private rebuilding = false
  /** Some change could not be indexed: the index is stale, to be rebuilt on the next start. */
  private hasFailed = false
  /** Resolves when the rebuild begun at start (if any) is done. */
  readonly ready: Promise<void>

  private constructor(
    private readonly deps: SearchServiceDeps,
    private readonly index: SearchIndex,
    isCurrent: boolean,
  ) {
    this.debounce = new KeyedDebounce<string, Work>(
      deps.debounceMs ?? 250,
      (a, b) => (a === 'full' || b === 'full' ? 'full' : 'facts'),
      (id, work) => this.reindex(id, work),
      (id, error) => {
        this.hasFailed = true
        deps.log(`Search could not index conversation ${id}: ${error instanceof Error ? error.message : String(error)}`)
      },
    )
    this.unsubscribe.push(
      deps.onStored((name, change) => {
        const ref = parseDocName(name)
        // A compaction leaves a conversation's text as it was.
        if (ref?.kind === 'conversation' && change !== 'compact') this.debounce.touch(ref.id, 'full')
      }),
      ...deps.catalogs.map((catalog) => catalog.onChange((ids) => ids.forEach((id) => this.debounce.touch(id, 'facts')))),
    )
    // Set now, not when the rebuild's turn comes: no search may pass for complete before it.
    this.rebuilding = !isCurrent
    this.ready = isCurrent ? Promise.resolve() : this.debounce.enqueue(() => this.rebuild())
    this.ready.catch((error: unknown) => deps.log(`Search index rebuild failed: ${error instanceof Error ? error.message : String(error)}`))
  }

  static open(deps: SearchServiceDeps): SearchService {
    const { index, isCurrent } = SearchIndex.open(deps.dataDir, { discard: deps.reindex === true })
    return new SearchService(deps, index, isCurrent)
  }

  /** One page of results for `user`: only conversations of inboxes they may read. */
  search(user: User, query: SearchQuery): SearchResults {
    const dir = this.deps.directory()
    const candidates = [...Object.keys(dir.inboxes).map(inboxDocName), personalDocName(user.id)]
    const readable = candidates.filter((inbox) => {
      const access = inboxAccessOf(dir, inbox)
      return access !== null && decide(user, { kind: 'read-inbox', inbox: access }).allowed
    })
    return { ...this.index.search(query, readable), rebuilding: this.rebuilding }
  }

  private async factsOf(id: string): Promise<ConversationFacts | null> {
    for (const catalog of this.deps.catalogs) {
      const facts = await catalog.facts(id)
      if (facts) return facts
    }
    return null
  }

  private async reindex(id: string, work: Work): Promise<void> {
    const facts = await this.factsOf(id)
    // No catalog holds it any more: the inbox was deleted, so is its index.
    if (facts === null) return this.index.removeConversation(id)
    if (work === 'facts' && this.index.has(id)) return this.index.putFacts(facts)
    this.index.putConversation(facts, await conversationEntries(this.deps.store, id))
  }

  private async rebuild(): Promise<void> {
    try {
      await this.build()
    } finally {
      this.rebuilding = false
    }
  }

  private async build(): Promise<void> {
    const started = this.deps.now()
    this.index.clear()
    let count = 0
    let batch: { facts: ConversationFacts; entries: Awaited<ReturnType<typeof conversationEntries>> }[] = []
    const flush = (): void => {
      const rows = batch
      this.index.batch(() => rows.forEach((row) => this.index.putConversation(row.facts, row.entries)))
      batch = []
    }
    for (const catalog of this.deps.catalogs) {
      for await (const facts of catalog.all()) {
        batch.push({ facts, entries: await conversationEntries(this.deps.store, facts.id) })
        count += 1
        if (batch.length >= REBUILD_BATCH) flush()
      }
    }
    flush()
    this.index.markBuilt()
    this.deps.log(`Search index built: ${count} conversations in ${((this.deps.now() - started) / 1000).toFixed(1)} s.`)
  }

  /** Indexes what is pending, then closes the index: clean (trusted on the next start) unless a change could not be indexed. */
  async close(): Promise<void> {
    for (const stop of this.unsubscribe) stop()
    await this.debounce.close()
    this.index.close(!this.hasFailed)
  }
}
