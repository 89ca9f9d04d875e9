/**
 * A DashboardSource in memory for the component tests: users, inboxes and
 * conversations held as plain data; actions change them and are recorded;
 * every change notifies the subscribed topics at once (through the client's
 * own ClientSubscriptions), so a test sees the next frame right away.
 */
import { ClientSubscriptions } from '../../../cli/client/client-subscriptions.js'
import { readTopic, type ClientTopic, type TopicValue } from '../../../cli/client/client-topic.js'
import type { ActionReceipt, BulkOutcome, ClientStatus, InboxInfo, InboxSnapshot } from '../../../cli/client/huddle-client.js'
import type { HistoryPage } from '../../../cli/client/history-records.js'
import type { ConversationDetail, HistoryLine, MessageLine, NoteLine } from '../../../cli/client/conversation-view.js'
import type { ConversationRow } from '../../../cli/client/inbox-view.js'
import type { Notice } from '../../../cli/client/merge-notices.js'
import type { PresenceEntry } from '../../../cli/client/presence.js'
import type { DashboardActions, DashboardSource } from '../../../cli/dashboard/dashboard-source.js'
import type { AssignmentRequest } from '../../../core/actions.js'
import type { Consent } from '../../../core/consent.js'
import { HuddleError } from '../../../core/errors.js'
import { idForName } from '../../../core/doc-names.js'
import type { Label, LabelCatalogue, LabelColour } from '../../../core/label.js'
import { replyRefusal } from '../../../core/reply-rules.js'
import { computeReport, type Report } from '../../../core/report.js'
import type { ReportFact } from '../../../core/report-facts.js'
import { resolvePeriod } from '../../../core/report-period.js'
import type { AvailabilityStatus } from '../../../core/availability.js'
import { parseTemplate, type Template, type TemplateUse } from '../../../core/template.js'
import type { SlaPolicy } from '../../../core/sla-policy.js'
import type { Channel, User } from '../../../core/users.js'
import { countViews, viewOf } from '../../../core/views.js'
import type { SavedView } from '../../../core/saved-views-doc.js'
import { savedViewRows, savedViewSummaries, type SavedViewScope, type SavedViewSummary } from '../../../cli/client/saved-view-rows.js'
import type { SavedViewSnapshot } from '../../../cli/client/client-topic.js'

export const T0 = Date.UTC(2025, 10, 25, 9, 0, 0)

/** A conversation as the tests set it up and change it: its row's fields (but the view, which follows) and its contents. */
export type FakeConversation = { -readonly [K in keyof Omit<ConversationRow, 'view'>]-?: ConversationRow[K] } & {
  messages: MessageLine[]
  notes: NoteLine[]
  history: HistoryLine[]
  isLoaded: boolean
  consent: Consent | null
}

export type FakeInbox = Omit<InboxInfo, 'counts'>

export type Call = { readonly kind: string; readonly conversation?: string; readonly detail?: string; readonly template?: TemplateUse }

/** What an assignment action does to the conversation. */
function assign(c: FakeConversation, me: string, request: AssignmentRequest, now: number): void {
  switch (request.kind) {
    case 'claim':
    case 'takeover':
      c.assignee = me
      return
    case 'assign':
      c.assignee = request.to
      return
    case 'unassign':
      c.assignee = null
      return
    case 'archive':
      c.status = 'archived'
      c.snooze = null
      return
    case 'unarchive':
      c.status = 'open'
      return
    case 'snooze':
      c.snooze = { until: request.until, at: now }
      return
    case 'unsnooze':
      c.snooze = null
      return
    case 'label':
      c.labels = [...new Set([...c.labels, request.label])].sort()
      return
    case 'unlabel':
      c.labels = c.labels.filter((id) => id !== request.label)
      return
    case 'priority':
      c.priority = request.priority
  }
}

export class FakeSource implements DashboardSource {
  readonly users = new Map<string, User>()
  readonly inboxes: FakeInbox[] = []
  readonly conversations = new Map<string, FakeConversation>()
  readonly reported = new Set<string>()
  readonly calls: Call[] = []
  /** Conversations open for viewing now, and whether the agent is typing in each. */
  readonly open = new Map<string, boolean>()
  readonly templateList: Record<string, Template> = {}
  /** The agent's saved views, as their settings document would hold them. */
  readonly savedViewList: SavedView[] = []
  /** The label catalogue as the server would publish it in `org`, and the labels removed from it. */
  readonly labelList: Record<string, Label> = {}
  readonly removedLabelList: Record<string, Label> = {}
  /** When set, the next action fails with it. */
  failNext: HuddleError | null = null
  private noticeList: Notice[] = []
  private readonly present = new Map<string, PresenceEntry[]>()
  /** Availability as the server would publish it in `org`, by user. */
  readonly availabilities = new Map<string, AvailabilityStatus>()
  private currentStatus: ClientStatus = { connection: { kind: 'online' }, pending: 0, availability: null }
  private readonly subscriptions = new ClientSubscriptions(this, 0)
  private clock = T0 + 3_600_000

