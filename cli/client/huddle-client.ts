/**
 * The offline-first client: a local replica of the documents the user may
 * see (org, their inboxes, their personal inbox, the conversations they
 * opened and the most recent ones), kept in sync with the server while a
 * connection is up, read and changed locally whether or not it is.
 *
 * This orchestrator opens the replica, wires its parts and connects them;
 * what it leaves to them:
 * - ReplicaIdentity: whose replica it is, of which server, when last in sync;
 * - ReplicaDocuments: the documents and their views;
 * - ConnectionPool: the connections and the connection state;
 * - InboxMembership: the inboxes the user works in;
 * - ConversationLinks: when conversations are connected, and kept;
 * - ServerRefusals: what the server's refusals undo and remove;
 * - ReplicaSync: waiting for the server, and bringing everything up to date;
 * - ConversationActions: the actions, applied at once, tracked until acknowledged;
 * - SavedViews: the user's saved views, in their own settings document;
 * - BulkLog: bulk claims, until their lost claims are told together;
 * - ClientSubscriptions: the dashboard's batched subscriptions.
 * Used by the agent commands (open, act, wait for the acknowledgement,
 * close) and by the dashboard (subscriptions). See docs/design.md, "Client".
 */
import type { SnoozeUntil } from '../../core/assignment-event.js'
import { listLabels, type LabelCatalogue } from '../../core/label.js'
import type { LabelChange } from '../../core/labelling.js'
import type { Priority } from '../../core/priority.js'
import type { AssignmentRequest } from '../../core/actions.js'
import type { Availability, AvailabilityEntry, AvailabilityStatus } from '../../core/availability.js'
import { readAvailabilityEntry } from '../../core/http-contract/availability-contract.js'
import { readReport } from '../../core/http-contract/report-contract.js'
import type { Report } from '../../core/report.js'
import { reportSearchParams, type ReportInput } from '../../core/report-query.js'
import { createApiClient, type ApiClient } from '../api-client.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { conversationDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { archivedStamp, type HistoryRecord } from '../../core/history.js'
import { isInboxMember } from '../../core/permissions.js'
import type { Template, TemplateUse } from '../../core/template.js'
import type { User } from '../../core/users.js'
import { snoozeTimeZone } from '../../core/snooze.js'
import type { View, ViewCounts } from '../../core/views.js'
import type { ServerHello } from '../../core/wire.js'
import { AckTracker, type PendingAction } from './ack-tracker.js'
import { BulkLog } from './bulk-log.js'
import { bulkNoticeKey, groupBulkClaims } from './bulk-notices.js'
import { ClientClock } from './client-clock.js'
import { ClientSubscriptions } from './client-subscriptions.js'
import { readTopic, type ClientTopic, type TopicValue } from './client-topic.js'
import type {
  ActionReceipt,
  BulkOutcome,
  ClientStatus,
  ConversationHandle,
  HeldReply,
  HuddleClientOptions,
  InboxInfo,
  InboxSnapshot,
  SyncReport,
} from './client-types.js'
import { ConnectionPool } from './connection-pool.js'
import type { ConnectionState } from './connection-state.js'
import { ConversationActions } from './conversation-actions.js'
import { newId } from './client-actions.js'
import { ConversationLinks } from './conversation-links.js'
import { conversationDetail, type ConversationDetail } from './conversation-view.js'
import type { DocLink } from './doc-link.js'
import { HistoryRecords, historyEntry, type HistoryLocated, type HistoryPage } from './history-records.js'
import { InboxMembership } from './inbox-membership.js'
import { rowOf, type ConversationRow } from './inbox-view.js'
import { localTimeZone } from './local-time-zone.js'
import { LocalDoc } from './local-doc.js'
import type { Notice } from './merge-notices.js'
import { WakeTimer } from './wake-timer.js'
import { NoticeLog } from './notice-log.js'
import { presenceHandle, presenceOf, type PresenceEntry } from './presence.js'
import { ReplicaDocuments } from './replica-documents.js'
import { ReplicaIdentity } from './replica-identity.js'
import { ReplicaSync } from './replica-sync.js'
import { ServerRefusals } from './server-refusals.js'
import { savedViewRows, savedViewSummaries, type SavedViewScope, type SavedViewSummary } from './saved-view-rows.js'
import { SavedViews } from './saved-views.js'
import type { SavedViewSnapshot } from './client-topic.js'
import type { SavedView } from '../../core/saved-views-doc.js'
import type { FilterNames, SavedViewFilter } from '../../core/saved-view-filter.js'
import type { ChangeMark } from './local-doc.js'

