/**
 * The one path every customer message takes (carrier webhooks, the JSON
 * endpoint, the CLI's `inbound`): dedupe by carrier id, thread onto the
 * contact's latest conversation, route new conversations, write the
 * documents, and answer only once they are durably stored.
 *
 * Messages are processed one at a time, so two messages racing from the same
 * contact cannot open two conversations. Before any document is written, the
 * plan (conversation id, message id) is recorded with the carrier id, so a
 * retry after a crash — or a resume on the next start — writes the same
 * conversation again instead of a duplicate; every write is idempotent.
 *
 * Deps: `records` (RecordStore), `hub` (DocumentHub), `directory`
 * (DirectoryAccess: routing policies, inbox settings and members),
 * `history` (HistoryStore: conversations no longer in their live document), `now`.
 */
import { responsesAfterInbound } from '../../core/sla.js'
import { consentChangeOf } from '../../core/consent.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { conversationDocName, inboxDocName, parseInboxRef, personalDocName } from '../../core/doc-names.js'
import { HybridClock } from '../../core/hlc.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { previewOf, type Message } from '../../core/message.js'
import { isInboxMember } from '../../core/permissions.js'
import { formatRouteReason, route } from '../../core/routing.js'
import type { RoutingTarget } from '../../core/routing-policy.js'
import { decideThread, type LatestConversation } from '../../core/threading.js'
import { SYSTEM_ACTOR } from '../../core/users.js'
import { randomId } from '../auth/random-id.js'
import { conversationRecordOp, inboxOfConversation } from '../directory/conversation-index.js'
import { bringBack } from '../history/conversation-return.js'
import type { HistoryStore } from '../history/history-store.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import { SerialQueue } from '../directory/serial-queue.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { consentOp, readConsent } from './consent-records.js'
import type { InboundResult, UnroutedMessage } from '../../core/http-contract/inbound-contract.js'
import type { InboundInput } from '../../core/inbound-message.js'
import {
  messageKey,
  pendingKey,
  PENDING_PREFIX,
  threadKeyOf,
  threadRecordKey,
  unroutedOp,
  UNROUTED_PREFIX,
  type InboundPlan,
  type PlannedWrite,
} from './inbound-records.js'

export type InboundPipelineDeps = {
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly directory: DirectoryAccess
  readonly history: HistoryStore
  readonly now?: () => number
}

type Latest = LatestConversation & { readonly inboxDoc: string }

/** How answers name an inbox document: its id, or `@user` for a personal inbox. */
export function inboxRefOf(inboxDoc: string): string {
  const ref = parseInboxRef(inboxDoc)
  if (ref === null) return inboxDoc
  return ref.kind === 'inbox' ? ref.id : `@${ref.owner}`
}

function targetDoc(target: RoutingTarget): string {
  return target.kind === 'inbox' ? inboxDocName(target.inbox) : personalDocName(target.user)
}

export class InboundPipeline {
  private readonly queue = new SerialQueue()
  private readonly clock: HybridClock
  private readonly now: () => number

  private constructor(private readonly deps: InboundPipelineDeps) {
    this.now = deps.now ?? Date.now
    this.clock = new HybridClock(this.now)
  }

  /** Starts the pipeline, first finishing any message a crash left half-written. */
  static async open(deps: InboundPipelineDeps): Promise<InboundPipeline> {
    const pipeline = new InboundPipeline(deps)
    await pipeline.resumePending()
    return pipeline
  }

  /** Stores a customer message and says where it went. Resolves once it is durably stored. */
  receive(message: InboundInput): Promise<InboundResult> {
    return this.queue.run(() => this.process(message))
  }

  /** Messages no routing rule or default caught, oldest first. */
  async listUnrouted(): Promise<UnroutedMessage[]> {
    return (await this.deps.records.list<UnroutedMessage>(UNROUTED_PREFIX)).map((r) => r.value)
  }

  /** Resolves once every message received so far is processed. */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  private async resumePending(): Promise<void> {
    for (const { value } of await this.deps.records.list<{ key: string }>(PENDING_PREFIX)) {
      const plan = await this.deps.records.get<InboundPlan>(messageKey(value.key))
      if (plan && plan.state === 'planned') await this.execute(plan)
      else await this.deps.records.batch([{ type: 'del', key: pendingKey(value.key) }])
    }
  }

