/**
 * The offline-first client: a local replica of the documents the user may
 * see (org, their inboxes, their personal inbox, the conversations they
 * opened and the most recent ones), kept in sync with the server while a
 * connection is up, read and changed locally whether or not it is.
 *
 * Used by the agent commands (open, act, wait for the acknowledgement, close)
 * and by the dashboard (subscriptions). See docs/design.md, "Client".
 */
import { randomBytes } from 'node:crypto'
import { buildAssignmentEvent, buildNote, buildReply, type ActionContext, type AssignmentRequest } from '../../core/actions.js'
import type { AssignmentEvent } from '../../core/assignment-event.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { conversationDocName, inboxDocName, parseDocName, personalDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { OrgDoc } from '../../core/org-doc.js'
import { authorize, type InboxAccess } from '../../core/permissions.js'
import { hasDigitalLicence, type User } from '../../core/users.js'
import { emptyCounts, type View, type ViewCounts } from '../../core/views.js'
import { CLOSE_CODES, type Rejection, type ServerHello } from '../../core/wire.js'
import { AckTracker, type ActionKind, type PendingAction } from './ack-tracker.js'
import { ClientClock } from './client-clock.js'
import { aggregateState, type ConnectionState } from './connection-state.js'
import { conversationDetail, type ConversationDetail } from './conversation-view.js'
import { DocLink, type Denial, type LinkStatus } from './doc-link.js'
import { InboxView, type ConversationEntry, type ConversationRow } from './inbox-view.js'
import { CachedInboxView, isViewCache, viewCacheOf } from './inbox-view-cache.js'
import { LocalDoc, type ChangeMark } from './local-doc.js'
import { assignmentNotices, conversationNotices, type Notice } from './merge-notices.js'
import { presenceOf, type PresenceEntry } from './presence.js'
import { META, type ReplicaStore } from './replica-store.js'
import { Topics } from './topics.js'

export type HuddleClientOptions = {
  /** The server's http(s) URL (for messages and the replica's identity). */
  readonly server: string
  /** `ws(s)://host:port/sync`. */
  readonly syncUrl: string
  readonly token: string
  /** The replica; the client closes it when it closes. */
  readonly store: ReplicaStore
  /** The version announced to the server (default: this huddle's). */
  readonly clientVersion?: string
  /** Conversations of each inbox kept for offline use besides those opened (default 50). */
  readonly recentPerInbox?: number
  /** Connect at once (default true); otherwise only the replica is read until `connect()`. */
  readonly connect?: boolean
  readonly maxBackoffMs?: number
  /** Delay of batched notifications (default 16 ms). */
  readonly batchMs?: number
  readonly wallClock?: () => number
  readonly WebSocket?: unknown
}

/** An inbox the user works in, with its view counts. */
export type InboxInfo = {
  /** Its document name: `inbox/<id>` or `personal/<user>`. */
  readonly doc: string
  /** The inbox id, or `@<user>` for a personal inbox. */
  readonly id: string
  readonly kind: 'shared' | 'personal'
  readonly name: string
  readonly members: readonly string[]
  readonly counts: ViewCounts
}

export type InboxSnapshot = { readonly inbox: InboxInfo; readonly rows: readonly ConversationRow[]; readonly counts: ViewCounts }

/** What a command or the dashboard shows beside the data: connection and changes waiting to sync. */
export type ClientStatus = { readonly connection: ConnectionState; readonly pending: number }

export type ActionReceipt = {
  readonly id: string
  readonly kind: ActionKind
  readonly conversation: string
  /** Resolves once the server has durably stored the change. */
  readonly acknowledged: Promise<void>
}

export type HeldReply = {
  readonly conversation: string
  readonly message: string
  readonly body: string
  readonly reason: string
  readonly at: number
  /** A decision already taken here, waiting for the server. */
  readonly decision: 'send' | 'discard' | null
}

export type SyncReport = {
  readonly connection: ConnectionState
  /** Actions the server acknowledged during this sync. */
  readonly acknowledged: number
  /** Actions still waiting. */
  readonly pending: number
  /** Conversation documents fetched or refreshed. */
  readonly conversations: number
  /** Conversation documents dropped from the replica by retention. */
  readonly evicted: number
}

export type ConversationHandle = {
  readonly id: string
  /** Tells the others whether this user is typing a reply or note. */
  setTyping(isTyping: boolean): void
  /** Stops showing presence and lets the conversation's connection go. */
  close(): void
}

type InboxSlot = {
  readonly local: LocalDoc
  readonly view: InboxView
  /** Whether the replica's view cache for it matches the document (see inbox-view-cache.ts). */
  isCacheCurrent: boolean
}

export const DEFAULT_RECENT_PER_INBOX = 50

const ACTION_NAMES: Readonly<Record<ActionKind, string>> = {
  claim: 'claim',
  takeover: 'take-over',
  assign: 'assignment',
  unassign: 'unassignment',
  archive: 'archiving',
  unarchive: 'unarchiving',
  reply: 'reply',
  note: 'note',
  'send-held': 'decision to send a held reply',
  'discard-held': 'decision to discard a held reply',
}

