/**
 * The documents of a replica and the views over them: `org` (who the user is,
 * their inboxes), each inbox with its folded view (answered from the view
 * cache until its document is loaded), and the conversation documents,
 * loaded on demand. Connections are not its business: it tells the client
 * when a document is loaded or changes.
 */
import type { AssignmentEvent } from '../../core/assignment-event.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { conversationDocName, inboxDocName, parseDocName, personalDocName } from '../../core/doc-names.js'
import { OrgDoc } from '../../core/org-doc.js'
import { decide, isInboxMember, type InboxAccess } from '../../core/permissions.js'
import { slaPolicyProblems, type SlaPolicy } from '../../core/sla-policy.js'
import type { User } from '../../core/users.js'
import type { ViewRow } from '../../core/view-rows.js'
import { emptyCounts, type View, type ViewCounts } from '../../core/views.js'
import type { HeldReply } from './client-types.js'
import { CachedInboxView, isViewCache, viewCacheOf } from './inbox-view-cache.js'
import { InboxView, type ConversationEntry, type ConversationRow } from './inbox-view.js'
import { LocalDoc } from './local-doc.js'
import { assignmentNotices, conversationNotices, wakeNotice, type Notice } from './merge-notices.js'
import { META, type ReplicaStore } from './replica-store.js'

export type InboxSlot = {
  readonly local: LocalDoc
  readonly view: InboxView
  /** Whether the replica's view cache for it matches the document (see inbox-view-cache.ts). */
  isCacheCurrent: boolean
}

export type DocumentEvents = {
  readonly onInboxLoaded: (name: string, local: LocalDoc) => void
  readonly onInboxChange: (name: string) => void
  readonly onConversationLoaded: (id: string, local: LocalDoc) => void
  readonly onConversationChange: (id: string) => void
  /** Assignment events loaded or received, for the clock to follow. */
  readonly onStamps: (events: readonly AssignmentEvent[]) => void
}

/** Updates appended since the last compaction above which closing compacts. */
const COMPACT_ON_CLOSE = 20

export class ReplicaDocuments {
  readonly orgDoc: OrgDoc
  readonly inboxes = new Map<string, InboxSlot>()
  readonly conversations = new Map<string, LocalDoc>()
  /** Conversation documents the replica holds, loaded or not. */
  readonly knownConversations = new Set<string>()
  /** Inboxes whose document is still loading, shown from the replica's view cache meanwhile. */
  private readonly cachedViews = new Map<string, CachedInboxView>()
  /** Inboxes whose document is still empty here, shown from the rows the server sent (the `view` frame) until it comes in. */
  private readonly servedViews = new Map<string, CachedInboxView>()
  private readonly loadingInboxes = new Map<string, Promise<void>>()
  private readonly loadingConversations = new Map<string, Promise<LocalDoc>>()
  private isClosed = false

  constructor(
    private readonly store: ReplicaStore,
    readonly org: LocalDoc,
    private readonly userId: () => string | null,
    /** The corrected clock, which decides whether a snoozed conversation is still asleep. */
    private readonly now: () => number,
    private readonly events: DocumentEvents,
  ) {
    this.orgDoc = new OrgDoc(org.doc)
  }

  /** Reads which documents the replica holds and the inboxes' view caches; answers the inbox documents to load. */
  async index(): Promise<string[]> {
    const names = await this.store.docNames()
    for (const name of names) {
      const ref = parseDocName(name)
      if (ref?.kind === 'conversation') this.knownConversations.add(ref.id)
    }
    const inboxes = new Set([...names.filter((n) => n.startsWith('inbox/') || n.startsWith('personal/')), ...this.memberships()])
    for (const name of inboxes) {
      const cache = await this.store.getMeta<unknown>(META.view(name))
      if (isViewCache(cache)) this.cachedViews.set(name, new CachedInboxView(name, cache.rows, this.userId, this.now))
    }
    return [...inboxes]
  }

  // ── loading ────────────────────────────────────────────────────────────

  loadInbox(name: string): Promise<void> {
    let loading = this.loadingInboxes.get(name)
    if (!loading) {
      loading = this.readInbox(name).finally(() => this.loadingInboxes.delete(name))
      this.loadingInboxes.set(name, loading)
    }
    return loading
  }

