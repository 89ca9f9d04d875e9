/**
 * A DashboardSource in memory for the component tests: users, inboxes and
 * conversations held as plain data; actions change them (claims follow the
 * fold's first-claim rule) and are recorded; every change notifies the
 * subscribed topics at once, so a test sees the next frame right away.
 */
import type { ActionReceipt, ClientStatus, ConversationHandle, InboxInfo, InboxSnapshot, SyncReport } from '../../../cli/client/huddle-client.js'
import type { HistoryPage } from '../../../cli/client/history-records.js'
import type { ConversationDetail, HistoryLine, MessageLine, NoteLine } from '../../../cli/client/conversation-view.js'
import type { ConversationRow } from '../../../cli/client/inbox-view.js'
import type { Notice } from '../../../cli/client/merge-notices.js'
import type { PresenceEntry } from '../../../cli/client/presence.js'
import type { DashboardSource } from '../../../cli/dashboard/dashboard-source.js'
import type { Consent } from '../../../core/consent.js'
import { HuddleError } from '../../../core/errors.js'
import { replyRefusal } from '../../../core/reply-rules.js'
import { parseTemplate, type Template, type TemplateUse } from '../../../core/template.js'
import type { Channel, User } from '../../../core/users.js'
import { countViews, viewOf } from '../../../core/views.js'

export const T0 = Date.UTC(2025, 10, 25, 9, 0, 0)

export type FakeConversation = {
  id: string
  inbox: string
  channel: Channel
  contact: string
  contactName: string | null
  preview: string
  lastMessageAt: number
  lastInboundAt: number | null
  status: 'open' | 'archived'
  assignee: string | null
  messages: MessageLine[]
  notes: NoteLine[]
  history: HistoryLine[]
  isLoaded: boolean
  consent: Consent | null
}

export type FakeInbox = { doc: string; id: string; kind: 'shared' | 'personal'; name: string; members: string[] }

export type Call = { readonly kind: string; readonly conversation?: string; readonly detail?: string; readonly template?: TemplateUse }

type Listener = (value: never) => void

export class FakeSource implements DashboardSource {
  readonly users = new Map<string, User>()
  readonly inboxes: FakeInbox[] = []
  readonly conversations = new Map<string, FakeConversation>()
  noticeList: Notice[] = []
  readonly reported = new Set<string>()
  readonly calls: Call[] = []
  /** Conversations open for viewing now, and whether the agent is typing in each. */
  readonly open = new Map<string, boolean>()
  /** Every conversation opened, in order. */
  readonly opened: string[] = []
  readonly present = new Map<string, PresenceEntry[]>()
  readonly templateList: Record<string, Template> = {}
  currentStatus: ClientStatus = { connection: { kind: 'online' }, pending: 0 }
  /** When set, the next action fails with it. */
  failNext: HuddleError | null = null
  private readonly listeners = new Map<string, Set<{ compute: () => unknown; listener: Listener }>>()
  private clock = T0 + 3_600_000

  constructor(readonly userId: string) {}

  // ── setting up ───────────────────────────────────────────────────────
  addUser(id: string, name: string, licences: User['licences'] = ['sms', 'whatsapp', 'chat']): this {
    this.users.set(id, { id, name, permission: 'basic', licences })
    return this
  }

  addInbox(id: string, name: string, members: string[]): this {
    this.inboxes.push({ doc: `inbox/${id}`, id, kind: 'shared', name, members })
    return this
  }

  addPersonal(): this {
    this.inboxes.push({ doc: `personal/${this.userId}`, id: `@${this.userId}`, kind: 'personal', name: 'Personal', members: [this.userId] })
    return this
  }

  /** Adds a template as an admin would (validated by core). */
  addTemplate(input: { name: string; channel: Channel; body: string; kind?: Template['kind'] }): this {
    this.templateList[input.name] = parseTemplate(input)
    return this
  }

  addConversation(c: Partial<FakeConversation> & Pick<FakeConversation, 'id' | 'inbox'>): FakeConversation {
    const at = c.lastMessageAt ?? T0 + this.conversations.size * 60_000
    const conversation: FakeConversation = {
      channel: 'sms',
      contact: `+1555000${String(this.conversations.size).padStart(4, '0')}`,
      contactName: null,
      preview: 'Hello',
      lastInboundAt: at,
      status: 'open',
      assignee: null,
      messages: [],
      notes: [],
      history: [],
      isLoaded: true,
      consent: null,
      ...c,
      lastMessageAt: at,
    }
    if (conversation.messages.length === 0 && conversation.isLoaded)
      conversation.messages.push({ id: `m-${c.id}`, direction: 'in', author: conversation.contact, body: conversation.preview, at, status: null })
    this.conversations.set(c.id, conversation)
    this.touch()
    return conversation
  }