/** How long a conversation stays connected after its last change was acknowledged. */
const LINGER_MS = 10_000

/** Updates appended since the last compaction above which closing compacts. */
const COMPACT_ON_CLOSE = 20

function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').toLowerCase()}`
}

export class HuddleClient {
  private readonly topics: Topics
  private readonly orgDoc: OrgDoc
  private readonly inboxes = new Map<string, InboxSlot>()
  /** Inboxes whose document is still loading, shown from the replica's view cache meanwhile. */
  private readonly cachedViews = new Map<string, CachedInboxView>()
  private readonly conversations = new Map<string, LocalDoc>()
  private readonly loading = new Map<string, Promise<LocalDoc>>()
  private readonly knownConversations = new Set<string>()
  private readonly links = new Map<string, DocLink>()
  /** Why conversation documents stay connected: open handles and a running sync. */
  private readonly holds = new Map<string, number>()
  private readonly opened = new Set<string>()
  private readonly reported = new Set<string>()
  private readonly eventNotices = new Map<string, Notice>()
  /** Inboxes the server refused this session, not reconnected until the org lists the user again. */
  private readonly deniedInboxes = new Set<string>()
  private membership = new Set<string>()
  private user: string | null
  private isConnecting = false
  private denial: Denial | null = null
  private settingUp = 0
  private offlineSince: number
  private lastState: ConnectionState
  private readonly waiters = new Set<{ check(): void; finish(): void }>()
  private isClosed = false
  private readonly recentPerInbox: number
  private syncedAt: number | null = null

  private constructor(
    private readonly options: HuddleClientOptions,
    private readonly store: ReplicaStore,
    private readonly clock: ClientClock,
    private readonly tracker: AckTracker,
    private readonly org: LocalDoc,
    user: string | null,
  ) {
    this.topics = new Topics(options.batchMs ?? 16)
    this.orgDoc = new OrgDoc(org.doc)
    this.user = user
    this.recentPerInbox = options.recentPerInbox ?? DEFAULT_RECENT_PER_INBOX
    this.offlineSince = this.wallNow()
    this.lastState = { kind: 'offline', since: this.offlineSince }
    this.tracker.onChange(() => this.topics.touch('status'))
    org.doc.on('update', () => this.onOrgChange())
  }

  /** Opens the replica in `options.store` and, unless told otherwise, connects. */
  static async open(options: HuddleClientOptions): Promise<HuddleClient> {
    const store = options.store
    const stored = await store.getMeta<string>(META.server)
    if (stored !== undefined && stored !== options.server)
      throw new HuddleError(
        'invalid',
        `This local copy belongs to the server ${stored}, not ${options.server}. Use another HUDDLE_HOME for each server.`,
      )
    if (stored === undefined) store.putMeta(META.server, options.server)
    const [clock, tracker, org, user] = await Promise.all([
      ClientClock.load(store, options.wallClock),
      AckTracker.load(store),
      LocalDoc.load('org', store),
      store.getMeta<string>(META.user),
    ])
    const client = new HuddleClient(options, store, clock, tracker, org, user ?? null)
    await client.loadReplica()
    if (options.connect !== false) client.connect()
    return client
  }

  private async loadReplica(): Promise<void> {
    for (const [key] of await this.store.listMeta(META.openedPrefix)) this.opened.add(key.slice(META.openedPrefix.length))
    for (const [key] of await this.store.listMeta(META.reportedPrefix)) this.reported.add(key.slice(META.reportedPrefix.length))
    for (const [, notice] of await this.store.listMeta<Notice>(META.eventPrefix)) this.eventNotices.set(notice.key, notice)
    this.syncedAt = (await this.store.getMeta<number>(META.syncedAt)) ?? null
    const names = await this.store.docNames()
    for (const name of names) {
      const ref = parseDocName(name)
      if (ref?.kind === 'conversation') this.knownConversations.add(ref.id)
    }
    const inboxNames = new Set([...names.filter((n) => n.startsWith('inbox/') || n.startsWith('personal/')), ...this.wantedInboxes()])
    for (const name of inboxNames) {
      const cache = await this.store.getMeta<unknown>(META.view(name))
      if (isViewCache(cache)) this.cachedViews.set(name, new CachedInboxView(name, cache, () => this.user))
    }
    this.membership = this.currentMembership()
    // Not awaited: until an inbox's document is in, its view cache answers lists and counts.
    for (const name of inboxNames) void this.loadInbox(name)
  }

  /** Resolves once every inbox document the client knows of is loaded from the replica. */
  async ready(): Promise<void> {
    while (this.loadingInboxes.size > 0) await Promise.allSettled([...this.loadingInboxes.values()])
  }

  // ── identity and the directory ─────────────────────────────────────────

  /** The user this replica belongs to (null until a server first said who the token is). */
  get userId(): string | null {
    return this.user
  }

  /** The user's directory entry, from the replica of `org`. */
  me(): User | null {
    return this.user === null ? null : (this.orgDoc.users.get(this.user) ?? null)
  }

  /** A user's display name, or their id when unknown. */
  userName(id: string): string {
    return this.orgDoc.users.get(id)?.name ?? id
  }