  constructor(readonly userId: string) {}

  // ── setting up, and changes as remote ones would come ───────────────
  addUser(id: string, name: string, licences: User['licences'] = ['sms', 'whatsapp', 'chat']): this {
    this.users.set(id, { id, name, permission: 'basic', licences })
    return this
  }

  addInbox(id: string, name: string, members: string[], sla: SlaPolicy | null = null): this {
    this.inboxes.push({ doc: `inbox/${id}`, id, kind: 'shared', name, members, sla })
    return this
  }

  addPersonal(): this {
    this.inboxes.push({ doc: `personal/${this.userId}`, id: `@${this.userId}`, kind: 'personal', name: 'Personal', members: [this.userId], sla: null })
    return this
  }

  /** Adds a template as an admin would (validated by core). */
  addTemplate(input: { name: string; channel: Channel; body: string; kind?: Template['kind'] }): this {
    this.templateList[input.name] = parseTemplate(input)
    return this
  }

  addConversation(c: Partial<FakeConversation> & Pick<FakeConversation, 'id' | 'inbox'>): FakeConversation {
    const at = c.lastMessageAt ?? T0 + this.conversations.size * 60_000
    const contact = c.contact ?? `+1555000${String(this.conversations.size).padStart(4, '0')}`
    const preview = c.preview ?? 'Hello'
    const defaults = { channel: 'sms', contactName: null, lastInboundAt: at, status: 'open', assignee: null, snooze: null, labels: [], priority: 'normal', isLoaded: true, consent: null } as const
    // Waiting for a first reply since it began, unless the test says otherwise.
    const slaFacts = { startedAt: at, responses: null, isOpen: true, paused: [] }
    const conversation: FakeConversation = { ...defaults, slaFacts, messages: [], notes: [], history: [], ...c, contact, preview, lastMessageAt: at }
    if (conversation.messages.length === 0 && conversation.isLoaded) conversation.messages.push({ id: `m-${c.id}`, direction: 'in', author: contact, body: preview, at, status: null })
    this.conversations.set(c.id, conversation)
    this.touch()
    return conversation
  }

  change(id: string, change: (c: FakeConversation) => void): void {
    change(this.conversations.get(id)!)
    this.touch()
  }

  setNotices(notices: Notice[]): void {
    this.noticeList = notices
    this.touch()
  }

  /** The connection and pending count; the agent's availability follows `setAvailability`. */
  setStatus(status: Omit<ClientStatus, 'availability'>): void {
    this.currentStatus = { ...status, availability: this.currentStatus.availability }
    this.touch()
  }

  /** A user's availability as a server publication of `org` would bring it. */
  setAvailability(id: string, status: AvailabilityStatus): void {
    this.availabilities.set(id, status)
    if (id === this.userId) this.currentStatus = { ...this.currentStatus, availability: status.availability }
    this.touch()
  }

  availabilityOf(id: string): AvailabilityStatus | null {
    return this.availabilities.get(id) ?? null
  }

  setPresence(id: string, entries: PresenceEntry[]): void {
    this.present.set(id, entries)
    this.touch()
  }

  /** Recomputes every subscribed topic and calls its listeners. */
  touch(): void {
    this.subscriptions.everythingChanged()
    this.subscriptions.flush()
  }

  // ── subscriptions ────────────────────────────────────────────────────
  read<T extends ClientTopic>(topic: T): TopicValue<T> {
    return readTopic(this, topic)
  }

  subscribe<T extends ClientTopic>(topic: T, listener: (value: TopicValue<T>) => void): () => void {
    return this.subscriptions.subscribe(topic, listener)
  }

  flush(): void {
    this.subscriptions.flush()
  }

  // ── reads ────────────────────────────────────────────────────────────
  me(): User | null {
    return this.users.get(this.userId) ?? null
  }

  userName(id: string): string {
    return this.users.get(id)?.name ?? id
  }

  inboxList(): InboxInfo[] {
    return this.inboxes.map((i) => ({ ...i, counts: countViews([...this.conversations.values()].filter((c) => c.inbox === i.doc).map((c) => ({ state: c, lastInboundAt: c.lastInboundAt })), this.userId, this.clock) }))
  }

  savedViews(): SavedViewSummary[] {
    return savedViewSummaries(this.savedViewList, this.savedViewScope())
  }