  /** Changes a conversation as a remote change would, and notifies. */
  change(id: string, change: (c: FakeConversation) => void): void {
    change(this.conversations.get(id)!)
    this.touch()
  }

  setNotices(notices: Notice[]): void {
    this.noticeList = notices
    this.touch()
  }

  setStatus(status: ClientStatus): void {
    this.currentStatus = status
    this.touch()
  }

  setPresence(id: string, entries: PresenceEntry[]): void {
    this.present.set(id, entries)
    this.touch()
  }

  /** Recomputes every subscribed topic and calls its listeners. */
  touch(): void {
    for (const subscriptions of this.listeners.values()) for (const s of subscriptions) s.listener(s.compute() as never)
  }

  /** Nothing waits: every change notifies at once. */
  flushNotifications(): void {}

  private subscribe<T>(key: string, compute: () => T, listener: (value: T) => void): () => void {
    const entry = { compute, listener: listener as Listener }
    const set = this.listeners.get(key) ?? new Set()
    set.add(entry)
    this.listeners.set(key, set)
    return () => void set.delete(entry)
  }

  // ── reads ────────────────────────────────────────────────────────────
  me(): User | null {
    return this.users.get(this.userId) ?? null
  }

  userName(id: string): string {
    return this.users.get(id)?.name ?? id
  }

  private rowOf(c: FakeConversation): ConversationRow {
    return {
      id: c.id,
      inbox: c.inbox,
      channel: c.channel,
      contact: c.contact,
      contactName: c.contactName,
      preview: c.preview,
      lastMessageAt: c.lastMessageAt,
      lastInboundAt: c.lastInboundAt,
      status: c.status,
      assignee: c.assignee,
      view: viewOf(c, this.userId),
    }
  }

