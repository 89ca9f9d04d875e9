/**
 * An inbox as one member sees it: every conversation's summary and folded
 * assignment state, cached per conversation and recomputed only for the
 * conversations a change touched (or all of them when membership changed),
 * so a 10,000-conversation inbox stays cheap to list after each change.
 */
import * as Y from 'yjs'
import { isAssignmentEvent, type AssignmentEvent } from '../../core/assignment-event.js'
import type { ConversationState, Snooze } from '../../core/fold.js'
import { InboxDoc, type ConversationSummary } from '../../core/inbox-doc.js'
import { decodeEvent } from '../../core/inbox-layout.js'
import { isInboxMember, type InboxAccess } from '../../core/permissions.js'
import type { Priority } from '../../core/priority.js'
import { wakeTime } from '../../core/snooze.js'
import { slaFactsOf, type SlaFacts } from '../../core/sla.js'
import { countViews, viewOf, type View, type ViewCounts } from '../../core/views.js'

export type ConversationEntry = { readonly summary: ConversationSummary; readonly state: ConversationState }

/** One line of a view list. */
export type ConversationRow = {
  readonly id: string
  /** The inbox document it lives in (`inbox/<id>` or `personal/<user>`). */
  readonly inbox: string
  readonly channel: ConversationSummary['channel']
  readonly contact: string
  readonly contactName: string | null
  readonly preview: string
  readonly lastMessageAt: number
  /** When the customer last wrote (absent in rows from the replica's view cache). */
  readonly lastInboundAt?: number | null
  /** What its SLA due times are computed from (absent in rows from the replica's view cache). */
  readonly slaFacts?: SlaFacts
  readonly status: ConversationState['status']
  readonly assignee: string | null
  /** The snooze in force, if any (asleep or not is `view`'s). */
  readonly snooze: Snooze | null
  /** Label ids as folded, sorted (those removed from the catalogue included: readers hide them). */
  readonly labels: readonly string[]
  readonly priority: Priority
  readonly view: View
}

/** The row of a conversation of inbox document `inbox`, as user `me` sees it at `now` (corrected clock). */
export function rowOf(inbox: string, entry: ConversationEntry, me: string, now: number): ConversationRow {
  const { summary, state } = entry
  return {
    id: summary.id,
    inbox,
    channel: summary.channel,
    contact: summary.contact,
    contactName: summary.contactName,
    preview: summary.preview,
    lastMessageAt: summary.lastMessageAt,
    lastInboundAt: summary.lastInboundAt,
    slaFacts: slaFactsOf(summary, state),
    status: state.status,
    assignee: state.assignee,
    snooze: state.snooze,
    labels: state.labels,
    priority: state.priority,
    view: viewOf(state, me, { now, lastInboundAt: summary.lastInboundAt }),
  }
}

export class InboxView {
  readonly inbox: InboxDoc
  private readonly cache = new Map<string, ConversationEntry>()
  private readonly observer: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void

  constructor(
    readonly name: string,
    doc: Y.Doc,
    private readonly access: () => InboxAccess | null,
    private readonly userId: () => string | null,
    /** The corrected clock the views are decided at. */
    private readonly now: () => number,
    /** Called with the assignment events that arrive, so a clock can follow them. */
    onEvents: (events: readonly AssignmentEvent[]) => void,
  ) {
    this.inbox = new InboxDoc(doc)
    this.observer = (events) => {
      const arrived: AssignmentEvent[] = []
      for (const event of events) {
        if (event instanceof Y.YMapEvent && event.target === this.inbox.conversations) {
          for (const id of event.keysChanged) this.cache.delete(id)
          continue
        }
        const id = event.path[0]
        if (typeof id === 'string') this.cache.delete(id)
        if (event.target instanceof Y.Array)
          for (const part of event.changes.delta) if (Array.isArray(part.insert)) arrived.push(...part.insert.map(decodeEvent).filter(isAssignmentEvent))
      }
      if (arrived.length > 0) onEvents(arrived)
    }
    this.inbox.conversations.observeDeep(this.observer)
  }

  /** Every event of the inbox (to set a clock past them on load). */
  allEvents(): AssignmentEvent[] {
    return this.inbox.ids().flatMap((id) => this.inbox.events(id))
  }

  /** Forgets every folded state, e.g. when the inbox's members changed. */
  invalidate(): void {
    this.cache.clear()
  }

  has(id: string): boolean {
    return this.inbox.has(id)
  }

  isMember(userId: string): boolean {
    return isInboxMember(this.access(), userId)
  }

  entry(id: string): ConversationEntry | undefined {
    const cached = this.cache.get(id)
    if (cached) return cached
    const summary = this.inbox.summary(id)
    if (!summary) return undefined
    const entry = { summary, state: this.inbox.state(id, (user) => this.isMember(user)) }
    this.cache.set(id, entry)
    return entry
  }

  entries(): ConversationEntry[] {
    const entries: ConversationEntry[] = []
    for (const id of this.inbox.conversations.keys()) {
      const entry = this.entry(id)
      if (entry) entries.push(entry)
    }
    return entries
  }

  row(entry: ConversationEntry): ConversationRow {
    return rowOf(this.name, entry, this.userId() ?? '', this.now())
  }

  /** The rows of one view (or all), newest message first. */
  rows(view?: View): ConversationRow[] {
    const me = this.userId() ?? ''
    const now = this.now()
    return this.entries()
      .map((entry) => rowOf(this.name, entry, me, now))
      .filter((row) => view === undefined || row.view === view)
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? -1 : 1))
  }

  counts(): ViewCounts {
    return countViews(
      this.entries().map(({ state, summary }) => ({ state, lastInboundAt: summary.lastInboundAt })),
      this.userId() ?? '',
      this.now(),
    )
  }

  /** The soonest time a conversation asleep now wakes by its time (null: none does), for a timer to re-evaluate the views at. */
  nextWake(): number | null {
    const now = this.now()
    let soonest: number | null = null
    for (const { state, summary } of this.entries()) {
      const at = wakeTime(state.snooze, now, summary.lastInboundAt)
      if (at !== null && (soonest === null || at < soonest)) soonest = at
    }
    return soonest
  }

  /** The ids of the `n` conversations with the newest messages. */
  recent(n: number): string[] {
    return this.entries()
      .sort((a, b) => b.summary.lastMessageAt - a.summary.lastMessageAt)
      .slice(0, n)
      .map((entry) => entry.summary.id)
  }

  destroy(): void {
    this.inbox.conversations.unobserveDeep(this.observer)
  }
}