export type {
  ActionReceipt,
  BulkOutcome,
  ClientStatus,
  ConversationHandle,
  HeldReply,
  HuddleClientOptions,
  InboxInfo,
  InboxSnapshot,
  SyncReport,
} from './client-types.js'

export const DEFAULT_RECENT_PER_INBOX = 50

export class HuddleClient {
  private readonly subscriptions: ClientSubscriptions
  private readonly docs: ReplicaDocuments
  private readonly pool: ConnectionPool
  private readonly inboxes: InboxMembership
  private readonly links: ConversationLinks
  private readonly actions: ConversationActions
  private readonly refusals: ServerRefusals
  private readonly sync: ReplicaSync
  private readonly history: HistoryRecords
  private readonly wakes: WakeTimer
  private readonly api: ApiClient
  private readonly views: SavedViews
  private isClosed = false
  private settingUp = 0

  private constructor(
    private readonly options: HuddleClientOptions,
    private readonly identity: ReplicaIdentity,
    private readonly clock: ClientClock,
    private readonly tracker: AckTracker,
    private readonly noticeLog: NoticeLog,
    private readonly bulkLog: BulkLog,
    org: LocalDoc,
  ) {
    this.subscriptions = new ClientSubscriptions(this, options.batchMs)
    this.pool = new ConnectionPool(
      {
        syncUrl: options.syncUrl,
        token: options.token,
        ...(options.clientVersion === undefined ? {} : { clientVersion: options.clientVersion }),
        ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
        ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
        ...(options.wallClock === undefined ? {} : { wallClock: options.wallClock }),
      },
      {
        onHello: (link, hello, sentAt, receivedAt) => this.onHello(link, hello, sentAt, receivedAt),
        onAck: (name, stateVector) => this.links.linger(this.tracker.merge(name, stateVector)),
        onRejected: (name, rejection) => this.refusals.onRejected(name, rejection),
        onDenied: (name, denial) => this.refusals.onDenied(name, denial),
        onState: (state) => {
          if (state.kind === 'online') this.identity.noteInSync()
          this.subscriptions.statusChanged()
        },
        onPresence: (id) => this.subscriptions.presenceChanged(id),
        onView: (name, rows) => {
          if (!this.docs.serveView(name, rows)) return
          this.subscriptions.inboxChanged(name)
          this.wakes.reschedule()
          // Now, not a batch later: applying the document that follows blocks this process for a second when it is large.
          this.subscriptions.flush()
        },
      },
      () => this.settingUp > 0 || this.docs.isLoading(),
    )
    this.docs = new ReplicaDocuments(options.store, org, () => this.identity.userId, () => clock.now(), {
      onInboxLoaded: (name, local) => {
        if (!this.inboxes.isRefused(name)) this.pool.link(local)
        this.subscriptions.inboxLoaded()
        this.wakes.reschedule()
      },
      onInboxChange: (name) => {
        this.subscriptions.inboxChanged(name)
        this.wakes.reschedule()
      },
      onConversationLoaded: (id, local) => {
        this.links.onLoaded(id, local)
        this.subscriptions.conversationLoaded(id)
      },
      onConversationChange: (id) => this.subscriptions.conversationChanged(id),
      onStamps: (events) => {
        for (const event of events) this.clock.observe(event.at)
      },
    })
    this.inboxes = new InboxMembership(this.docs)
    this.views = new SavedViews(
      options.store,
      clock,
      (local) => {
        this.pool.link(local)
        this.subscriptions.savedViewsChanged()
      },
      () => this.subscriptions.savedViewsChanged(),
    )
    // Views are decided at read time; when a snooze's time comes, every inbox's subscribers are told to read again.
    this.wakes = new WakeTimer(
      () => this.docs.nextWake(),
      () => clock.now(),
      () => {
        for (const name of this.inboxes.names) this.subscriptions.inboxChanged(name)
      },
    )
    this.links = new ConversationLinks(options.store, this.docs, this.pool, tracker, (id) => this.subscriptions.conversationRemoved(id))
    this.history = new HistoryRecords(options.store)
    this.api = createApiClient({ server: options.server, token: options.token, fetch: options.fetch ?? fetch })
    this.actions = new ConversationActions(this.docs, this.inboxes, this.links, clock, tracker, () => this.heldReplies(), (id) => this.inHistory(id))
    const { docs, pool, inboxes, links, subscriptions, views } = this
    this.refusals = new ServerRefusals({ docs, pool, tracker, inboxes, links, noticeLog, subscriptions, clock, views })
    this.sync = new ReplicaSync(docs, pool, tracker, links, options.recentPerInbox ?? DEFAULT_RECENT_PER_INBOX, () => this.connect())
    this.tracker.onChange(() => {
      this.subscriptions.statusChanged()
      // A bulk claim's notice waits for all its claims' acknowledgements.
      if (!this.bulkLog.isEmpty()) this.subscriptions.noticesChanged()
      this.pool.checkWaiters()
    })
    org.doc.on('update', () => this.onOrgChange())
  }