  private wantedInboxes(): Set<string> {
    const wanted = new Set<string>()
    if (this.user === null) return wanted
    for (const inbox of this.orgDoc.inboxes.values()) if (inbox.members.includes(this.user)) wanted.add(inboxDocName(inbox.id))
    const me = this.me()
    if (me && hasDigitalLicence(me)) wanted.add(personalDocName(me.id))
    return wanted
  }

  private currentMembership(): Set<string> {
    return this.wantedInboxes()
  }

  /** How permissions see an inbox document, from the replica of `org`. */
  private access(name: string): InboxAccess | null {
    const ref = parseDocName(name)
    if (ref?.kind === 'inbox') {
      const inbox = this.orgDoc.inboxes.get(ref.id)
      return inbox ? { kind: 'shared', name: inbox.name, members: inbox.members } : null
    }
    if (ref?.kind === 'personal') return { kind: 'personal', owner: ref.owner }
    return null
  }

  private onOrgChange(): void {
    const membership = this.currentMembership()
    // Added back after a removal: connecting again may now succeed.
    for (const name of membership) if (!this.membership.has(name)) this.deniedInboxes.delete(name)
    this.membership = membership
    for (const slot of this.inboxes.values()) slot.view.invalidate()
    void this.reconcileInboxes()
    this.topics.touchAll()
  }

  private async reconcileInboxes(): Promise<void> {
    const wanted = [...this.wantedInboxes()].filter((name) => !this.inboxes.has(name) && !this.deniedInboxes.has(name))
    if (wanted.length === 0) return
    this.settingUp++
    try {
      await Promise.all(wanted.map((name) => this.loadInbox(name)))
    } finally {
      this.settingUp--
      this.onLinkStatus()
    }
  }

  private loadingInboxes = new Map<string, Promise<void>>()

  private loadInbox(name: string): Promise<void> {
    let loading = this.loadingInboxes.get(name)
    if (!loading) {
      loading = (async () => {
        const local = await LocalDoc.load(name, this.store)
        if (this.isClosed) return local.destroy()
        const view = new InboxView(
          name,
          local.doc,
          () => this.access(name),
          () => this.user,
          (events) => this.observeStamps(events),
        )
        this.observeStamps(view.allEvents())
        const slot: InboxSlot = { local, view, isCacheCurrent: this.cachedViews.has(name) }
        local.doc.on('update', () => {
          if (slot.isCacheCurrent) {
            // In the same write batch as the update itself: a cache on disk always matches the document.
            slot.isCacheCurrent = false
            this.store.deleteMeta(META.view(name))
          }
          this.topics.touch('inboxes')
          this.topics.touch(`inbox:${name}`)
          this.topics.touch('notices')
          this.topics.touch('conversation:', true)
        })
        this.inboxes.set(name, slot)
        this.cachedViews.delete(name)
        if (this.isConnecting && !this.deniedInboxes.has(name)) this.link(local)
        this.topics.touch('inboxes')
      })().finally(() => this.loadingInboxes.delete(name))
      this.loadingInboxes.set(name, loading)
    }
    return loading
  }

  private observeStamps(events: readonly AssignmentEvent[]): void {
    for (const event of events) this.clock.observe(event.at)
  }

  // ── reads ──────────────────────────────────────────────────────────────