  private async process(message: InboundInput): Promise<InboundResult> {
    if (message.externalId !== null) {
      const known = await this.answerKnown(message.externalId)
      if (known) return known
    }
    const messageId = randomId('m-')
    const at = this.now()
    const { write, result } = await this.plan(message, at)
    const plan: InboundPlan = { key: message.externalId ?? messageId, state: 'planned', messageId, at, message, write, result }
    // An SMS keyword (STOP, START…) changes consent even when the message is not routed.
    const consent = message.channel === 'sms' ? consentChangeOf(message.body, at) : null
    const consentOps: RecordOp[] = consent ? [consentOp(message.channel, message.to, message.from, consent)] : []
    if (write.kind === 'unrouted') {
      if (!(await this.deps.records.batchIfAbsent(messageKey(plan.key), [...this.doneOps(plan), unroutedOp(plan, write.reason), ...consentOps])))
        return this.answerKnown(plan.key).then((known) => known ?? plan.result)
      return plan.result
    }
    const ops: RecordOp[] = [
      { type: 'put', key: messageKey(plan.key), value: plan },
      { type: 'put', key: pendingKey(plan.key), value: { key: plan.key } },
      ...consentOps,
    ]
    if (write.kind === 'new')
      ops.push(conversationRecordOp(write.conversation, write.inboxDoc), {
        type: 'put',
        key: threadRecordKey(threadKeyOf(message)),
        value: { conversation: write.conversation },
      })
    // Only if no other cluster node planned the same carrier id meanwhile: then its plan is the one.
    if (!(await this.deps.records.batchIfAbsent(messageKey(plan.key), ops))) return this.answerKnown(plan.key).then((known) => known ?? this.execute(plan))
    return this.execute(plan)
  }

  /** The same carrier id again: the answer of the first time, finishing its writes if they were cut short; null when unknown. */
  private async answerKnown(externalId: string): Promise<InboundResult | null> {
    const known = await this.deps.records.get<InboundPlan>(messageKey(externalId))
    if (!known) return null
    return known.state === 'done' ? known.result : this.execute(known)
  }

  /** Decides, before writing anything, where the message goes. */
  private async plan(message: InboundInput, at: number): Promise<{ write: PlannedWrite; result: InboundResult }> {
    // Kept for admins, never threaded or routed: the sender is not an address a reply could go to.
    if (message.unroutable !== undefined)
      return { write: { kind: 'unrouted', reason: message.unroutable }, result: { conversation: null, inbox: null, routed: 'unrouted' } }
    const latest = await this.latest(message)
    const thread = decideThread(latest)
    if (thread.kind !== 'new') {
      // Joining and reopening only ever follow a latest conversation.
      const inboxDoc = latest!.inboxDoc
      return {
        write: { kind: thread.kind, conversation: thread.conversation, inboxDoc },
        result: { conversation: thread.conversation, inbox: inboxRefOf(inboxDoc), routed: 'existing' },
      }
    }
    const decision = route(this.deps.directory.directory, message, at)
    if (decision.kind === 'unrouted')
      return { write: { kind: 'unrouted', reason: decision.reason }, result: { conversation: null, inbox: null, routed: 'unrouted' } }
    const conversation = randomId('c-')
    const inboxDoc = targetDoc(decision.target)
    return {
      write: { kind: 'new', conversation, inboxDoc, linkedTo: thread.linkedTo },
      result: { conversation, inbox: inboxRefOf(inboxDoc), routed: formatRouteReason(decision) },
    }
  }

  /** The contact's latest conversation on this channel and address, if it still exists somewhere. */
  private async latest(message: InboundInput): Promise<Latest | null> {
    const record = await this.deps.records.get<{ conversation: string }>(threadRecordKey(threadKeyOf(message)))
    if (!record) return null
    const inboxDoc = await inboxOfConversation(this.deps.records, record.conversation)
    if (inboxDoc === null) return null
    const access = this.deps.directory.inboxAccess(inboxDoc)
    // Its inbox was deleted (or its personal owner lost their licence): start afresh.
    if (access === null) return null
    const status = await this.deps.hub.read(inboxDoc, (doc) => {
      const inbox = new InboxDoc(doc)
      return inbox.has(record.conversation) ? inbox.state(record.conversation, (id) => isInboxMember(access, id)).status : null
    })
    // Not live: it may be in history, whose record knows its status.
    const found = status ?? (await this.deps.history.get(record.conversation))?.status ?? null
    if (found === null) return null
    const ref = parseInboxRef(inboxDoc)
    // Personal inboxes have no setting: a new, linked conversation.
    const reopenArchived = ref?.kind === 'inbox' ? (this.deps.directory.directory.inboxes[ref.id]?.reopenArchived ?? false) : false
    return { id: record.conversation, status: found, reopenArchived, inboxDoc }
  }