  /** Opens the replica in `options.store` and, unless told otherwise, connects. */
  static async open(options: HuddleClientOptions): Promise<HuddleClient> {
    const store = options.store
    const identity = await ReplicaIdentity.load(store, options.server, options.wallClock ?? Date.now)
    const [clock, tracker, noticeLog, bulkLog, org] = await Promise.all([
      ClientClock.load(store, options.wallClock),
      AckTracker.load(store),
      NoticeLog.load(store, options.wallClock ?? Date.now),
      BulkLog.load(store),
      LocalDoc.load('org', store),
    ])
    const client = new HuddleClient(options, identity, clock, tracker, noticeLog, bulkLog, org)
    await client.loadReplica()
    if (options.connect !== false) client.connect()
    return client
  }

  private async loadReplica(): Promise<void> {
    await Promise.all([this.links.load(), this.history.load()])
    const inboxes = await this.docs.index()
    this.inboxes.refresh()
    // Awaited, unlike the inboxes: it is small, and a command reading it must not find it missing.
    if (this.identity.userId !== null) await this.views.load(this.identity.userId)
    // Not awaited: until an inbox's document is in, its view cache answers lists and counts.
    for (const name of inboxes) void this.docs.loadInbox(name)
  }

  /** Resolves once every inbox document the client knows of is loaded from the replica. */
  ready(): Promise<void> {
    return this.docs.ready()
  }

  // ── identity and the directory ─────────────────────────────────────────

  /** The user this replica belongs to (null until a server first said who the token is). */
  get userId(): string | null {
    return this.identity.userId
  }

  /** The user's directory entry, from the replica of `org`. */
  me(): User | null {
    return this.docs.me()
  }

  /** A user's display name, or their id when unknown. */
  userName(id: string): string {
    return this.docs.userName(id)
  }

  /** A user's availability and online state as the server last published it in `org` (null: not yet). */
  availabilityOf(id: string): AvailabilityStatus | null {
    return this.docs.orgDoc.readAvailability()[id] ?? null
  }

  /** Sets the user's own availability (or, for an admin, `user`'s) on the server, which must be reachable. */
  async setAvailability(availability: Availability, user?: string): Promise<AvailabilityEntry> {
    const target = user ?? this.identity.userId
    if (target === null) throw new HuddleError('unavailable', 'The server has not said yet whose this token is; connect once, then set your availability.')
    return readAvailabilityEntry(await this.api.put(`/availability/${encodeURIComponent(target)}`, { availability }))
  }

  private onOrgChange(): void {
    this.inboxes.refresh()
    this.docs.invalidateViews()
    void this.reconcileInboxes()
    void this.loadSavedViews()
    this.subscriptions.everythingChanged()
  }

