/**
 * The one authority that assigns conversations automatically. For an inbox
 * with auto-assignment on, a pass reads the stored inbox document, asks
 * core/auto-assign.ts who gets which waiting conversation, and appends the
 * `auto-assign` events through the hub (durably stored before it resolves).
 *
 * Exactly once without a journal: a pass decides only from the stored
 * document, and each event's id derives from the arrival that made the
 * conversation wait. A crash before the store leaves it waiting, so the next
 * pass decides again; a crash after leaves it assigned; and the same arrival
 * can never be answered twice, since the change re-checks the wait and the id.
 *
 * Passes run one at a time; each inbox's triggers within `debounceMs` make
 * one pass. Triggers: any stored change to the inbox document (a conversation
 * routed, reopened, unarchived, unassigned, archived…), a stored change to
 * `org` (a member joins, the setting changes), a member's availability or
 * online state (AvailabilityService.onChange), and the start (a re-scan).
 */
import {
  autoAssignEventId,
  decideAutoAssignments,
  lastAutoAssigned,
  inboxWork,
  waitOf,
  type AutoAssignment,
  type StoredConversation,
} from '../../core/auto-assign.js'
import type { AvailabilityStatus } from '../../core/availability.js'
import type { Directory } from '../../core/directory.js'
import { inboxDocName, parseInboxRef } from '../../core/doc-names.js'
import { HybridClock } from '../../core/hlc.js'
import { autoAssignSettingOf, type Inbox } from '../../core/inbox.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { isInboxMember, type InboxAccess } from '../../core/permissions.js'
import { SYSTEM_ACTOR } from '../../core/users.js'
import { SerialQueue } from '../directory/serial-queue.js'
import type { DocumentHub } from '../sync/document-hub.js'

export type AutoAssignerDeps = {
  readonly hub: DocumentHub
  readonly directory: () => Directory
  /** A member's availability and online state now. */
  readonly status: (userId: string) => AvailabilityStatus
  readonly now: () => number
  /** How long an inbox's triggers are gathered into one pass (default 50 ms). */
  readonly debounceMs?: number
  readonly log?: (line: string) => void
}

export const DEFAULT_AUTO_ASSIGN_DEBOUNCE_MS = 50
/** The longest a wake timer waits before the inbox is looked at again (a clock may be set meanwhile). */
const MAX_WAKE_DELAY_MS = 60 * 60_000

export class AutoAssigner {
  private readonly queue = new SerialQueue()
  private readonly clock: HybridClock
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** Per inbox, a pass when its soonest snooze wakes by its time: no document changes then, yet a conversation starts to wait. */
  private readonly wakeTimers = new Map<string, NodeJS.Timeout>()
  private closed = false

  constructor(private readonly deps: AutoAssignerDeps) {
    this.clock = new HybridClock(deps.now)
  }

  /** Passes over every inbox with auto-assignment on: at start, conversations may have waited through a restart. */
  rescan(): void {
    for (const inbox of this.enabledInboxes()) this.schedule(inbox.id)
  }

  /** A stored change to a document: its inbox (if one) or, for `org`, every enabled inbox may have work. */
  onStored(docName: string): void {
    if (docName === 'org') return this.rescan()
    const ref = parseInboxRef(docName)
    if (ref?.kind === 'inbox') this.schedule(ref.id)
  }

  /** A user's availability or online state changed: the inboxes they are a member of may have work. */
  onAvailability(userId: string): void {
    for (const inbox of this.enabledInboxes()) if (inbox.members.includes(userId)) this.schedule(inbox.id)
  }

  /** Stops scheduling; waits for the pass in progress. */
  async close(): Promise<void> {
    this.closed = true
    for (const timer of [...this.timers.values(), ...this.wakeTimers.values()]) clearTimeout(timer)
    this.timers.clear()
    this.wakeTimers.clear()
    await this.queue.idle()
  }

  private enabledInboxes(): Inbox[] {
    return Object.values(this.deps.directory().inboxes).filter((inbox) => autoAssignSettingOf(inbox).mode !== 'off')
  }