  /** Writes the planned documents (idempotently), then marks the message done. */
  private async execute(plan: InboundPlan): Promise<InboundResult> {
    const { write } = plan
    if (write.kind === 'unrouted') return plan.result
    const { message, messageId, at } = plan
    const customerMessage: Message = {
      id: messageId,
      direction: 'in',
      author: message.from,
      body: message.body,
      at,
      ...(message.externalId === null ? {} : { externalId: message.externalId }),
    }
    // The stored consent (already recorded with the plan), so a new conversation of an opted-out contact shows it too.
    const consent = message.channel === 'sms' ? await readConsent(this.deps.records, message.channel, message.to, message.from) : null
    await this.deps.hub.change(conversationDocName(write.conversation), (doc) => {
      const conversation = new ConversationDoc(doc)
      if (conversation.readMeta() === undefined)
        conversation.writeMeta({ id: write.conversation, inbox: write.inboxDoc, channel: message.channel, contact: message.from, address: message.to })
      if (!conversation.hasMessage(messageId)) conversation.appendMessage(customerMessage)
      if (consent !== null && JSON.stringify(conversation.readConsent()) !== JSON.stringify(consent)) conversation.setConsent(consent)
    })
    const summary = {
      lastMessageAt: at,
      lastInboundAt: at,
      lastInboundId: messageId,
      preview: previewOf(message.body),
      ...(message.contactName === null ? {} : { contactName: message.contactName }),
    }
    const inHistory = write.kind === 'new' ? undefined : await this.deps.history.get(write.conversation)
    // Reopening one in history brings it back with its events first; the unarchive is appended below as for a live one.
    if (inHistory && write.kind === 'reopen') await bringBack(this.deps, inHistory, () => [])
    await this.deps.hub.change(write.inboxDoc, (doc) => {
      const inbox = new InboxDoc(doc)
      if (!inbox.has(write.conversation)) {
        // Only a new conversation gets an entry; a vanished one is not recreated behind an admin's back.
        if (write.kind === 'new')
          inbox.addConversation({
            id: write.conversation,
            channel: message.channel,
            contact: message.from,
            contactName: message.contactName,
            address: message.to,
            createdAt: at,
            linkedTo: write.linkedTo,
            ...summary,
            responses: responsesAfterInbound(null, at),
          })
        return
      }
      if (write.kind === 'reopen') this.reopen(inbox, write.inboxDoc, write.conversation, `e-${messageId}`)
      inbox.updateSummary(write.conversation, { ...summary, responses: responsesAfterInbound(inbox.summary(write.conversation)?.responses ?? null, at) })
    })
    await this.deps.records.batch([...this.doneOps(plan), { type: 'del', key: pendingKey(plan.key) }])
    return plan.result
  }

  /** Keeps a carrier id's answer for dedupe; a message without one has nothing to dedupe against. */
  private doneOps(plan: InboundPlan): RecordOp[] {
    return plan.message.externalId === null
      ? [{ type: 'del', key: messageKey(plan.key) }]
      : [{ type: 'put', key: messageKey(plan.key), value: { ...plan, state: 'done' } }]
  }

  /** Appends an `unarchive` by `system`, once (the event id derives from the message), keeping the assignee. */
  private reopen(inbox: InboxDoc, inboxDoc: string, conversation: string, eventId: string): void {
    const events = inbox.events(conversation)
    if (events.some((e) => e.id === eventId)) return
    const access = this.deps.directory.inboxAccess(inboxDoc)
    const state = inbox.state(conversation, (id) => isInboxMember(access, id))
    if (state.status !== 'archived') return
    for (const event of events) this.clock.observe(event.at)
    inbox.appendEvent(conversation, { id: eventId, kind: 'unarchive', actor: SYSTEM_ACTOR, at: this.clock.tick(), saw: state.assignee })
  }
}