  private async readInbox(name: string): Promise<void> {
    const local = await LocalDoc.load(name, this.store)
    if (this.isClosed) return local.destroy()
    const view = new InboxView(name, local.doc, () => this.access(name), this.userId, this.now, this.events.onStamps)
    this.events.onStamps(view.allEvents())
    const slot: InboxSlot = { local, view, isCacheCurrent: this.cachedViews.has(name) }
    local.doc.on('update', () => {
      this.servedViews.delete(name)
      if (slot.isCacheCurrent) {
        // In the same write batch as the update itself: a cache on disk always matches the document.
        slot.isCacheCurrent = false
        this.store.deleteMeta(META.view(name))
      }
      this.events.onInboxChange(name)
    })
    this.inboxes.set(name, slot)
    this.cachedViews.delete(name)
    this.events.onInboxLoaded(name, local)
  }

  /** Shows the server's rows of an inbox until its document comes in; false when the replica holds some of it already. */
  serveView(name: string, rows: readonly ViewRow[]): boolean {
    const slot = this.inboxes.get(name)
    if (!slot || !slot.local.isEmpty()) return false
    this.servedViews.set(name, new CachedInboxView(name, rows, this.userId, this.now))
    return true
  }

  isLoading(): boolean {
    return this.loadingInboxes.size > 0
  }

  /** Resolves once every inbox document asked for is loaded. */
  async ready(): Promise<void> {
    while (this.loadingInboxes.size > 0) await Promise.allSettled([...this.loadingInboxes.values()])
  }

  /** A conversation's document, loaded from the replica (empty when it holds none yet). */
  conversation(id: string): Promise<LocalDoc> {
    const loaded = this.conversations.get(id)
    if (loaded) return Promise.resolve(loaded)
    let loading = this.loadingConversations.get(id)
    if (!loading) {
      loading = LocalDoc.load(conversationDocName(id), this.store).then((local) => {
        this.conversations.set(id, local)
        this.knownConversations.add(id)
        local.doc.on('update', () => this.events.onConversationChange(id))
        this.events.onConversationLoaded(id, local)
        return local
      })
      this.loadingConversations.set(id, loading)
      void loading.finally(() => this.loadingConversations.delete(id))
    }
    return loading
  }

  async loadAllConversations(): Promise<void> {
    await Promise.all([...this.knownConversations].map((id) => this.conversation(id)))
  }

  // ── the directory ──────────────────────────────────────────────────────

  me(): User | null {
    const id = this.userId()
    return id === null ? null : (this.orgDoc.users.get(id) ?? null)
  }

  userName(id: string): string {
    return this.orgDoc.users.get(id)?.name ?? id
  }

  /** The inbox documents the org document says the user works in. */
  memberships(): Set<string> {
    const wanted = new Set<string>()
    const id = this.userId()
    if (id === null) return wanted
    for (const inbox of this.orgDoc.inboxes.keys()) {
      const name = inboxDocName(inbox)
      if (isInboxMember(this.access(name), id)) wanted.add(name)
    }
    const me = this.me()
    if (me && decide(me, { kind: 'read-inbox', inbox: { kind: 'personal', owner: id } }).allowed) wanted.add(personalDocName(id))
    return wanted
  }

  /** How permissions see an inbox document, from the replica of `org`. */
  access(name: string): InboxAccess | null {
    const ref = parseDocName(name)
    if (ref?.kind === 'inbox') {
      const inbox = this.orgDoc.inboxes.get(ref.id)
      return inbox ? { kind: 'shared', name: inbox.name, members: inbox.members } : null
    }
    if (ref?.kind === 'personal') return { kind: 'personal', owner: ref.owner }
    return null
  }

  /** The SLA policy of an inbox document from the replica of `org` (null: none, or one this client cannot read). */
  slaPolicy(name: string): SlaPolicy | null {
    const ref = parseDocName(name)
    const policy = ref?.kind === 'inbox' ? this.orgDoc.inboxes.get(ref.id)?.sla : undefined
    return policy === undefined || slaPolicyProblems(policy).length > 0 ? null : policy
  }

  /** Forgets every folded state (membership decides who counts as assignee). */
  invalidateViews(): void {
    for (const slot of this.inboxes.values()) slot.view.invalidate()
  }

  // ── views ──────────────────────────────────────────────────────────────

  rows(inbox: string, view?: View): ConversationRow[] {
    return this.viewOf(inbox)?.rows(view) ?? []
  }

  counts(inbox: string): ViewCounts {
    return this.viewOf(inbox)?.counts() ?? emptyCounts()
  }

  /** The soonest time a snoozed conversation of any inbox wakes by its time (null: none will). */
  nextWake(): number | null {
    const times = [...new Set([...this.inboxes.keys(), ...this.cachedViews.keys(), ...this.servedViews.keys()])]
      .map((name) => this.viewOf(name)?.nextWake() ?? null)
      .filter((at): at is number => at !== null)
    return times.length > 0 ? Math.min(...times) : null
  }