  /** The inboxes the user works in: their shared inboxes by name, then their personal inbox. */
  inboxList(): InboxInfo[] {
    const list: InboxInfo[] = []
    for (const name of this.membership) {
      const access = this.access(name)
      if (!access) continue
      const counts = this.counts(name)
      if (access.kind === 'shared') list.push({ doc: name, id: name.slice('inbox/'.length), kind: 'shared', name: access.name, members: access.members, counts })
      else list.push({ doc: name, id: `@${access.owner}`, kind: 'personal', name: 'Personal', members: [access.owner], counts })
    }
    return list.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'shared' ? -1 : 1))
  }

  /** An inbox by id, name (any case), `@user` or `personal`, or null. */
  findInbox(ref: string): InboxInfo | null {
    const wanted = ref.trim().toLocaleLowerCase('en')
    return (
      this.inboxList().find(
        (i) => i.id === ref || i.doc === ref || i.name.toLocaleLowerCase('en') === wanted || (i.kind === 'personal' && wanted === 'personal'),
      ) ?? null
    )
  }

  /** The rows of one inbox (by document name), of one view or all, newest first. */
  rows(inbox: string, view?: View): ConversationRow[] {
    return (this.inboxes.get(inbox)?.view ?? this.cachedViews.get(inbox))?.rows(view) ?? []
  }

  counts(inbox: string): ViewCounts {
    return (this.inboxes.get(inbox)?.view ?? this.cachedViews.get(inbox))?.counts() ?? emptyCounts()
  }

  inboxSnapshot(inbox: string, view?: View): InboxSnapshot | null {
    const info = this.inboxList().find((i) => i.doc === inbox)
    if (!info) return null
    return { inbox: info, rows: this.rows(inbox, view), counts: info.counts }
  }

  private locate(id: string): { slot: InboxSlot; entry: ConversationEntry } | null {
    for (const name of this.membership) {
      const slot = this.inboxes.get(name)
      const entry = slot?.view.entry(id)
      if (slot && entry) return { slot, entry }
    }
    return null
  }

  /** A conversation's row, or null when none of the user's inboxes holds it. */
  conversationRow(id: string): ConversationRow | null {
    const found = this.locate(id)
    if (found) return found.slot.view.row(found.entry)
    for (const name of this.membership) {
      const row = this.cachedViews.get(name)?.row(id)
      if (row) return row
    }
    return null
  }

  /** A conversation with its messages and notes if the replica holds them (see `loadConversation`). */
  conversation(id: string): ConversationDetail | null {
    const found = this.locate(id)
    if (!found) return null
    const local = this.conversations.get(id)
    return conversationDetail(found.slot.view.row(found.entry), found.entry, local ? new ConversationDoc(local.doc) : null)
  }

  /** Loads a conversation's document from the replica (connecting it when online), then describes it. */
  async loadConversation(id: string): Promise<ConversationDetail | null> {
    await this.ready()
    if (!this.locate(id)) return null
    await this.conversationLocal(id)
    return this.conversation(id)
  }

  /** Loads every conversation document the replica holds (for notices and held replies). */
  async loadAllConversations(): Promise<void> {
    await Promise.all([...this.knownConversations].map((id) => this.conversationLocal(id, false)))
  }

  /** Replies of the user the server held, among the conversations loaded. */
  heldReplies(): HeldReply[] {
    const me = this.user
    if (me === null) return []
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

  /** Notices not reported yet, oldest first. */
  notices(): Notice[] {
    const me = this.user
    if (me === null) return []
    const all: Notice[] = [...this.eventNotices.values()]
    for (const name of this.membership) {
      const slot = this.inboxes.get(name)
      if (!slot) continue
      for (const entry of slot.view.entries()) if (entry.state.history.length > 0) all.push(...assignmentNotices(name, entry.summary.id, entry.state, me))
    }
    for (const [id, local] of this.conversations) all.push(...conversationNotices(id, new ConversationDoc(local.doc), me))
    return all.filter((n) => !this.reported.has(n.key)).sort((a, b) => a.at - b.at)
  }

  /** Remembers notices as reported, so they are not shown again. */
  markReported(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.reported.has(key)) continue
      this.reported.add(key)
      this.store.putMeta(META.reported(key), this.wallNow())
      if (this.eventNotices.delete(key)) this.store.deleteMeta(META.event(key))
    }
    this.topics.touch('notices')
  }

  connectionState(): ConnectionState {
    return this.lastState
  }

  /** When this replica was last fully in sync with the server (null: never). */
  lastSyncedAt(): number | null {
    return this.syncedAt
  }

  pendingCount(): number {
    return this.tracker.count()
  }

  pendingActions(): PendingAction[] {
    return this.tracker.list()
  }

  status(): ClientStatus {
    return { connection: this.lastState, pending: this.tracker.count() }
  }

  /** The server-corrected time of this client. */
  now(): number {
    return this.clock.now()
  }

  // ── subscriptions (batched) ────────────────────────────────────────────

  onInboxes(listener: (inboxes: InboxInfo[]) => void): () => void {
    return this.topics.subscribe('inboxes', () => this.inboxList(), listener)
  }

  onInbox(inbox: string, listener: (snapshot: InboxSnapshot | null) => void, view?: View): () => void {
    return this.topics.subscribe(`inbox:${inbox}`, () => this.inboxSnapshot(inbox, view), listener)
  }

  onConversation(id: string, listener: (conversation: ConversationDetail | null) => void): () => void {
    return this.topics.subscribe(`conversation:${id}`, () => this.conversation(id), listener)
  }

  onPresence(id: string, listener: (present: PresenceEntry[]) => void): () => void {
    return this.topics.subscribe(`presence:${id}`, () => this.presence(id), listener)
  }

  onNotices(listener: (notices: Notice[]) => void): () => void {
    return this.topics.subscribe('notices', () => this.notices(), listener)
  }

  onStatus(listener: (status: ClientStatus) => void): () => void {
    return this.topics.subscribe('status', () => this.status(), listener)
  }

  presence(id: string): PresenceEntry[] {
    const link = this.links.get(conversationDocName(id))
    return link ? presenceOf(link.awareness, this.user) : []
  }

  // ── connections ────────────────────────────────────────────────────────

  /** Connects every inbox document (and conversations held open or with changes waiting). */
  connect(): void {
    if (this.isConnecting || this.denial || this.isClosed) return
    this.isConnecting = true
    this.link(this.org)
    for (const [name, slot] of this.inboxes) if (!this.deniedInboxes.has(name)) this.link(slot.local)
    for (const [id, local] of this.conversations) if (this.wantsLink(id)) this.link(local)
    // Changes made offline in a previous run, in conversations not loaded yet.
    for (const doc of this.tracker.docsWithPending()) {
      const ref = parseDocName(doc)
      if (ref?.kind === 'conversation') void this.conversationLocal(ref.id)
    }
    this.onLinkStatus()
  }

  /** Resolves once every connected document is in sync, the client is offline or denied, or `timeoutMs` passed. */
  async settle(timeoutMs: number): Promise<ConnectionState> {
    await this.ready()
    return this.waitFor(() => ['online', 'offline', 'denied'].includes(this.lastState.kind), timeoutMs).then(() => this.lastState)
  }

  /** Resolves with how many actions still wait once none does, the client is offline or denied, or `timeoutMs` passed. */
  async waitForAcks(timeoutMs: number): Promise<number> {
    await this.waitFor(() => this.tracker.count() === 0 || this.lastState.kind === 'offline' || this.lastState.kind === 'denied', timeoutMs)
    return this.tracker.count()
  }

  /** Whether the action was acknowledged within `timeoutMs`. */
  async waitForAck(receipt: ActionReceipt, timeoutMs: number): Promise<boolean> {
    await this.waitFor(() => !this.tracker.isPending(receipt.id) || this.lastState.kind === 'denied', timeoutMs)
    return !this.tracker.isPending(receipt.id)
  }

  private waitFor(isDone: () => boolean, timeoutMs: number): Promise<void> {
    if (isDone()) return Promise.resolve()
    return new Promise((resolve) => {
      const waiter = {
        check: (): void => {
          if (isDone()) waiter.finish()
        },
        finish: (): void => {
          clearTimeout(timer)
          this.waiters.delete(waiter)
          unsubscribe()
          resolve()
        },
      }
      const timer = setTimeout(waiter.finish, timeoutMs)
      const unsubscribe = this.tracker.onChange(waiter.check)
      this.waiters.add(waiter)
    })
  }

  /**
   * Brings everything up to date: every conversation the replica holds and
   * the most recent of each inbox are connected until in sync and every
   * waiting action is acknowledged; then retention drops what is not kept.
   */
  async syncEverything(timeoutMs = 10_000): Promise<SyncReport> {
    const before = this.tracker.count()
    this.connect()
    const first = await this.settle(timeoutMs)
    if (first.kind !== 'online' && first.kind !== 'syncing')
      return { connection: first, acknowledged: 0, pending: this.tracker.count(), conversations: 0, evicted: 0 }
    const ids = new Set(this.knownConversations)
    for (const slot of this.inboxes.values()) for (const id of slot.view.recent(this.recentPerInbox)) ids.add(id)
    let pending: number
    for (const id of ids) this.hold(id, +1)
    try {
      await Promise.all([...ids].map((id) => this.conversationLocal(id)))
      await this.settle(timeoutMs)
      pending = await this.waitForAcks(timeoutMs)
    } finally {
      for (const id of ids) this.hold(id, -1)
    }
    const connection = this.lastState
    const evicted = connection.kind === 'online' ? this.evict() : 0
    return { connection, acknowledged: Math.max(0, before - pending), pending, conversations: ids.size, evicted }
  }

  /** Loads every conversation the replica holds and, when online, brings them up to date. */
  async refreshConversations(timeoutMs = 3000): Promise<void> {
    await this.ready()
    await this.loadAllConversations()
    const state = this.lastState.kind
    if (!this.isConnecting || state === 'offline' || state === 'denied') return
    const ids = [...this.knownConversations]
    for (const id of ids) this.hold(id, +1)
    try {
      await Promise.all(ids.map((id) => this.conversationLocal(id)))
      await this.settle(timeoutMs)
    } finally {
      for (const id of ids) this.hold(id, -1)
    }
  }

  /** Opens a conversation for viewing: connects it and shows this user as present in it. */
  async openConversation(id: string): Promise<ConversationHandle> {
    await this.ready()
    if (!this.locate(id)) throw this.notFound(id)
    if (!this.opened.has(id)) {
      this.opened.add(id)
      this.store.putMeta(META.opened(id), this.wallNow())
    }
    this.hold(id, +1)
    await this.conversationLocal(id)
    const present = (typing: boolean): void => this.links.get(conversationDocName(id))?.awareness.setLocalState({ viewing: true, typing })
    present(false)
    let isOpen = true
    return {
      id,
      setTyping: (isTyping) => {
        if (isOpen) present(isTyping)
      },
      close: () => {
        if (!isOpen) return
        isOpen = false
        this.links.get(conversationDocName(id))?.awareness.setLocalState(null)
        this.hold(id, -1)
      },
    }
  }

  private hold(id: string, delta: number): void {
    const count = (this.holds.get(id) ?? 0) + delta
    if (count > 0) this.holds.set(id, count)
    else {
      this.holds.delete(id)
      this.releaseLink(conversationDocName(id))
    }
  }

  private wantsLink(id: string): boolean {
    return (this.holds.get(id) ?? 0) > 0 || this.tracker.docsWithPending().has(conversationDocName(id))
  }

  /** Lets a conversation's connection go once nothing needs it. */
  private releaseLink(name: string): void {
    const ref = parseDocName(name)
    if (ref?.kind !== 'conversation' || this.wantsLink(ref.id)) return
    const link = this.links.get(name)
    if (!link) return
    this.links.delete(name)
    link.destroy()
    this.onLinkStatus()
  }

  private async conversationLocal(id: string, shouldLink = true): Promise<LocalDoc> {
    let local = this.conversations.get(id)
    if (!local) {
      let loading = this.loading.get(id)
      if (!loading) {
        loading = LocalDoc.load(conversationDocName(id), this.store).then((loaded) => {
          this.conversations.set(id, loaded)
          this.knownConversations.add(id)
          loaded.doc.on('update', () => {
            this.topics.touch(`conversation:${id}`)
            this.topics.touch('notices')
          })
          return loaded
        })
        this.loading.set(id, loading)
        void loading.finally(() => this.loading.delete(id))
      }
      local = await loading
    }
    if (shouldLink && this.isConnecting && !this.links.has(local.name)) this.link(local)
    return local
  }

  private link(local: LocalDoc): void {
    if (this.links.has(local.name) || this.denial || this.isClosed) return
    const name = local.name
    const link = new DocLink(
      local,
      {
        syncUrl: this.options.syncUrl,
        token: this.options.token,
        ...(this.options.clientVersion === undefined ? {} : { clientVersion: this.options.clientVersion }),
        ...(this.options.maxBackoffMs === undefined ? {} : { maxBackoffMs: this.options.maxBackoffMs }),
        ...(this.options.WebSocket === undefined ? {} : { WebSocket: this.options.WebSocket }),
        wallClock: () => this.wallNow(),
      },
      // Nothing is recorded once closing began: the store is closing too.
      {
        onStatus: () => this.isClosed || this.onLinkStatus(),
        onHello: (hello, sentAt, receivedAt) => this.isClosed || this.onHello(link, hello, sentAt, receivedAt),
        onAck: (stateVector) => this.isClosed || this.onAck(name, stateVector),
        onRejected: (rejection) => this.isClosed || this.onRejected(name, rejection),
        onDenied: (denial) => this.isClosed || this.onDenied(name, denial),
      },
    )
    if (name.startsWith('conversation/')) link.awareness.on('change', () => this.topics.touch(`presence:${name.slice('conversation/'.length)}`))
    this.links.set(name, link)
    // A new connection is not in sync yet: the client is no longer `online`.
    this.onLinkStatus()
  }

  private onHello(link: DocLink, hello: ServerHello, sentAt: number, receivedAt: number): void {
    if (this.user === null) {
      this.user = hello.user
      this.store.putMeta(META.user, hello.user)
      this.onOrgChange()
    } else if (hello.user !== this.user) {
      link.refuse(
        `This local copy belongs to \`${this.user}\`, but the token is \`${hello.user}\`'s. Use another HUDDLE_HOME (or XDG_DATA_HOME) for \`${hello.user}\`.`,
      )
      return
    }
    this.clock.adjust(sentAt, hello.time, receivedAt)
  }

  private onAck(name: string, stateVector: Map<number, number>): void {
    const done = this.tracker.merge(name, stateVector)
    // Stay a while: the server answers a reply with its delivery status (queued, held…) just after storing it.
    if (done.length > 0)
      for (const doc of new Set(done.flatMap((a) => a.marks.map((m) => m.doc)))) setTimeout(() => this.isClosed || this.releaseLink(doc), LINGER_MS).unref()
  }

  private onRejected(name: string, rejection: Rejection): void {
    // The server refuses a whole update, and each update carries this document's waiting actions.
    const refused = this.tracker.list().filter((action) => action.marks.some((mark) => mark.doc === name))
    const what = refused.length === 0 ? `a change to ${name}` : refused.map((a) => `your ${ACTION_NAMES[a.kind]} in conversation ${a.conversation}`).join(', ')
    this.addEventNotice({ kind: 'rejected', key: `rejected:${name}:${refused[0]?.id ?? newId('')}`, doc: name, what, reason: rejection.message, at: this.clock.now() })
    this.resetDoc(name)
  }

  /** Replaces a document by the server's copy, undoing here what the server refused. */
  private resetDoc(name: string): void {
    const ref = parseDocName(name)
    this.links.get(name)?.destroy()
    this.links.delete(name)
    this.store.removeDoc(name)
    this.tracker.dropDoc(name)
    if (ref?.kind === 'conversation') {
      this.conversations.get(ref.id)?.destroy()
      this.conversations.delete(ref.id)
      if (this.wantsLink(ref.id)) void this.conversationLocal(ref.id)
      else this.knownConversations.delete(ref.id)
    } else if (ref?.kind === 'inbox' || ref?.kind === 'personal') {
      const slot = this.inboxes.get(name)
      slot?.view.destroy()
      slot?.local.destroy()
      this.inboxes.delete(name)
      this.store.deleteMeta(META.view(name))
      void this.loadInbox(name)
    }
    this.onLinkStatus()
    this.topics.touchAll()
  }

  private onDenied(name: string, denial: Denial): void {
    const ref = parseDocName(name)
    const isFinalForClient =
      ref?.kind === 'org' || denial.code === 0 || denial.code === CLOSE_CODES.unauthenticated || denial.code === CLOSE_CODES.unsupportedVersion
    if (isFinalForClient) {
      this.denial = denial
      for (const link of this.links.values()) link.destroy()
      this.links.clear()
      this.onLinkStatus()
      return
    }
    const isGone = denial.code === CLOSE_CODES.forbidden || denial.code === CLOSE_CODES.notFound
    if (isGone && (ref?.kind === 'inbox' || ref?.kind === 'personal')) this.removeInbox(name, denial.reason)
    else if (isGone && ref?.kind === 'conversation') this.removeConversation(ref.id)
    else this.addEventNotice({ kind: 'rejected', key: `denied:${newId('')}`, doc: name, what: `the connection to ${name}`, reason: denial.reason, at: this.clock.now() })
    this.onLinkStatus()
  }

  private onLinkStatus(): void {
    const statuses: LinkStatus[] = [...this.links.values()].map((l) => l.status)
    const next: ConnectionState = this.denial
      ? { kind: 'denied', code: this.denial.code, reason: this.denial.reason }
      : !this.isConnecting
        ? { kind: 'offline', since: this.offlineSince }
        : aggregateState(statuses, this.settingUp > 0 || this.loadingInboxes.size > 0, this.offlineSince)
    if (next.kind === 'online') this.noteInSync()
    if (next.kind === 'offline' && this.lastState.kind !== 'offline') {
      this.offlineSince = this.wallNow()
      this.lastState = { kind: 'offline', since: this.offlineSince }
    } else if (next.kind !== this.lastState.kind || next.kind === 'denied') this.lastState = next
    else return this.checkWaiters()
    this.topics.touch('status')
    this.checkWaiters()
  }

  private noteInSync(): void {
    const now = this.wallNow()
    if (this.syncedAt !== null && now - this.syncedAt < 1000) return
    this.syncedAt = now
    this.store.putMeta(META.syncedAt, now)
  }

  private checkWaiters(): void {
    for (const waiter of [...this.waiters]) waiter.check()
  }

  // ── removal and retention ──────────────────────────────────────────────

  private removeInbox(name: string, reason: string): void {
    this.deniedInboxes.add(name)
    const slot = this.inboxes.get(name)
    const ids = new Set(slot?.view.inbox.ids() ?? [])
    for (const [id, local] of this.conversations) if (new ConversationDoc(local.doc).readMeta()?.inbox === name) ids.add(id)
    for (const id of ids) this.removeConversation(id)
    this.links.get(name)?.destroy()
    this.links.delete(name)
    if (slot) {
      slot.view.destroy()
      slot.local.destroy()
      this.inboxes.delete(name)
    }
    this.store.removeDoc(name)
    this.cachedViews.delete(name)
    this.store.deleteMeta(META.view(name))
    this.tracker.dropDoc(name)
    this.addEventNotice({ kind: 'access-lost', key: `access:${name}:${newId('')}`, inbox: name, reason, at: this.clock.now() })
    this.topics.touchAll()
  }

  private removeConversation(id: string): void {
    const name = conversationDocName(id)
    this.links.get(name)?.destroy()
    this.links.delete(name)
    this.conversations.get(id)?.destroy()
    this.conversations.delete(id)
    this.knownConversations.delete(id)
    this.holds.delete(id)
    if (this.opened.delete(id)) this.store.deleteMeta(META.opened(id))
    this.store.removeDoc(name)
    this.tracker.dropDoc(name)
    this.topics.touch(`conversation:${id}`)
  }

  /** Drops conversation documents neither opened, recent, held open nor waiting for an acknowledgement. */
  private evict(): number {
    const keep = new Set<string>(this.opened)
    for (const id of this.holds.keys()) keep.add(id)
    for (const doc of this.tracker.docsWithPending()) {
      const ref = parseDocName(doc)
      if (ref?.kind === 'conversation') keep.add(ref.id)
    }
    for (const slot of this.inboxes.values()) for (const id of slot.view.recent(this.recentPerInbox)) keep.add(id)
    let evicted = 0
    for (const id of [...this.knownConversations]) {
      if (keep.has(id)) continue
      this.removeConversation(id)
      evicted++
    }
    return evicted
  }

  private addEventNotice(notice: Notice): void {
    this.eventNotices.set(notice.key, notice)
    this.store.putMeta(META.event(notice.key), notice)
    this.topics.touch('notices')
  }

  // ── actions ────────────────────────────────────────────────────────────

  claim(id: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'claim' })
  }

  takeover(id: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'takeover' })
  }

  assign(id: string, to: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'assign', to })
  }

  unassign(id: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'unassign' })
  }

  archive(id: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'archive' })
  }

  unarchive(id: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'unarchive' })
  }

  /** Any assignment action, applied to the replica at once and sent when connected. */
  async assignment(id: string, request: AssignmentRequest): Promise<ActionReceipt> {
    await this.ready()
    const target = this.target(id)
    for (const event of target.slot.view.inbox.events(id)) this.clock.observe(event.at)
    const event = buildAssignmentEvent(this.context(target, id), request)
    const mark = target.slot.local.change(() => target.slot.view.inbox.appendEvent(id, event))
    return this.record(request.kind, id, [mark])
  }

  async reply(id: string, body: string): Promise<ActionReceipt> {
    await this.ready()
    const target = this.target(id)
    const local = await this.conversationLocal(id)
    const doc = new ConversationDoc(local.doc)
    const seen = doc.lastInbound()
    const summary = target.entry.summary
    // The inbox's summary may know of a newer customer message than the replica of the conversation.
    const lastInbound = summary.lastInboundId !== null && (seen === null || (summary.lastInboundAt ?? 0) > seen.at) ? summary.lastInboundId : (seen?.id ?? null)
    const message = buildReply(this.context(target, id), { body, channel: summary.channel, lastInbound })
    const mark = local.change(() => doc.appendMessage(message))
    return this.record('reply', id, [mark])
  }

  async note(id: string, body: string): Promise<ActionReceipt> {
    await this.ready()
    const target = this.target(id)
    const local = await this.conversationLocal(id)
    const note = buildNote(this.context(target, id), body)
    const mark = local.change(() => new ConversationDoc(local.doc).appendNote(note))
    return this.record('note', id, [mark])
  }

  /** Sends a held reply of the user after all, or discards it. */
  async decideHeld(messageId: string, decision: 'send' | 'discard'): Promise<ActionReceipt> {
    await this.ready()
    await this.loadAllConversations()
    const held = this.heldReplies().find((h) => h.message === messageId)
    if (!held) {
      const isTheirs = [...this.conversations.values()].some((l) => new ConversationDoc(l.doc).hasMessage(messageId))
      throw new HuddleError(
        isTheirs ? 'conflict' : 'not-found',
        isTheirs
          ? `Reply \`${messageId}\` is not one of your held replies. See them with \`huddle held list\`.`
          : `There is no reply \`${messageId}\` on this computer. See your held replies with \`huddle held list\` (run \`huddle sync\` first).`,
      )
    }
    if (held.decision !== null)
      throw new HuddleError('conflict', `You already chose to ${held.decision} reply \`${messageId}\`; the server will act on it when it receives it.`)
    const target = this.target(held.conversation)
    authorize(target.user, { kind: 'act-in-inbox', inbox: target.access })
    const local = await this.conversationLocal(held.conversation)
    const record = { id: newId('d-'), message: messageId, decision, actor: target.user.id, at: this.clock.now() }
    const mark = local.change(() => new ConversationDoc(local.doc).appendDecision(record))
    return this.record(decision === 'send' ? 'send-held' : 'discard-held', held.conversation, [mark])
  }

  private target(id: string): { slot: InboxSlot; entry: ConversationEntry; access: InboxAccess; user: User } {
    const found = this.locate(id)
    if (!found) throw this.notFound(id)
    const user = this.me()
    if (!user)
      throw new HuddleError('unavailable', 'This computer has not yet learnt who you are from the server; connect once (`huddle sync`) and try again.')
    const access = this.access(found.slot.local.name)
    if (!access) throw this.notFound(id)
    return { ...found, access, user }
  }

  private context(target: { entry: ConversationEntry; access: InboxAccess; user: User }, id: string): ActionContext {
    return {
      user: target.user,
      inbox: target.access,
      conversation: id,
      state: target.entry.state,
      stamp: this.clock.tick(),
      now: this.clock.now(),
      newId: newId(''),
    }
  }

  private record(kind: ActionKind, conversation: string, marks: readonly ChangeMark[]): ActionReceipt {
    const action: PendingAction = { id: newId('a-'), kind, conversation, at: this.clock.now(), marks }
    this.tracker.record(action)
    for (const mark of marks) {
      const ref = parseDocName(mark.doc)
      if (ref?.kind === 'conversation' && this.isConnecting) void this.conversationLocal(ref.id)
    }
    return { id: action.id, kind, conversation, acknowledged: this.tracker.whenAcked(action.id) }
  }

  private notFound(id: string): HuddleError {
    return new HuddleError(
      'not-found',
      `There is no conversation \`${id}\` in your inboxes on this computer. List them with \`huddle conversation list\`; if it is new, run \`huddle sync\` first.`,
    )
  }

  private wallNow(): number {
    return (this.options.wallClock ?? Date.now)()
  }

  // ── closing ────────────────────────────────────────────────────────────

  /** Disconnects, folds the replica's logs, and closes the store once everything is written. */
  async close(): Promise<void> {
    if (this.isClosed) return
    this.isClosed = true
    this.topics.close()
    for (const waiter of [...this.waiters]) waiter.finish()
    await Promise.allSettled([...this.loadingInboxes.values(), ...this.loading.values()])
    for (const link of this.links.values()) link.destroy()
    this.links.clear()
    for (const [name, slot] of this.inboxes) {
      if (!slot.isCacheCurrent && !slot.local.isEmpty()) this.store.putMeta(META.view(name), viewCacheOf(slot.view))
      slot.view.destroy()
    }
    for (const local of [this.org, ...[...this.inboxes.values()].map((s) => s.local), ...this.conversations.values()]) {
      if (local.appendedSinceCompaction() >= COMPACT_ON_CLOSE) local.compact()
      local.destroy()
    }
    await this.store.close()
  }
}
