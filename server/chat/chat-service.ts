/**
 * The web chat channel: visitors of a widget (a routing address) write
 * through the inbound pipeline like any customer, read only their own
 * conversations, and are told when something they may see changed. It is
 * also the chat channel's outbound adapter: a reply is "sent" by making it
 * visible to the visitor (see visitor-view.ts).
 *
 * Deps: `records` (visitors), `hub` (conversation documents), `directory`
 * (routing policies, agents' names), `inbound` (InboundPipeline), `now`,
 * `streams` (caps on open event streams, see stream-slots.ts).
 */
import type { Delivery } from '../../core/delivery.js'
import { conversationDocName, parseDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import type { VisitorPost } from '../../core/http-contract/chat-contract.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { policyFor } from '../../core/routing-policy.js'
import { randomHex } from '../auth/random-id.js'
import { inboxOfConversation } from '../directory/conversation-index.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import { SerialQueue } from '../directory/serial-queue.js'
import { parseInbound } from '../../core/inbound-message.js'
import type { InboundPipeline } from '../inbound/inbound-pipeline.js'
import type { OutboundAdapter, OutgoingMessage } from '../outbound/outbound-adapter.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { RateLimiter } from '../sync/rate-limiter.js'
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from '../../core/chat-stream-limits.js'
import { DEFAULT_VISITORS_PER_MINUTE } from '../../core/chat-visitor-limits.js'
import { StreamSlots } from './stream-slots.js'
import { authenticateVisitor, newVisitor, publicVisitor, readVisitor, visitorOp, type Visitor, type VisitorRecord } from './visitor-records.js'
import { visitorMessages, type VisitorMessage } from './visitor-view.js'

export type ChatServiceDeps = {
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly directory: DirectoryAccess
  readonly inbound: InboundPipeline
  readonly now?: () => number
  /** Caps on open event streams, per visitor, per client address and in all (defaults in core/chat-stream-limits.ts). */
  readonly streams?: Partial<StreamLimits>
  /** New visitors one client address may start a minute (default in core/chat-visitor-limits.ts). */
  readonly visitorsPerMinute?: number
  readonly log?: (line: string) => void
}

const WIDGET_KEY = /^[A-Za-z0-9_-]{1,64}$/
/** Rate limiters kept before the oldest are forgotten. */
const MAX_LIMITERS = 10_000

export type VisitorMessageWithClientId = VisitorMessage & { readonly clientId?: string }

export class ChatService implements OutboundAdapter {
  private readonly listeners = new Map<string, Set<() => void>>()
  private readonly queue = new SerialQueue()
  private readonly postLimits = new Map<string, RateLimiter>()
  private readonly createLimits = new Map<string, RateLimiter>()
  private readonly now: () => number
  private readonly streams: StreamSlots
  private readonly visitorsPerMinute: number

  constructor(private readonly deps: ChatServiceDeps) {
    this.now = deps.now ?? Date.now
    this.streams = new StreamSlots({ ...DEFAULT_STREAM_LIMITS, ...deps.streams })
    this.visitorsPerMinute = deps.visitorsPerMinute ?? DEFAULT_VISITORS_PER_MINUTE
    if (!Number.isSafeInteger(this.visitorsPerMinute) || this.visitorsPerMinute < 1)
      throw new HuddleError('invalid', `The chat visitor limit must be a whole number of visitors a minute, at least 1, not \`${String(this.visitorsPerMinute)}\`.`)
  }

  /** Throws `not-found` unless `key` is a widget key: an address some routing policy is bound to. */
  assertWidget(key: string): void {
    if (!WIDGET_KEY.test(key) || !policyFor(this.deps.directory.directory, key))
      throw new HuddleError(
        'not-found',
        `There is no chat widget \`${key.slice(0, 64)}\`. An admin makes one by routing its key: \`huddle routing add --address ${WIDGET_KEY.test(key) ? key : 'KEY'} --channel chat --to-inbox INBOX\`.`,
      )
  }

  /** A new visitor of widget `key`; the secret is shown once. `client` (a key of core/client-address.ts) is rate-limited. */
  async createVisitor(key: string, name: string | null, client: string): Promise<{ visitor: string; secret: string; name: string | null }> {
    this.assertWidget(key)
    const perMinute = this.visitorsPerMinute
    if (!limiter(this.createLimits, client, () => new RateLimiter(perMinute / 60, perMinute, this.now)).take())
      throw new HuddleError(
        'limit',
        `Too many chats were started from your network just now (at most ${perMinute} a minute); wait a minute and try again.`,
      )
    const { record, secret } = newVisitor(key, name, this.now())
    await this.deps.records.batch([visitorOp(record)])
    return { visitor: record.id, secret, name: record.name }
  }

  authenticate(key: string, header: string | undefined): Promise<VisitorRecord> {
    return authenticateVisitor(this.deps.records, key, header)
  }

  /** Stores a visitor's message as an inbound chat message; a retried `id` is stored once. */
  async post(visitor: VisitorRecord, input: VisitorPost): Promise<{ message: VisitorMessageWithClientId; routed: string }> {
    const { body, id } = input
    if (!limiter(this.postLimits, visitor.id, () => new RateLimiter(1, 10, this.now)).take())
      throw new HuddleError('limit', 'You are sending messages too quickly; wait a moment and send again.')
    const clientId = id ?? `s${randomHex(8)}`
    const result = await this.deps.inbound.receive(
      parseInbound({ channel: 'chat', from: visitor.id, to: visitor.key, body, id: externalIdOf(visitor.id, clientId), name: visitor.name }, 'relay'),
    )
    if (result.conversation !== null) await this.remember(visitor.id, result.conversation)
    this.notify(visitor.id)
    const stored = (await this.messages(visitor.id)).find((m) => m.clientId === clientId)
    const message = stored ?? { id: clientId, from: 'visitor' as const, name: visitor.name, body, at: this.now(), clientId }
    return { message, routed: result.routed }
  }

  /** Everything the visitor may see, oldest first, across their conversations. */
  async messages(visitorId: string): Promise<VisitorMessageWithClientId[]> {
    const record = await readVisitor(this.deps.records, visitorId)
    if (!record) return []
    const users = this.deps.directory.directory.users
    const agentName = (id: string): string | null => (Object.hasOwn(users, id) ? users[id]!.name : null)
    const all: VisitorMessageWithClientId[] = []
    for (const conversation of record.conversations) {
      // Its inbox was deleted with it: nothing to show.
      if ((await inboxOfConversation(this.deps.records, conversation)) === null) continue
      const seen = await this.deps.hub.read(conversationDocName(conversation), (doc) => {
        const conversationDoc = new ConversationDoc(doc)
        const externalIds = new Map(conversationDoc.messages.toArray().map((m) => [m.id, m.externalId]))
        return visitorMessages(conversationDoc, record.name, agentName).map((m) => {
          const clientId = clientIdOf(record.id, externalIds.get(m.id))
          return clientId === null ? m : { ...m, clientId }
        })
      })
      all.push(...seen)
    }
    return all
  }

  visitor(record: VisitorRecord): Visitor {
    return publicVisitor(record)
  }

  /** Takes a slot for one more event stream of the visitor from `client` (throws when a cap is reached); call the result when the stream closes. */
  openStream(visitorId: string, client: string): () => void {
    return this.streams.take(visitorId, client)
  }

  /** Calls `listener` whenever something the visitor may see might have changed. Returns an unsubscribe. */
  subscribe(visitorId: string, listener: () => void): () => void {
    let set = this.listeners.get(visitorId)
    if (!set) {
      set = new Set()
      this.listeners.set(visitorId, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(visitorId)
    }
  }

  /** The chat channel's adapter: the reply becomes visible once the dispatcher marks it sent. */
  async send(_message: OutgoingMessage): Promise<{ externalId: string }> {
    return { externalId: `CH${randomHex(16)}` }
  }

  /** Told by the dispatcher after a delivery change: a chat reply marked sent is news for its visitor. */
  onDelivery(docName: string, _messageId: string, delivery: Delivery): void {
    if (delivery.status !== 'sent' && delivery.status !== 'delivered') return
    if (parseDocName(docName)?.kind !== 'conversation') return
    void this.deps.hub
      .read(docName, (doc) => new ConversationDoc(doc).readMeta())
      .then((meta) => {
        if (meta?.channel === 'chat') this.notify(meta.contact)
      })
      .catch((error: unknown) => this.deps.log?.(`Could not tell the visitor of ${docName}: ${String(error)}`))
  }

  private notify(visitorId: string): void {
    for (const listener of [...(this.listeners.get(visitorId) ?? [])]) listener()
  }

  private remember(visitorId: string, conversation: string): Promise<void> {
    return this.queue.run(async () => {
      const record = await readVisitor(this.deps.records, visitorId)
      if (!record || record.conversations.includes(conversation)) return
      await this.deps.records.batch([visitorOp({ ...record, conversations: [...record.conversations, conversation] })])
    })
  }
}

function limiter(map: Map<string, RateLimiter>, key: string, make: () => RateLimiter): RateLimiter {
  let found = map.get(key)
  if (!found) {
    if (map.size >= MAX_LIMITERS) map.delete(map.keys().next().value!)
    found = make()
    map.set(key, found)
  }
  return found
}

function externalIdOf(visitorId: string, clientId: string): string {
  return `chat-${visitorId}-${clientId}`
}

function clientIdOf(visitorId: string, externalId: string | undefined): string | null {
  const prefix = `chat-${visitorId}-`
  return externalId?.startsWith(prefix) ? externalId.slice(prefix.length) : null
}