  /** Loads (and so connects) the user's saved views once the replica has learnt whose it is. */
  private async loadSavedViews(): Promise<void> {
    const user = this.identity.userId
    if (user === null || this.views.doc !== null) return
    this.settingUp++
    try {
      await this.views.load(user)
    } finally {
      this.settingUp--
      this.pool.refresh()
    }
  }

  /** Loads (and so connects) the inboxes the org document newly lists the user in. */
  private async reconcileInboxes(): Promise<void> {
    const wanted = this.inboxes.toLoad()
    if (wanted.length === 0) return
    this.settingUp++
    try {
      await Promise.all(wanted.map((name) => this.docs.loadInbox(name)))
    } finally {
      this.settingUp--
      this.pool.refresh()
    }
  }

  // ── reads ──────────────────────────────────────────────────────────────

  /** The inboxes the user works in: their shared inboxes by name, then their personal inbox. */
  inboxList(): InboxInfo[] {
    return this.inboxes.list()
  }

  /** An inbox by id, name (any case), `@user` or `personal`, or null. */
  findInbox(ref: string): InboxInfo | null {
    return this.inboxes.find(ref)
  }

  /** The rows of one inbox (by document name), of one view or all, newest first. */
  rows(inbox: string, view?: View): ConversationRow[] {
    return this.docs.rows(inbox, view)
  }

  counts(inbox: string): ViewCounts {
    return this.docs.counts(inbox)
  }

  inboxSnapshot(inbox: string): InboxSnapshot | null {
    const info = this.inboxList().find((i) => i.doc === inbox)
    return info ? { inbox: info, rows: this.rows(inbox), counts: info.counts } : null
  }

  /** The stamp of the archive that put an archived conversation in the Archived view (see core/history.ts), or null. */
  archivedStamp(id: string): string | null {
    const found = this.inboxes.locate(id)
    if (!found) return null
    const access = this.docs.access(found.slot.local.name)
    return archivedStamp(found.slot.view.inbox.events(id), (user) => isInboxMember(access, user))
  }

  /** A conversation's row, or null when none of the user's inboxes holds it. */
  conversationRow(id: string): ConversationRow | null {
    return this.docs.conversationRow(id, this.inboxes.names)
  }

  /** A conversation with its messages and notes if the replica holds them (see `loadConversation`); one in history once its record is kept. */
  conversation(id: string): ConversationDetail | null {
    const found = this.inboxes.locate(id)
    const local = this.docs.conversations.get(id)
    const doc = local ? new ConversationDoc(local.doc) : null
    if (found) return conversationDetail(found.slot.view.row(found.entry), found.entry, doc)
    const kept = this.inHistory(id)
    return kept && conversationDetail(rowOf(kept.record.inbox, kept.entry, this.identity.userId ?? '', this.clock.now()), kept.entry, doc)
  }

  /** Keeps the server's record of a conversation in history, so it can be shown and acted on, offline too. */
  keepHistoryRecord(record: HistoryRecord): void {
    this.history.keep(record)
  }

  /**
   * One page of an inbox's history from the server (online only), newest
   * archived first, below cursor `before`; each record is kept, so its
   * conversation can be shown and acted on.
   */
  async historyPage(inbox: string, before: string | null, limit: number): Promise<HistoryPage> {
    const info = this.inboxes.list().find((i) => i.doc === inbox)
    if (!info) throw new HuddleError('not-found', `You work in no inbox \`${inbox}\`. List yours with \`huddle inbox list\`.`)
    const query = new URLSearchParams({ inbox: info.id, limit: String(limit), ...(before === null ? {} : { before }) })
    const page = (await this.api.get(`/history?${query.toString()}`)) as HistoryPage
    for (const record of page.records) this.history.keep(record)
    return page
  }

  /**
   * The server's report on one of the user's inboxes (a doc name), for the
   * rest of `fields` (online only); days and hours in this computer's zone
   * unless the inbox counts business hours in its own.
   */
  async report(inbox: string, fields: Omit<ReportInput, 'inbox' | 'zone'>): Promise<Report> {
    const info = this.inboxes.list().find((i) => i.doc === inbox)
    if (!info) throw new HuddleError('not-found', `You work in no inbox \`${inbox}\`. List yours with \`huddle inbox list\`.`)
    const query = reportSearchParams({ ...fields, inbox: info.id, zone: localTimeZone() })
    return readReport(await this.api.get(`/reports?${query.toString()}`))
  }