  private schedule(inboxId: string): void {
    if (this.closed || this.timers.has(inboxId)) return
    const inbox = this.deps.directory().inboxes[inboxId]
    if (inbox === undefined || autoAssignSettingOf(inbox).mode === 'off') return
    const timer = setTimeout(() => {
      this.timers.delete(inboxId)
      this.queue
        .run(() => this.pass(inboxId))
        .catch((error: unknown) => this.deps.log?.(`auto-assign: the pass over inbox \`${inboxId}\` failed and runs again at the next change: ${error instanceof Error ? error.message : String(error)}`))
    }, this.deps.debounceMs ?? DEFAULT_AUTO_ASSIGN_DEBOUNCE_MS)
    this.timers.set(inboxId, timer)
  }

  /** One inbox: decide from the stored document, then store the decisions. */
  private async pass(inboxId: string): Promise<void> {
    const inbox = this.deps.directory().inboxes[inboxId]
    if (this.closed || inbox === undefined) return
    const setting = autoAssignSettingOf(inbox)
    if (setting.mode === 'off') return
    const access: InboxAccess = { kind: 'shared', name: inbox.name, members: inbox.members }
    const isMember = (id: string): boolean => isInboxMember(access, id)
    const docName = inboxDocName(inboxId)
    const now = this.deps.now()
    const { decided, wake } = await this.deps.hub.read(docName, (doc) => {
      const conversations = storedConversations(new InboxDoc(doc))
      const work = inboxWork(conversations, isMember, now)
      return {
        wake: work.wake,
        decided: decideAutoAssignments({
          setting,
          waiting: work.waiting,
          candidates: inbox.members.map((user) => ({ user, ...this.deps.status(user), open: work.open.get(user) ?? 0 })),
          lastAssigned: lastAutoAssigned(conversations),
        }),
      }
    })
    this.scheduleWake(inboxId, wake, now)
    if (decided.length === 0) return
    // Said before the store, so a crash test can stop the process between the two.
    this.deps.log?.(`auto-assign: decided ${decided.map((d) => `${d.wait.conversation} → ${d.to}`).join(', ')}`)
    await this.deps.hub.change(docName, (doc) => this.store(new InboxDoc(doc), decided, isMember))
  }

  /** A pass at `wake` (the server's clock), replacing the one planned; at most an hour ahead, then looked at again. */
  private scheduleWake(inboxId: string, wake: number | null, now: number): void {
    const planned = this.wakeTimers.get(inboxId)
    if (planned !== undefined) clearTimeout(planned)
    this.wakeTimers.delete(inboxId)
    if (wake === null || this.closed) return
    const timer = setTimeout(() => {
      this.wakeTimers.delete(inboxId)
      this.schedule(inboxId)
    }, Math.min(Math.max(0, wake - now), MAX_WAKE_DELAY_MS))
    timer.unref?.()
    this.wakeTimers.set(inboxId, timer)
  }

  private store(inbox: InboxDoc, decided: readonly AutoAssignment[], isMember: (id: string) => boolean): void {
    const time = this.deps.now()
    for (const { wait, to } of decided) {
      const summary = inbox.summary(wait.conversation)
      if (summary === undefined) continue
      const events = inbox.events(wait.conversation)
      const id = autoAssignEventId(wait)
      // Re-checked inside the change: a claim, a snooze or another arrival since the read makes this decision stale.
      const now = waitOf({ id: wait.conversation, createdAt: summary.createdAt, lastInboundAt: summary.lastInboundAt, events }, isMember, time)
      if (now === null || now.arrival !== wait.arrival || events.some((e) => e.id === id)) continue
      // Stamped after every event seen, so it sorts after the arrival it answers.
      for (const event of events) this.clock.observe(event.at)
      inbox.appendEvent(wait.conversation, { id, kind: 'auto-assign', actor: SYSTEM_ACTOR, at: this.clock.tick(), saw: null, to })
    }
  }
}

function storedConversations(inbox: InboxDoc): StoredConversation[] {
  return inbox.summaries().map((s) => ({ id: s.id, createdAt: s.createdAt, lastInboundAt: s.lastInboundAt, events: inbox.events(s.id) }))
}
