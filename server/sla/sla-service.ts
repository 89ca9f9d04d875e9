/**
 * SLA on the server (docs/design.md, "SLA"): keeps each inbox entry's
 * `responses` true to its conversation's messages, and records every breach
 * once per conversation, target and occurrence, settling it when the target
 * is met. Checks run on document changes (debounced per document) and in a
 * sweep every `sweepMs` by the injectable `now`.
 *
 * Deps: `records` (RecordStore: the breaches), `hub` (DocumentHub),
 * `directory` (DirectoryAccess: policies, members), `history` (HistoryStore:
 * the records of conversations already moved, whose `responses` it keeps true
 * too), `now`, `sweepMs`,
 * `debounceMs`, `log`.
 */
import type * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { findInbox, inboxById, listInboxes } from '../../core/directory.js'
import { inboxDocName, parseDocName } from '../../core/doc-names.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { authorize, decide, isInboxMember } from '../../core/permissions.js'
import { responsesOf, slaFactsOf, slaTargets, type Responses } from '../../core/sla.js'
import { breachChanges, type SlaBreach } from '../../core/sla-breach.js'
import type { SlaKind } from '../../core/sla-policy.js'
import type { User } from '../../core/users.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import type { HistoryStore } from '../history/history-store.js'
import { KeyedDebounce } from '../search/keyed-debounce.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'

export type SlaDeps = {
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly directory: DirectoryAccess
  /** Where a conversation moved out of its live inbox is kept: its `responses` are kept true there too. */
  readonly history: HistoryStore
  readonly now?: () => number
  /** How often every open conversation of an inbox with a policy is checked (0: no timer; `sweep()` only). */
  readonly sweepMs?: number
  readonly debounceMs?: number
  readonly log?: (line: string) => void
}

export const DEFAULT_SLA_SWEEP_MS = 30_000
const BREACH_PREFIX = 'sla/breach/'

function breachKey(conversation: string, kind: SlaKind, startedAt: number): string {
  return `${BREACH_PREFIX}${conversation}/${kind}/${startedAt}`
}

const NONE_BREACHED: ReadonlySet<SlaKind> = new Set()

/** Replies that went or are going out: held and discarded ones answered nobody. */
const UNSENT = new Set(['held', 'discarded'])

export class SlaService {
  private readonly now: () => number
  /** Keys of every breach recorded, so each is recorded once. */
  private readonly recorded = new Set<string>()
  /** The targets breached, by conversation, for reports. */
  private readonly breachedKinds = new Map<string, Set<SlaKind>>()
  /** Breaches not yet met, by conversation. */
  private readonly unmet = new Map<string, SlaBreach[]>()
  private readonly work: KeyedDebounce<string, true>
  private readonly unsubscribe: () => void
  private readonly timer: NodeJS.Timeout | null

  private constructor(
    private readonly deps: SlaDeps,
    stored: ReadonlyArray<{ key: string; value: SlaBreach }>,
  ) {
    this.now = deps.now ?? Date.now
    for (const { key, value } of stored) {
      this.recorded.add(key)
      this.noteBreached(value)
      if (value.metAt === null) this.remember(value)
    }
    this.work = new KeyedDebounce<string, true>(
      deps.debounceMs ?? 200,
      () => true,
      (name) => this.onQuiet(name),
      (name, error) => deps.log?.(`Could not check the SLA of ${name}: ${(error as Error).message}`),
    )
    // Only clients' updates: a document merely loaded (user null) changed nothing, and the server's own reads load documents.
    this.unsubscribe = deps.hub.observe((name, _doc, user) => {
      if (user !== null) this.onDocument(name)
    })
    const sweepMs = deps.sweepMs ?? DEFAULT_SLA_SWEEP_MS
    this.timer = sweepMs > 0 ? setInterval(() => void this.work.enqueue(() => this.sweep()).catch((e: unknown) => deps.log?.(`SLA sweep failed: ${(e as Error).message}`)), sweepMs) : null
    this.timer?.unref()
  }

  static async start(deps: SlaDeps): Promise<SlaService> {
    return new SlaService(deps, await deps.records.list<SlaBreach>(BREACH_PREFIX))
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.unsubscribe()
    await this.work.close()
  }

  /** Checks every open conversation of every inbox with a policy, at `now`. */
  async sweep(): Promise<void> {
    for (const inbox of listInboxes(this.deps.directory.directory)) if (inbox.sla) await this.checkInbox(inboxDocName(inbox.id))
  }

  /** Resolves once the checks of the changes seen so far are done. */
  idle(): Promise<void> {
    return this.work.enqueue(async () => {})
  }

  /** The breaches `actor` may read (of one inbox, or all), newest breach first. */
  async list(actor: User, inboxRef: string | null): Promise<SlaBreach[]> {
    const dir = this.deps.directory.directory
    const only = inboxRef === null ? null : inboxDocName(findInbox(dir, inboxRef).id)
    if (only !== null) authorize(actor, { kind: 'read-sla-breaches', inbox: this.access(only) })
    const all = await this.deps.records.list<SlaBreach>(BREACH_PREFIX)
    return all
      .map((r) => r.value)
      .filter((b) => (only === null ? decide(actor, { kind: 'read-sla-breaches', inbox: this.access(b.inbox) }).allowed : b.inbox === only))
      .sort((a, b) => b.breachedAt - a.breachedAt || (a.conversation < b.conversation ? -1 : 1))
  }