  /** Whether the conversation is in none of the user's live inboxes but its history record is kept here. */
  isInHistory(id: string): boolean {
    return this.inboxes.locate(id) === null && this.inHistory(id) !== null
  }

  /** A conversation in history whose record is kept here, folded with the events its own document holds. */
  private inHistory(id: string): HistoryLocated | null {
    const record = this.history.get(id)
    const access = record && this.docs.access(record.inbox)
    if (!record || !access) return null
    const local = this.docs.conversations.get(id)
    return { record, access, entry: historyEntry(record, access, local ? new ConversationDoc(local.doc) : null) }
  }

  /** Loads a conversation's document from the replica (connecting it when online), then describes it. */
  async loadConversation(id: string): Promise<ConversationDetail | null> {
    await this.ready()
    if (!this.inboxes.locate(id) && !this.inHistory(id)) return null
    await this.links.doc(id)
    return this.conversation(id)
  }

  /** Loads every conversation document the replica holds (for notices and held replies). */
  loadAllConversations(): Promise<void> {
    return this.docs.loadAllConversations()
  }

  /** Replies of the user the server held, among the conversations loaded. */
  heldReplies(): HeldReply[] {
    const user = this.identity.userId
    return user === null ? [] : this.docs.heldReplies(user)
  }

  /** Notices not reported yet, oldest first; the lost claims of a bulk claim as one. */
  notices(): Notice[] {
    const user = this.identity.userId
    if (user === null) return []
    const grouped = groupBulkClaims(this.docs.notices(user, this.inboxes.names), this.bulkLog.list(), (action) => this.tracker.isPending(action))
    for (const id of grouped.settled) this.bulkLog.remove(id)
    return this.noticeLog.unreported(grouped.notices)
  }

  /** Remembers notices as reported, so they are not shown again; a bulk claim's notice with the lost claims it tells of. */
  markReported(keys: readonly string[]): void {
    const claims = this.bulkLog.list().filter((claim) => keys.includes(bulkNoticeKey(claim.id)))
    const covered = claims.length === 0 ? [] : this.notices().flatMap((n) => (n.kind === 'bulk-claim' && keys.includes(n.key) ? n.covers : []))
    this.noticeLog.markReported([...keys, ...covered])
    for (const claim of claims) this.bulkLog.remove(claim.id)
    this.subscriptions.noticesChanged()
  }

  presence(id: string): PresenceEntry[] {
    const link = this.pool.get(conversationDocName(id))
    return link ? presenceOf(link.awareness, this.identity.userId) : []
  }

  connectionState(): ConnectionState {
    return this.pool.state()
  }

  /** When this replica was last fully in sync with the server (null: never). */
  lastSyncedAt(): number | null {
    return this.identity.lastSyncedAt
  }

  pendingCount(): number {
    return this.tracker.count()
  }

  pendingActions(): PendingAction[] {
    return this.tracker.list()
  }

  status(): ClientStatus {
    const me = this.identity.userId
    return { connection: this.pool.state(), pending: this.tracker.count(), availability: me === null ? null : (this.availabilityOf(me)?.availability ?? null) }
  }

  /** The server-corrected time of this client. */
  now(): number {
    return this.clock.now()
  }

  // ── saved views ────────────────────────────────────────────────────────

  /** The user's saved views, by name. */
  savedViewList(): SavedView[] {
    return this.views.list()
  }

  /** A saved view by name (compared as names are), or null. */
  findSavedView(name: string): SavedView | null {
    return this.views.find(name)
  }

  /** Saves the view `name` (replacing one of that name), applied here at once and sent when connected. */
  saveView(name: string, filter: SavedViewFilter): ActionReceipt {
    return this.recordViewChange('save-view', name, this.views.save(name, filter))
  }

  removeView(name: string): ActionReceipt {
    return this.recordViewChange('remove-view', name, this.views.remove(name))
  }

