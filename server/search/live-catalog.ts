/**
 * The facts of live conversations, read from their inbox documents: the
 * conversation's entry (channel, contact, last activity) and its folded
 * assignment (status, assignee). It tells its listeners which conversations'
 * facts changed when an inbox document is stored, by comparing them with
 * the facts it last saw of that inbox.
 */
import type * as Y from 'yjs'
import type { Directory } from '../../core/directory.js'
import { inboxDocName, parseInboxRef, personalDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { isInboxMember } from '../../core/permissions.js'
import { hasDigitalLicence } from '../../core/users.js'
import { inboxOfConversation } from '../directory/conversation-index.js'
import { inboxAccessOf } from '../directory/document-access.js'
import type { DocumentStore } from '../store/document-store.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { ConversationCatalog, ConversationFacts } from './conversation-catalog.js'
import { KeyedDebounce } from './keyed-debounce.js'
import { readStored } from './stored-document.js'
import type { StoreListener } from './observed-store.js'

export type LiveCatalogDeps = {
  readonly hub: DocumentHub
  /** The documents, read directly once the hub is shutting down. */
  readonly store: DocumentStore
  readonly records: RecordStore
  readonly directory: () => Directory
  /** Subscribes to the documents' changes (ObservedStore.onChange). */
  readonly onStored: (listener: StoreListener) => () => void
  readonly debounceMs: number
  readonly log: (line: string) => void
}

/** Every inbox document of the organisation: the shared inboxes and each licensed user's personal one. */
export function inboxDocs(dir: Directory): string[] {
  return [...Object.keys(dir.inboxes).map(inboxDocName), ...Object.values(dir.users).filter(hasDigitalLicence).map((u) => personalDocName(u.id))]
}

export class LiveCatalog implements ConversationCatalog {
  private readonly listeners = new Set<(ids: readonly string[]) => void>()
  /** What was last seen of each inbox: conversation id → its facts as JSON. */
  private readonly seen = new Map<string, Map<string, string>>()
  private readonly debounce: KeyedDebounce<string, null>
  private readonly unsubscribe: () => void

  constructor(private readonly deps: LiveCatalogDeps) {
    this.debounce = new KeyedDebounce(
      deps.debounceMs,
      () => null,
      (inbox) => this.compare(inbox),
      (inbox, error) => deps.log(`Search could not read ${inbox}: ${error instanceof Error ? error.message : String(error)}`),
    )
    this.unsubscribe = deps.onStored((name) => {
      if (parseInboxRef(name) !== null) this.debounce.touch(name, null)
    })
  }

  async facts(id: string): Promise<ConversationFacts | null> {
    const inbox = await inboxOfConversation(this.deps.records, id)
    if (inbox === null) return null
    return (await this.readInbox(inbox, id))[0] ?? null
  }

  async *all(): AsyncIterable<ConversationFacts> {
    for (const inbox of inboxDocs(this.deps.directory())) {
      const facts = await this.readInbox(inbox)
      this.seen.set(inbox, new Map(facts.map((f) => [f.id, JSON.stringify(f)])))
      yield* facts
    }
  }

  onChange(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops following the inboxes, after telling listeners of what was pending. */
  async close(): Promise<void> {
    this.unsubscribe()
    await this.debounce.close()
  }

  /** The facts of every conversation of an inbox, or of only `only` (when it is there). */
  private async readInbox(inbox: string, only?: string): Promise<ConversationFacts[]> {
    const access = inboxAccessOf(this.deps.directory(), inbox)
    if (access === null) return []
    return this.read(inbox, (doc) => {
      const view = new InboxDoc(doc)
      const summaries = only === undefined ? view.summaries() : [view.summary(only)].filter((s) => s !== undefined)
      return summaries.map((s): ConversationFacts => {
        const { status, assignee } = view.assignment(s.id, (user) => isInboxMember(access, user))
        return {
          id: s.id,
          inbox,
          channel: s.channel,
          contact: s.contact,
          contactName: s.contactName,
          address: s.address,
          status,
          assignee,
          lastActivityAt: s.lastMessageAt,
        }
      })
    })
  }

  /**
   * Reads a document as the sync server holds it, or from the store once the
   * sync server is shutting down (its last writes, compactions included, are
   * still to be followed then).
   */
  private async read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    try {
      return await this.deps.hub.read(name, read)
    } catch (error) {
      if (!(error instanceof HuddleError) || error.code !== 'unavailable') throw error
      return readStored(this.deps.store, name, read)
    }
  }

  private async compare(inbox: string): Promise<void> {
    const before = this.seen.get(inbox) ?? new Map<string, string>()
    const now = new Map((await this.readInbox(inbox)).map((f) => [f.id, JSON.stringify(f)]))
    this.seen.set(inbox, now)
    const changed = [...now].filter(([id, json]) => before.get(id) !== json).map(([id]) => id)
    // Conversations that left this inbox (moved to history, or the inbox deleted).
    for (const id of before.keys()) if (!now.has(id)) changed.push(id)
    if (changed.length > 0) for (const listener of this.listeners) listener(changed)
  }
}