  savedView(name: string): SavedViewSnapshot {
    const view = this.savedViewList.find((v) => v.name === name)
    if (!view) return null
    const rows = savedViewRows(view.filter, this.savedViewScope())
    return { view: { ...view, count: rows.length }, rows }
  }

  private savedViewScope(): SavedViewScope {
    return { inboxes: this.inboxList(), rows: (inbox) => this.inboxSnapshot(inbox)?.rows ?? [], labels: new Set(Object.keys(this.labelList)), now: this.clock }
  }

  inboxSnapshot(inbox: string): InboxSnapshot | null {
    const info = this.inboxList().find((i) => i.doc === inbox)
    if (!info) return null
    const rows = [...this.conversations.values()]
      .filter((c) => c.inbox === inbox)
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : 1))
      .map((c) => this.rowOf(c))
    return { inbox: info, rows, counts: info.counts }
  }

  private rowOf(c: FakeConversation): ConversationRow {
    const { messages, notes, history, isLoaded, consent, ...row } = c
    return { ...row, view: viewOf(c, this.userId, { now: this.clock, lastInboundAt: c.lastInboundAt }) }
  }

  conversation(id: string): ConversationDetail | null {
    const c = this.conversations.get(id)
    if (!c) return null
    const { messages, notes, history, isLoaded, consent } = c
    return { ...this.rowOf(c), address: '+15550100', createdAt: T0, linkedTo: null, isLoaded, consent, messages: [...messages], notes: [...notes], history: [...history] }
  }

  templates(): Record<string, Template> {
    return { ...this.templateList }
  }

  labels(): LabelCatalogue {
    return { ...this.labelList }
  }

  removedLabels(): LabelCatalogue {
    return { ...this.removedLabelList }
  }

  /** Adds a label as an admin would: its id from its name. */
  addLabel(name: string, colour: LabelColour): this {
    const id = idForName(name, 'label', (taken) => Object.hasOwn(this.labelList, taken))
    this.labelList[id] = { id, name, colour }
    return this
  }

  presence(id: string): PresenceEntry[] {
    return this.present.get(id) ?? []
  }

  notices(): Notice[] {
    return this.noticeList.filter((n) => !this.reported.has(n.key))
  }

  status(): ClientStatus {
    return this.currentStatus
  }

  /** The facts reports are computed from, by core as the server computes them. */
  reportFacts: ReportFact[] = []
  /** The zone of the inboxes' days and hours in reports. */
  reportZone = 'Europe/London'
  /** When set, reports fail with it (the server cannot be reached, say). */
  reportFailure: HuddleError | null = null

  async report(inbox: string, days: number): Promise<Report> {
    this.calls.push({ kind: 'report', detail: `${inbox} ${days}` })
    if (this.reportFailure) throw this.reportFailure
    const period = resolvePeriod({ kind: 'days', days }, null, this.reportZone, this.clock)
    const facts = this.reportFacts.filter((f) => f.inbox === inbox)
    return computeReport(facts, { period, zone: this.reportZone, inboxes: [inbox], by: 'day', agent: null, label: null })
  }

  /** The fake keeps no history: everything it holds is live (the live dashboard test pages a real server's). */
  async historyPage(): Promise<HistoryPage> {
    return { records: [], hasMore: false }
  }

  // ── actions ──────────────────────────────────────────────────────────
  readonly actions: DashboardActions = {
    assignment: (id, request) =>
      this.act(request.kind, id, request.kind === 'assign' ? request.to : undefined, (c) => {
        assign(c, this.userId, request, this.clock)
        const to = request.kind === 'assign' ? { to: request.to } : request.kind === 'snooze' ? { until: request.until } : {}
        c.history.push({ id: `e-${c.history.length}`, kind: request.kind, actor: this.userId, at: this.clock, stamp: String(this.clock), outcome: 'applied', assignee: c.assignee, status: c.status, ...to })
      }),
    /** Each conversation through `assignment`, as the client does: a refusal is that one's outcome. */
    bulkAssignment: async (ids, requestOf) => {
      const outcomes: BulkOutcome[] = []
      for (const id of ids) {
        try {
          outcomes.push({ id, receipt: await this.actions.assignment(id, requestOf(id)) })
        } catch (error) {
          if (!(error instanceof HuddleError)) throw error
          outcomes.push({ id, error })
        }
      }
      return outcomes
    },
    /** A reply, refused by the same rules as the client's (templates, SMS consent, WhatsApp's window). */
    reply: (id, body, template) => {
      const c = this.conversations.get(id)
      const inboundTimes = c?.messages.filter((m) => m.direction === 'in').map((m) => m.at) ?? []
      if (c?.lastInboundAt != null) inboundTimes.push(c.lastInboundAt)
      const refusal = c && replyRefusal({ conversation: id, channel: c.channel, body, template: template ?? null, at: this.clock }, { inboundTimes, consent: c.consent, templates: this.templateList })
      if (refusal) return Promise.reject(refusal)
      return this.act('reply', id, body, (c) => {
        c.messages.push({ id: `r-${c.messages.length}`, direction: 'out', author: this.userId, body, at: this.clock, status: 'pending' })
        c.lastMessageAt = this.clock
        c.preview = body
      }, template)
    },
    note: (id, body) =>
      this.act('note', id, body, (c) => {
        c.notes.push({ id: `n-${c.notes.length}`, author: this.userId, body, at: this.clock, mentions: [...body.matchAll(/@([a-z][a-z0-9-]*)/g)].map((m) => m[1]!) })
      }),
    decideHeld: (messageId, decision) => {
      const notice = this.noticeList.find((n) => n.kind === 'held' && n.message === messageId)
      if (!notice || notice.kind !== 'held') return Promise.reject(new HuddleError('not-found', `No held reply \`${messageId}\`.`))
      return this.act(`${decision}-held`, notice.conversation, messageId, () => {})
    },
    markReported: (keys) => {
      for (const key of keys) this.reported.add(key)
      this.touch()
    },
    openConversation: async (id) => {
      this.open.set(id, false)
      return { id, setTyping: (isTyping) => void (this.open.has(id) && this.open.set(id, isTyping)), close: () => void this.open.delete(id) }
    },
    syncEverything: async () => ({ connection: this.currentStatus.connection, acknowledged: 0, pending: 0, conversations: 0, evicted: 0 }),
    setAvailability: async (availability) => {
      if (this.failNext) {
        const error = this.failNext
        this.failNext = null
        throw error
      }
      this.calls.push({ kind: 'availability', detail: availability })
      this.setAvailability(this.userId, { availability, online: true })
      return { user: this.userId, name: this.userName(this.userId), availability, online: true }
    },
  }

  private act(kind: string, id: string, detail: string | undefined, change: (c: FakeConversation) => void, template?: TemplateUse): Promise<ActionReceipt> {
    const c = this.conversations.get(id)
    const error = this.failNext ?? (c ? null : new HuddleError('not-found', `There is no conversation \`${id}\`.`))
    this.failNext = null
    if (error || !c) return Promise.reject(error)
    change(c)
    this.clock += 1000
    this.calls.push({ kind, conversation: id, ...(detail === undefined ? {} : { detail }), ...(template === undefined ? {} : { template }) })
    this.touch()
    return Promise.resolve({ id: `a-${this.calls.length}`, kind: kind as ActionReceipt['kind'], conversation: id, acknowledged: Promise.resolve() })
  }
}

