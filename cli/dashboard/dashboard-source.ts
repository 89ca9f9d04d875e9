/**
 * What the dashboard uses of the client library: subscriptions to topics
 * (client-topic.ts), a few plain reads, and the actions. `clientSource`
 * builds one over a `HuddleClient`; the component tests give a small fake in
 * memory with the same shape.
 */
import type { AssignmentRequest } from '../../core/actions.js'
import type { Availability, AvailabilityEntry, AvailabilityStatus } from '../../core/availability.js'
import type { Report } from '../../core/report.js'
import type { LabelCatalogue } from '../../core/label.js'
import type { Template, TemplateUse } from '../../core/template.js'
import type { User } from '../../core/users.js'
import type { ClientTopic, TopicValue } from '../client/client-topic.js'
import type { ConversationDetail } from '../client/conversation-view.js'
import type { HistoryPage } from '../client/history-records.js'
import type { ActionReceipt, BulkOutcome, ConversationHandle, HuddleClient, SyncReport } from '../client/huddle-client.js'

/** What the agent does: each is applied to the replica at once and sent when connected. */
export type DashboardActions = {
  /** Claim, take over, assign, unassign, archive or unarchive. */
  assignment(id: string, request: AssignmentRequest): Promise<ActionReceipt>
  /** The same on each of several conversations (each exactly as `assignment` alone); one refused leaves the others acting. */
  bulkAssignment(ids: readonly string[], requestOf: (id: string) => AssignmentRequest): Promise<BulkOutcome[]>
  reply(id: string, body: string, template?: TemplateUse): Promise<ActionReceipt>
  note(id: string, body: string): Promise<ActionReceipt>
  decideHeld(messageId: string, decision: 'send' | 'discard'): Promise<ActionReceipt>
  /** Shows these notices no more. */
  markReported(keys: readonly string[]): void
  /** Keeps a conversation connected, with this agent present in it, until the handle is closed. */
  openConversation(id: string): Promise<ConversationHandle>
  syncEverything(timeoutMs: number): Promise<SyncReport>
  /** Sets the agent's availability on the server; refused while it cannot be reached. */
  setAvailability(availability: Availability): Promise<AvailabilityEntry>
}

export type DashboardSource = {
  // Subscriptions: a topic's value now, its later values, and the batch delivered at once.
  read<T extends ClientTopic>(topic: T): TopicValue<T>
  subscribe<T extends ClientTopic>(topic: T, listener: (value: TopicValue<T>) => void): () => void
  flush(): void
  // Plain reads, for handling a key.
  readonly userId: string | null
  me(): User | null
  userName(id: string): string
  /** A colleague's availability and online state as last published (null: not yet). */
  availabilityOf(id: string): AvailabilityStatus | null
  conversation(id: string): ConversationDetail | null
  templates(): Record<string, Template>
  /** The organisation's labels by id; and those removed, which only history names. */
  labels(): LabelCatalogue
  removedLabels(): LabelCatalogue
  historyPage(inbox: string, before: string | null, limit: number): Promise<HistoryPage>
  /** The server's report on an inbox (a doc name) over the last `days` days, per day (online only). */
  report(inbox: string, days: number): Promise<Report>
  readonly actions: DashboardActions
}

/** The dashboard's source over the client. */
export function clientSource(client: HuddleClient): DashboardSource {
  return {
    read: (topic) => client.read(topic),
    subscribe: (topic, listener) => client.subscribe(topic, listener),
    flush: () => client.flushNotifications(),
    // A getter: the user is known only once a server has said who the token is.
    get userId() {
      return client.userId
    },
    me: () => client.me(),
    userName: (id) => client.userName(id),
    availabilityOf: (id) => client.availabilityOf(id),
    conversation: (id) => client.conversation(id),
    templates: () => client.templates(),
    labels: () => client.labels(),
    removedLabels: () => client.removedLabels(),
    historyPage: (inbox, before, limit) => client.historyPage(inbox, before, limit),
    report: (inbox, days) => client.report(inbox, { since: `${days}d`, by: 'day' }),
    actions: {
      assignment: (id, request) => client.assignment(id, request),
      bulkAssignment: (ids, requestOf) => client.bulkAssignment(ids, requestOf),
      reply: (id, body, template) => client.reply(id, body, template),
      note: (id, body) => client.note(id, body),
      decideHeld: (messageId, decision) => client.decideHeld(messageId, decision),
      markReported: (keys) => client.markReported(keys),
      openConversation: (id) => client.openConversation(id),
      syncEverything: (timeoutMs) => client.syncEverything(timeoutMs),
      setAvailability: (availability) => client.setAvailability(availability),
    },
  }
}

/** When the user last looked at each conversation, kept on this computer (see seen-marks.ts). */
export type SeenStore = {
  seenAt(conversation: string): number | null
  markSeen(conversation: string, at: number): void
}