  /** What names in a filter's words are looked up in: this user, their inboxes, the organisation's users and labels. */
  filterNames(): FilterNames {
    const users = [...this.docs.orgDoc.users.values()].map((u) => ({ id: u.id, name: u.name }))
    const labels = listLabels(this.labels()).map((l) => ({ id: l.id, name: l.name }))
    return { me: this.identity.userId ?? '', inboxes: this.inboxList(), labels, users }
  }

  /** The conversations a filter shows across the user's inboxes, newest first. */
  filterRows(filter: SavedViewFilter): ConversationRow[] {
    return savedViewRows(filter, this.savedViewScope())
  }

  /** Every saved view with how many conversations it shows now. */
  savedViews(): SavedViewSummary[] {
    return savedViewSummaries(this.views.list(), this.savedViewScope())
  }

  /** A saved view and its conversations, or null when there is no such view. */
  savedView(name: string): SavedViewSnapshot {
    const view = this.views.find(name)
    if (view === null) return null
    const rows = this.filterRows(view.filter)
    return { view: { ...view, count: rows.length }, rows }
  }

  private savedViewScope(): SavedViewScope {
    return { inboxes: this.inboxList(), rows: (inbox) => this.rows(inbox), labels: new Set(Object.keys(this.labels())), now: this.clock.now() }
  }

  private recordViewChange(kind: 'save-view' | 'remove-view', name: string, mark: ChangeMark): ActionReceipt {
    const action: PendingAction = { id: newId('a-'), kind, conversation: name, at: this.clock.now(), marks: [mark] }
    this.tracker.record(action)
    return { id: action.id, kind, conversation: name, acknowledged: this.tracker.whenAcked(action.id) }
  }

  // ── subscriptions (batched) ────────────────────────────────────────────

  /** Calls `listener` with the topic's value soon, then after every batch of changes to it; returns the unsubscribe. */
  subscribe<T extends ClientTopic>(topic: T, listener: (value: TopicValue<T>) => void): () => void {
    return this.subscriptions.subscribe(topic, listener)
  }

  /** A topic's value now: what its subscribers are called with. */
  read<T extends ClientTopic>(topic: T): TopicValue<T> {
    return readTopic(this, topic)
  }

  /** Calls the listeners of everything changed since the last batch now, rather than a moment later. */
  flushNotifications(): void {
    this.subscriptions.flush()
  }

  // ── connections ────────────────────────────────────────────────────────

  /** Connects every inbox document (and conversations held open or with changes waiting). */
  connect(): void {
    if (this.pool.isConnecting || this.isClosed) return
    this.pool.start()
    this.pool.link(this.docs.org)
    if (this.views.doc) this.pool.link(this.views.doc)
    for (const [name, slot] of this.docs.inboxes) if (!this.inboxes.isRefused(name)) this.pool.link(slot.local)
    this.links.connect()
  }

  /** Resolves once every connected document is in sync, the client is offline or denied, or `timeoutMs` passed. */
  settle(timeoutMs: number): Promise<ConnectionState> {
    return this.sync.settle(timeoutMs)
  }

  /** Resolves with how many actions still wait once none does, the client is offline or denied, or `timeoutMs` passed. */
  waitForAcks(timeoutMs: number): Promise<number> {
    return this.sync.waitForAcks(timeoutMs)
  }

  /** Whether the action was acknowledged within `timeoutMs`. */
  waitForAck(receipt: ActionReceipt, timeoutMs: number): Promise<boolean> {
    return this.sync.waitForAck(receipt, timeoutMs)
  }

  /** Brings everything up to date, then lets retention drop what is not kept (`huddle sync`). */
  syncEverything(timeoutMs = 10_000): Promise<SyncReport> {
    return this.sync.syncEverything(timeoutMs)
  }

  /** Loads every conversation the replica holds and, when online, brings them up to date. */
  refreshConversations(timeoutMs = 3000): Promise<void> {
    return this.sync.refreshConversations(timeoutMs)
  }

  /** Opens a conversation for viewing: connects it and shows this user as present in it. */
  async openConversation(id: string): Promise<ConversationHandle> {
    await this.ready()
    if (!this.inHistory(id)) this.inboxes.locateOrThrow(id)
    this.links.markOpened(id, (this.options.wallClock ?? Date.now)())
    const release = this.links.hold(id)
    await this.links.doc(id)
    return presenceHandle(id, () => this.pool.get(conversationDocName(id))?.awareness, release)
  }