  private rowsOf(inbox: string): ConversationRow[] {
    return [...this.conversations.values()]
      .filter((c) => c.inbox === inbox)
      .map((c) => this.rowOf(c))
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : 1))
  }

  inboxList(): InboxInfo[] {
    return this.inboxes.map((i) => ({ ...i, counts: countViews([...this.conversations.values()].filter((c) => c.inbox === i.doc), this.userId) }))
  }

  inboxSnapshot(inbox: string): InboxSnapshot | null {
    const info = this.inboxList().find((i) => i.doc === inbox)
    return info ? { inbox: info, rows: this.rowsOf(inbox), counts: info.counts } : null
  }

  conversation(id: string): ConversationDetail | null {
    const c = this.conversations.get(id)
    if (!c) return null
    return {
      ...this.rowOf(c),
      address: '+15550100',
      createdAt: T0,
      linkedTo: null,
      isLoaded: c.isLoaded,
      messages: [...c.messages],
      notes: [...c.notes],
      history: [...c.history],
      consent: c.consent,
    }
  }

  templates(): Record<string, Template> {
    return { ...this.templateList }
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

  onInboxes(listener: (inboxes: InboxInfo[]) => void): () => void {
    return this.subscribe('inboxes', () => this.inboxList(), listener)
  }

  onInbox(inbox: string, listener: (snapshot: InboxSnapshot | null) => void): () => void {
    return this.subscribe(`inbox:${inbox}`, () => this.inboxSnapshot(inbox), listener)
  }

  onConversation(id: string, listener: (conversation: ConversationDetail | null) => void): () => void {
    return this.subscribe(`conversation:${id}`, () => this.conversation(id), listener)
  }

  onPresence(id: string, listener: (present: PresenceEntry[]) => void): () => void {
    return this.subscribe(`presence:${id}`, () => this.presence(id), listener)
  }

  onNotices(listener: (notices: Notice[]) => void): () => void {
    return this.subscribe('notices', () => this.notices(), listener)
  }

  onStatus(listener: (status: ClientStatus) => void): () => void {
    return this.subscribe('status', () => this.status(), listener)
  }

  // ── actions ──────────────────────────────────────────────────────────
  async openConversation(id: string): Promise<ConversationHandle> {
    this.opened.push(id)
    this.open.set(id, false)
    return {
      id,
      setTyping: (isTyping) => {
        if (this.open.has(id)) this.open.set(id, isTyping)
      },
      close: () => {
        this.open.delete(id)
      },
    }
  }

  markReported(keys: readonly string[]): void {
    for (const key of keys) this.reported.add(key)
    this.touch()
  }

  private act(kind: string, id: string, change: (c: FakeConversation) => void, detail?: string, template?: TemplateUse): Promise<ActionReceipt> {
    if (this.failNext) {
      const error = this.failNext
      this.failNext = null
      return Promise.reject(error)
    }
    const c = this.conversations.get(id)
    if (!c) return Promise.reject(new HuddleError('not-found', `There is no conversation \`${id}\`.`))
    change(c)
    this.clock += 1000
    this.calls.push({ kind, conversation: id, ...(detail === undefined ? {} : { detail }), ...(template === undefined ? {} : { template }) })
    this.touch()
    return Promise.resolve({ id: `a-${this.calls.length}`, kind: kind as ActionReceipt['kind'], conversation: id, acknowledged: Promise.resolve() })
  }

  private event(c: FakeConversation, kind: HistoryLine['kind'], outcome: 'applied' | 'lost' = 'applied', to?: string): void {
    c.history.push({
      id: `e-${c.history.length}`,
      kind,
      actor: this.userId,
      at: this.clock,
      stamp: String(this.clock),
      outcome,
      assignee: c.assignee,
      status: c.status,
      ...(to === undefined ? {} : { to }),
    })
  }

  claim(id: string): Promise<ActionReceipt> {
    return this.act('claim', id, (c) => {
      c.assignee = this.userId
      this.event(c, 'claim')
    })
  }

  takeover(id: string): Promise<ActionReceipt> {
    return this.act('takeover', id, (c) => {
      c.assignee = this.userId
      this.event(c, 'takeover')
    })
  }

  assign(id: string, to: string): Promise<ActionReceipt> {
    return this.act(
      'assign',
      id,
      (c) => {
        c.assignee = to
        this.event(c, 'assign', 'applied', to)
      },
      to,
    )
  }

  unassign(id: string): Promise<ActionReceipt> {
    return this.act('unassign', id, (c) => {
      c.assignee = null
      this.event(c, 'unassign')
    })
  }

  archive(id: string): Promise<ActionReceipt> {
    return this.act('archive', id, (c) => {
      c.status = 'archived'
      this.event(c, 'archive')
    })
  }

  unarchive(id: string): Promise<ActionReceipt> {
    return this.act('unarchive', id, (c) => {
      c.status = 'open'
      this.event(c, 'unarchive')
    })
  }

  /** A reply, refused by the same rules as the client's (templates, SMS consent, WhatsApp's window). */
  reply(id: string, body: string, template?: TemplateUse): Promise<ActionReceipt> {
    const c = this.conversations.get(id)
    const inboundTimes = c?.messages.filter((m) => m.direction === 'in').map((m) => m.at) ?? []
    const refusal = c
      ? replyRefusal(
          { conversation: id, channel: c.channel, body, template: template ?? null, at: this.clock },
          { inboundTimes: c.lastInboundAt === null ? inboundTimes : [...inboundTimes, c.lastInboundAt], consent: c.consent, templates: this.templateList },
        )
      : null
    if (refusal) return Promise.reject(refusal)
    return this.act(
      'reply',
      id,
      (c) => {
        c.messages.push({ id: `r-${c.messages.length}`, direction: 'out', author: this.userId, body, at: this.clock, status: 'pending' })
        c.lastMessageAt = this.clock
        c.preview = body
      },
      body,
      template,
    )
  }

  note(id: string, body: string): Promise<ActionReceipt> {
    return this.act(
      'note',
      id,
      (c) => {
        c.notes.push({ id: `n-${c.notes.length}`, author: this.userId, body, at: this.clock, mentions: [...body.matchAll(/@([a-z][a-z0-9-]*)/g)].map((m) => m[1]!) })
      },
      body,
    )
  }

  decideHeld(messageId: string, decision: 'send' | 'discard'): Promise<ActionReceipt> {
    const notice = this.noticeList.find((n) => n.kind === 'held' && n.message === messageId)
    if (!notice || notice.kind !== 'held') return Promise.reject(new HuddleError('not-found', `No held reply \`${messageId}\`.`))
    return this.act(decision === 'send' ? 'send-held' : 'discard-held', notice.conversation, () => {}, messageId)
  }

  async syncEverything(): Promise<SyncReport> {
    return { connection: this.currentStatus.connection, acknowledged: 0, pending: 0, conversations: 0, evicted: 0 }
  }

  /** The fake keeps no history: everything it holds is live (the live dashboard test pages a real server's). */
  async historyPage(): Promise<HistoryPage> {
    return { records: [], hasMore: false }
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
