/**
 * Hands agents' replies to the carriers. Watching every conversation
 * document (`hub.observe`), for each reply without a delivery entry it
 * decides: `held` with a reason when the reply is stale (the conversation was
 * taken over, or the customer wrote again, since its author looked), else
 * `queued`, sent through the channel's adapter, then `sent` or `failed`.
 * Status receipts from the carrier move a reply forward, never back.
 * Just before a reply is handed to its adapter, the channel's rules are
 * checked again at the server's clock (core/reply-rules.ts): a reply that
 * was allowed when written but may no longer be sent (the WhatsApp window
 * closed, the contact texted STOP) is marked `failed` with the reason.
 *
 * Deps: `records` (RecordStore: carrier id ↔ reply), `hub` (DocumentHub),
 * `directory` (DirectoryAccess: inbox members for the fold), `adapters`
 * (per channel; default: the outbox), `outbox`, `now`, `log`.
 */
import type * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { canAdvance, type Delivery, type DeliveryStatus } from '../../core/delivery.js'
import { parseDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { messageProblems, staleReplyReason, type Message } from '../../core/message.js'
import { isInboxMember } from '../../core/permissions.js'
import { replyRefusal } from '../../core/reply-rules.js'
import type { Channel } from '../../core/users.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import { readConsent } from '../inbound/consent-records.js'
import { SerialQueue } from '../directory/serial-queue.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { deliveryOfCarrierStatus } from './carrier-status.js'
import type { OutboundAdapter, OutgoingMessage } from './outbound-adapter.js'
import { Outbox } from './outbox.js'

export type OutboundDeps = {
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly directory: DirectoryAccess
  /** Adapters by channel; channels without one use the outbox. */
  readonly adapters?: Partial<Record<Channel, OutboundAdapter>>
  readonly outbox?: Outbox
  readonly now?: () => number
  readonly log?: (line: string) => void
  /** Told after a reply's delivery status changed (the chat channel shows sent replies to the visitor). */
  readonly onDelivery?: (doc: string, messageId: string, delivery: Delivery) => void
}

/** `outbound/sid/<carrier id>` → the reply it carries; `outbound/sent/<conversation>/<message>` → its carrier id. */
const SID_PREFIX = 'outbound/sid/'
const SENT_PREFIX = 'outbound/sent/'

type SentRecord = { readonly doc: string; readonly messageId: string }

export type StatusReceipt = { readonly messageSid: string; readonly status: string; readonly error?: string }

export class OutboundDispatcher {
  readonly outbox: Outbox
  private readonly now: () => number
  /** One queue per conversation, dropped when its last reply is dispatched. */
  private readonly queues = new Map<string, { readonly queue: SerialQueue; pending: number }>()
  private readonly inFlight = new Set<string>()
  private readonly running = new Set<Promise<void>>()
  private readonly unsubscribe: () => void

  private constructor(private readonly deps: OutboundDeps) {
    this.now = deps.now ?? Date.now
    this.outbox = deps.outbox ?? new Outbox(deps.records, this.now)
    this.unsubscribe = deps.hub.observe((name, doc) => this.onDocument(name, doc))
  }

  /** Starts watching conversation documents for replies. */
  static start(deps: OutboundDeps): OutboundDispatcher {
    return new OutboundDispatcher(deps)
  }

  /** Resolves once every reply seen so far has been dispatched. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running])
  }

  /** Stops watching and waits for replies being sent. */
  async stop(): Promise<void> {
    this.unsubscribe()
    await this.idle()
  }

  /** Applies a carrier's status receipt; answers whether the reply moved forward. */
  async receiveStatus(receipt: StatusReceipt): Promise<{ changed: boolean }> {
    const status = deliveryOfCarrierStatus(receipt.status)
    const sent = await this.deps.records.get<SentRecord>(SID_PREFIX + receipt.messageSid)
    if (!sent)
      throw new HuddleError('not-found', `No reply was sent with MessageSid \`${receipt.messageSid}\`; check the id the carrier reported.`)
    if (status === null) return { changed: false }
    const reason = status === 'failed' ? receipt.error || `the carrier reported \`${receipt.status}\`` : undefined
    const changed = await this.setDelivery(sent.doc, sent.messageId, { status, at: this.now(), ...(reason === undefined ? {} : { reason }) })
    await this.outbox.markStatus(receipt.messageSid, status, reason)
    return { changed }
  }

  private onDocument(name: string, doc: Y.Doc): void {
    if (parseDocName(name)?.kind !== 'conversation') return
    const conversation = new ConversationDoc(doc)
    this.onDecisions(name, conversation)
    for (const message of conversation.messages.toArray()) {
      if (message.direction !== 'out') continue
      const status = conversation.delivery.get(message.id)?.status
      // `queued` without a send in flight: a crash cut the send short; finish it.
      if (status !== undefined && status !== 'queued') continue
      const key = `${name}\u0000${message.id}`
      if (this.inFlight.has(key)) continue
      this.inFlight.add(key)
      this.track(
        this.enqueue(name, () => this.dispatch(name, message.id))
          .catch((error: unknown) => this.deps.log?.(`Could not dispatch reply ${message.id} of ${name}: ${(error as Error).message}`))
          .finally(() => this.inFlight.delete(key)),
      )
    }
  }

  /** Acts on what authors decided about their held replies: send after all, or discard. */
  private onDecisions(name: string, conversation: ConversationDoc): void {
    for (const decision of conversation.decisions.toArray()) {
      if (conversation.delivery.get(decision.message)?.status !== 'held') continue
      const reply = conversation.messages.toArray().find((m) => m.id === decision.message)
      // Only the author of a held reply decides about it.
      if (!reply || reply.direction !== 'out' || reply.author !== decision.actor) continue
      const key = `${name}\u0000decision\u0000${decision.message}`
      if (this.inFlight.has(key)) continue
      this.inFlight.add(key)
      this.track(
        this.enqueue(name, async () => {
          const status = decision.decision === 'send' ? 'queued' : 'discarded'
          const changed = await this.setDelivery(name, decision.message, { status, at: this.now() })
          if (changed && status === 'queued') await this.dispatch(name, decision.message)
        })
          .catch((error: unknown) => this.deps.log?.(`Could not act on the decision about ${decision.message} of ${name}: ${(error as Error).message}`))
          .finally(() => this.inFlight.delete(key)),
      )
    }
  }

  private track(work: Promise<void>): void {
    this.running.add(work)
    void work.finally(() => this.running.delete(work))
  }

  /** Runs replies of one conversation in order; conversations proceed side by side. */
  private async enqueue(name: string, task: () => Promise<void>): Promise<void> {
    let entry = this.queues.get(name)
    if (!entry) {
      entry = { queue: new SerialQueue(), pending: 0 }
      this.queues.set(name, entry)
    }
    entry.pending++
    try {
      await entry.queue.run(task)
    } finally {
      if (--entry.pending === 0) this.queues.delete(name)
    }
  }

  private async dispatch(name: string, messageId: string): Promise<void> {
    const seen = await this.deps.hub.read(name, (doc) => {
      const conversation = new ConversationDoc(doc)
      return {
        meta: conversation.readMeta(),
        message: conversation.messages.toArray().find((m) => m.id === messageId),
        status: conversation.delivery.get(messageId)?.status,
        lastInbound: conversation.lastInbound()?.id ?? null,
        inboundTimes: conversation.inboundTimes(),
      }
    })
    const { meta, message } = seen
    if (!message || message.direction !== 'out') return
    // What is sent must be what every replica stores: a reply whose fields are not all
    // its own (stored before updates were parsed into plain values) is never sent.
    const malformed = messageProblems(message)
    if (malformed.length > 0) {
      await this.setDelivery(name, messageId, { status: 'failed', at: this.now(), reason: `the stored reply is malformed: ${malformed.join('; ')}` })
      return
    }
    if (!meta) {
      await this.setDelivery(name, messageId, { status: 'failed', at: this.now(), reason: 'the conversation has no contact address to send to' })
      return
    }
    if (seen.status === undefined) {
      const assignee = await this.assigneeOf(meta.inbox, meta.id)
      const reason = staleReplyReason(message, { assignee, lastInbound: seen.lastInbound })
      if (reason !== null) {
        await this.setDelivery(name, messageId, { status: 'held', at: this.now(), reason })
        return
      }
      if (!(await this.setDelivery(name, messageId, { status: 'queued', at: this.now() }))) return
    } else if (seen.status !== 'queued') return
    const outgoing: OutgoingMessage = {
      conversation: meta.id,
      messageId,
      channel: meta.channel,
      from: meta.address,
      to: meta.contact,
      body: message.body,
      author: message.author,
    }
    await this.send(name, outgoing, () => this.sendRefusal(outgoing, message, seen.inboundTimes))
  }

  /** Why the channel no longer lets this reply go out now, or null. */
  private async sendRefusal(outgoing: OutgoingMessage, message: Message, inboundTimes: readonly number[]): Promise<string | null> {
    const consent = outgoing.channel === 'sms' ? await readConsent(this.deps.records, 'sms', outgoing.from, outgoing.to) : null
    const draft = { conversation: outgoing.conversation, channel: outgoing.channel, body: message.body, template: message.template ?? null, at: this.now() }
    const refusal = replyRefusal(draft, { inboundTimes, consent, templates: this.deps.directory.directory.templates }, 'send')
    return refusal?.message ?? null
  }

  private async send(name: string, outgoing: OutgoingMessage, refusal: () => Promise<string | null>): Promise<void> {
    const sentKey = `${SENT_PREFIX}${outgoing.conversation}/${outgoing.messageId}`
    // Sent before a crash cut us short: do not send it twice.
    let externalId = (await this.deps.records.get<{ sid: string }>(sentKey))?.sid
    if (externalId === undefined) {
      const reason = await refusal()
      if (reason !== null) {
        await this.setDelivery(name, outgoing.messageId, { status: 'failed', at: this.now(), reason })
        return
      }
      const adapter = this.deps.adapters?.[outgoing.channel] ?? this.outbox
      try {
        externalId = (await adapter.send(outgoing)).externalId
      } catch (error) {
        await this.setDelivery(name, outgoing.messageId, { status: 'failed', at: this.now(), reason: (error as Error).message })
        return
      }
      await this.deps.records.batch([
        { type: 'put', key: sentKey, value: { sid: externalId } },
        { type: 'put', key: SID_PREFIX + externalId, value: { doc: name, messageId: outgoing.messageId } satisfies SentRecord },
      ])
    }
    await this.setDelivery(name, outgoing.messageId, { status: 'sent', at: this.now() })
  }

  private async assigneeOf(inboxDoc: string, conversation: string): Promise<string | null> {
    const access = this.deps.directory.inboxAccess(inboxDoc)
    return this.deps.hub.read(inboxDoc, (doc) => new InboxDoc(doc).state(conversation, (id) => isInboxMember(access, id)).assignee)
  }

  /** Sets a reply's delivery if it moves forward; answers whether it did. */
  private async setDelivery(name: string, messageId: string, delivery: Delivery): Promise<boolean> {
    let changed = false
    await this.deps.hub.change(name, (doc) => {
      const conversation = new ConversationDoc(doc)
      const current: DeliveryStatus | undefined = conversation.delivery.get(messageId)?.status
      if (!canAdvance(current, delivery.status)) return
      conversation.setDelivery(messageId, delivery)
      changed = true
    })
    if (changed) this.deps.onDelivery?.(name, messageId, delivery)
    return changed
  }
}