  private viewOf(inbox: string): InboxView | CachedInboxView | undefined {
    return this.servedViews.get(inbox) ?? this.inboxes.get(inbox)?.view ?? this.cachedViews.get(inbox)
  }

  /** The loaded inbox among `inboxes` holding conversation `id`, with its entry. */
  locate(id: string, inboxes: Iterable<string>): { slot: InboxSlot; entry: ConversationEntry } | null {
    for (const name of inboxes) {
      const slot = this.inboxes.get(name)
      const entry = slot?.view.entry(id)
      if (slot && entry) return { slot, entry }
    }
    return null
  }

  conversationRow(id: string, inboxes: Iterable<string>): ConversationRow | null {
    for (const name of inboxes) {
      const slot = this.inboxes.get(name)
      const entry = slot?.view.entry(id)
      if (slot && entry) return slot.view.row(entry)
      const cached = (this.servedViews.get(name) ?? this.cachedViews.get(name))?.row(id)
      if (cached) return cached
    }
    return null
  }

  /** The `n` most recent conversations of every loaded inbox. */
  recent(n: number): Set<string> {
    const ids = new Set<string>()
    for (const slot of this.inboxes.values()) for (const id of slot.view.recent(n)) ids.add(id)
    return ids
  }

  heldReplies(me: string): HeldReply[] {
    const held: HeldReply[] = []
    for (const [id, local] of this.conversations) {
      const doc = new ConversationDoc(local.doc)
      const decisions = new Map(doc.decisions.toArray().map((d) => [d.message, d.decision] as const))
      for (const m of doc.messages.toArray()) {
        const delivery = doc.delivery.get(m.id)
        if (m.direction === 'out' && m.author === me && delivery?.status === 'held')
          held.push({ conversation: id, message: m.id, body: m.body, reason: delivery.reason ?? '', at: m.at, decision: decisions.get(m.id) ?? null })
      }
    }
    return held.sort((a, b) => a.at - b.at)
  }

  /** The notices the documents themselves tell (lost claims, take-overs, wakes, mentions, held replies). */
  notices(me: string, inboxes: Iterable<string>): Notice[] {
    const all: Notice[] = []
    for (const name of inboxes) {
      const slot = this.inboxes.get(name)
      if (!slot) continue
      const now = this.now()
      for (const entry of slot.view.entries()) {
        if (entry.state.history.length === 0) continue
        all.push(...assignmentNotices(name, entry.summary.id, entry.state, me))
        const woke = wakeNotice(name, entry.summary.id, entry.state, entry.summary.lastInboundAt, me, now)
        if (woke) all.push(woke)
      }
    }
    for (const [id, local] of this.conversations) all.push(...conversationNotices(id, new ConversationDoc(local.doc), me))
    return all
  }

  // ── removal ────────────────────────────────────────────────────────────

  /** The conversations of an inbox the replica may hold. */
  conversationsOf(name: string): Set<string> {
    const ids = new Set(this.inboxes.get(name)?.view.inbox.ids() ?? [])
    for (const [id, local] of this.conversations) if (new ConversationDoc(local.doc).readMeta()?.inbox === name) ids.add(id)
    return ids
  }

  /** Drops a conversation's document from memory and the replica. */
  dropConversation(id: string): void {
    this.conversations.get(id)?.destroy()
    this.conversations.delete(id)
    this.knownConversations.delete(id)
    this.store.removeDoc(conversationDocName(id))
  }

  /** Drops an inbox's document, view and view cache from memory and the replica. */
  dropInbox(name: string): void {
    const slot = this.inboxes.get(name)
    slot?.view.destroy()
    slot?.local.destroy()
    this.inboxes.delete(name)
    this.cachedViews.delete(name)
    this.servedViews.delete(name)
    this.store.removeDoc(name)
    this.store.deleteMeta(META.view(name))
  }

  /** Writes the view caches that changed, folds long logs, and lets every document go. */
  async close(): Promise<void> {
    this.isClosed = true
    await Promise.allSettled([...this.loadingInboxes.values(), ...this.loadingConversations.values()])
    for (const [name, slot] of this.inboxes) {
      if (!slot.isCacheCurrent && !slot.local.isEmpty()) this.store.putMeta(META.view(name), viewCacheOf(slot.view))
      slot.view.destroy()
    }
    for (const local of [this.org, ...[...this.inboxes.values()].map((s) => s.local), ...this.conversations.values()]) {
      if (local.appendedSinceCompaction() >= COMPACT_ON_CLOSE) local.compact()
      local.destroy()
    }
  }
}