/** The usual team: alice (the agent; no WhatsApp licence), bob and carol; Sales with all three, Support with alice and bob, and alice's personal inbox. */
export function teamSource(): FakeSource {
  return new FakeSource('alice')
    .addUser('alice', 'Alice Martin', ['sms', 'chat'])
    .addUser('bob', 'Bob Jones')
    .addUser('carol', 'Carol Diaz')
    .addInbox('sales', 'Sales', ['alice', 'bob', 'carol'])
    .addInbox('support', 'Support', ['alice', 'bob'])
    .addPersonal()
}

/** Sales with a 30-minute first-response target: Ann waited from T0, Ben from T0+25m, Cleo was answered. */
export function slaSource(): FakeSource {
  const source = new FakeSource('alice').addUser('alice', 'Alice Martin').addInbox('sales', 'Sales', ['alice'], { firstResponseMs: 30 * 60_000, warnBeforeMs: 0 })
  const waiting = (startedAt: number) => ({ startedAt, responses: null, isOpen: true, paused: [] })
  source.addConversation({ id: 'c-ann', inbox: 'inbox/sales', contactName: 'Ann Lee', preview: 'Hello?', lastMessageAt: T0 + 35 * 60_000, slaFacts: waiting(T0) })
  source.addConversation({ id: 'c-ben', inbox: 'inbox/sales', contactName: 'Ben Ode', preview: 'Any news?', lastMessageAt: T0 + 38 * 60_000, slaFacts: waiting(T0 + 25 * 60_000) })
  source.addConversation({
    id: 'c-cleo',
    inbox: 'inbox/sales',
    contactName: 'Cleo Park',
    preview: 'Thanks!',
    lastMessageAt: T0 + 39 * 60_000,
    slaFacts: { startedAt: T0, responses: [T0 + 5 * 60_000, T0 + 5 * 60_000, null], isOpen: true, paused: [] },
  })
  return source
}