  private access(inboxDoc: string) {
    // A deleted inbox has no members left: only admins and team leaders still see its breaches.
    return this.deps.directory.inboxAccess(inboxDoc) ?? { kind: 'shared' as const, name: inboxDoc, members: [] }
  }

  private onDocument(name: string): void {
    const kind = parseDocName(name)?.kind
    if (kind === 'conversation' || kind === 'inbox') this.work.touch(name, true)
  }

  private async onQuiet(name: string): Promise<void> {
    const parsed = parseDocName(name)
    if (parsed?.kind === 'conversation') {
      const inboxDoc = await this.refreshResponses(name, parsed.id)
      if (inboxDoc !== null) await this.checkInbox(inboxDoc, [parsed.id])
    } else if (parsed?.kind === 'inbox') await this.checkInbox(name)
  }

  /** Writes the entry's `responses` from the conversation's messages when they differ; answers its inbox document. */
  private async refreshResponses(name: string, id: string): Promise<string | null> {
    const read = await this.deps.hub.read(name, (doc: Y.Doc) => {
      const conversation = new ConversationDoc(doc)
      const meta = conversation.readMeta()
      const sent = conversation.readMessages().filter((m) => m.direction === 'in' || !UNSENT.has(m.delivery?.status ?? ''))
      return meta === undefined ? null : { inbox: meta.inbox, responses: responsesOf(sent) }
    })
    if (read === null || parseDocName(read.inbox)?.kind !== 'inbox') return null
    const responses: Responses = read.responses
    const current = await this.deps.hub.read(read.inbox, (doc) => new InboxDoc(doc).summary(id))
    const differs = (stored: Responses | null | undefined): boolean => JSON.stringify(stored ?? null) !== JSON.stringify(responses)
    if (current) {
      if (differs(current.responses)) await this.deps.hub.change(read.inbox, (doc) => new InboxDoc(doc).updateSummary(id, { responses }))
      return read.inbox
    }
    // Archived and moved to history before this reply was counted (an inbox keeping 0 days):
    // the record is what reports read, so it is brought up to date instead.
    const record = await this.deps.history.get(id)
    if (record !== undefined && differs(record.responses)) await this.deps.history.put([{ ...record, responses }])
    return read.inbox
  }

  /** Checks the conversations of an inbox (all, or `only`) and stores what changed in one batch. */
  private async checkInbox(inboxDoc: string, only?: readonly string[]): Promise<void> {
    const ref = parseDocName(inboxDoc)
    const policy = ref?.kind === 'inbox' ? inboxById(this.deps.directory.directory, ref.id)?.sla : undefined
    // Without a policy nothing is recorded, and breaches left open by a cleared policy stay as they were.
    if (policy === undefined) return
    const access = this.deps.directory.inboxAccess(inboxDoc)
    const now = this.now()
    const changes = await this.deps.hub.read(inboxDoc, (doc) => {
      const inbox = new InboxDoc(doc)
      const found: SlaBreach[] = []
      for (const conversation of only ?? inbox.ids()) {
        const summary = inbox.summary(conversation)
        const unmet = this.unmet.get(conversation) ?? []
        if (!summary) continue
        const state = inbox.state(conversation, (user) => isInboxMember(access, user))
        const facts = slaFactsOf(summary, state)
        found.push(
          ...breachChanges({
            conversation,
            inbox: inboxDoc,
            assignee: state.assignee,
            facts,
            targets: slaTargets(facts, policy),
            unmet,
            isRecorded: (kind, startedAt) => this.recorded.has(breachKey(conversation, kind, startedAt)),
            now,
          }),
        )
      }
      return found
    })
    if (changes.length === 0) return
    await this.deps.records.batch(changes.map((b) => ({ type: 'put' as const, key: breachKey(b.conversation, b.kind, b.startedAt), value: b })))
    for (const breach of changes) {
      const key = breachKey(breach.conversation, breach.kind, breach.startedAt)
      this.recorded.add(key)
      this.noteBreached(breach)
      const rest = (this.unmet.get(breach.conversation) ?? []).filter((b) => breachKey(b.conversation, b.kind, b.startedAt) !== key)
      this.unmet.set(breach.conversation, rest)
      if (breach.metAt === null) this.remember(breach)
      if ((this.unmet.get(breach.conversation) ?? []).length === 0) this.unmet.delete(breach.conversation)
    }
  }

  /** The targets of a conversation a breach was ever recorded for. */
  breachedTargets(conversation: string): ReadonlySet<SlaKind> {
    return this.breachedKinds.get(conversation) ?? NONE_BREACHED
  }

  private noteBreached(breach: SlaBreach): void {
    let kinds = this.breachedKinds.get(breach.conversation)
    if (!kinds) this.breachedKinds.set(breach.conversation, (kinds = new Set()))
    kinds.add(breach.kind)
  }

  private remember(breach: SlaBreach): void {
    this.unmet.set(breach.conversation, [...(this.unmet.get(breach.conversation) ?? []), breach])
  }
}