  private onHello(link: DocLink, hello: ServerHello, sentAt: number, receivedAt: number): void {
    const met = this.identity.meet(hello.user)
    if (met.kind === 'other') return link.refuse(met.reason)
    if (met.kind === 'learnt') this.onOrgChange()
    this.clock.adjust(sentAt, hello.time, receivedAt)
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

  /** Snoozes until a time (epoch ms) or until the customer writes (`reply`). */
  /** The zone `tomorrow` means 09:00 in for a conversation: its inbox's business hours, else this computer's (core/snooze.ts). */
  snoozeTimeZone(id: string): string {
    const found = this.inboxes.locate(id)
    return snoozeTimeZone(found ? this.docs.slaPolicy(found.slot.local.name) : null, localTimeZone())
  }

  snooze(id: string, until: SnoozeUntil): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'snooze', until })
  }

  unsnooze(id: string): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'unsnooze' })
  }

  /** Adds and removes labels (by name) on a conversation. */
  label(id: string, change: LabelChange): Promise<ActionReceipt> {
    return this.actions.label(id, change)
  }

  /** The same labels added and removed on each of several conversations; a refusal of one is its outcome (see `bulkAssignment`). */
  bulkLabel(ids: readonly string[], change: LabelChange): Promise<BulkOutcome[]> {
    return this.actions.labels(ids, change)
  }

  prioritise(id: string, priority: Priority): Promise<ActionReceipt> {
    return this.assignment(id, { kind: 'priority', priority })
  }

  /** The organisation's labels by id, from the replica of `org`. */
  labels(): LabelCatalogue {
    return this.docs.orgDoc.readLabels()
  }

  /** Labels removed from the catalogue, by id, for naming them in history. */
  removedLabels(): LabelCatalogue {
    return this.docs.orgDoc.readRemovedLabels()
  }

  /** Any assignment action, applied to the replica at once and sent when connected. */
  assignment(id: string, request: AssignmentRequest): Promise<ActionReceipt> {
    return this.actions.assignment(id, request)
  }

  /**
   * One assignment action on each of several conversations, each exactly as
   * `assignment` does it alone (see ConversationActions.assignments); a
   * refusal of one is its outcome and the others still act. A claim of
   * several is remembered, so the claims of it that lose are told in one notice.
   */
  async bulkAssignment(ids: readonly string[], requestOf: (id: string) => AssignmentRequest): Promise<BulkOutcome[]> {
    const outcomes = await this.actions.assignments(ids, requestOf)
    const parts = outcomes.flatMap((o) => ('receipt' in o && o.receipt.kind === 'claim' && o.receipt.event !== undefined ? [{ conversation: o.id, event: o.receipt.event, action: o.receipt.id }] : []))
    if (parts.length > 1) this.bulkLog.add({ id: newId('b-'), at: this.clock.now(), parts })
    return outcomes
  }

  /** A free reply, or one from a template: give its rendered (or, if flexible, edited) text and its use. */
  reply(id: string, body: string, template?: TemplateUse): Promise<ActionReceipt> {
    return this.actions.reply(id, body, template)
  }

  /** The organisation's message templates, by name, from the replica of `org`. */
  templates(): Record<string, Template> {
    return this.docs.orgDoc.readTemplates()
  }

  note(id: string, body: string): Promise<ActionReceipt> {
    return this.actions.note(id, body)
  }

  /** Sends a held reply of the user after all, or discards it. */
  decideHeld(messageId: string, decision: 'send' | 'discard'): Promise<ActionReceipt> {
    return this.actions.decideHeld(messageId, decision)
  }

  // ── closing ────────────────────────────────────────────────────────────

  /** Disconnects, folds the replica's logs, and closes the store once everything is written. */
  async close(): Promise<void> {
    if (this.isClosed) return
    this.isClosed = true
    this.wakes.stop()
    this.links.close()
    this.subscriptions.close()
    this.pool.close()
    await this.docs.close()
    await this.options.store.close()
  }
}
