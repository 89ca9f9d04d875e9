/**
 * What one can subscribe to on the client: a topic names a read (the inbox
 * list, one inbox, one conversation, who is in it, the notices, the status)
 * and its key in the batched Topics; its value is what that read returns.
 */
import type { ClientStatus, InboxInfo, InboxSnapshot } from './client-types.js'
import type { ConversationDetail } from './conversation-view.js'
import type { Notice } from './merge-notices.js'
import type { PresenceEntry } from './presence.js'
import type { SavedViewSummary } from './saved-view-rows.js'
import type { ConversationRow } from './inbox-view.js'

export type ClientTopic =
  | { readonly kind: 'inboxes' }
  | { readonly kind: 'inbox'; readonly inbox: string }
  | { readonly kind: 'conversation'; readonly id: string }
  | { readonly kind: 'presence'; readonly id: string }
  | { readonly kind: 'notices' }
  | { readonly kind: 'status' }
  | { readonly kind: 'saved-views' }
  | { readonly kind: 'saved-view'; readonly name: string }

/** A saved view's conversations across the user's inboxes (null: no such view). */
export type SavedViewSnapshot = { readonly view: SavedViewSummary; readonly rows: readonly ConversationRow[] } | null

type TopicValues = {
  readonly inboxes: InboxInfo[]
  readonly inbox: InboxSnapshot | null
  readonly conversation: ConversationDetail | null
  readonly presence: PresenceEntry[]
  readonly notices: Notice[]
  readonly status: ClientStatus
  readonly 'saved-views': SavedViewSummary[]
  readonly 'saved-view': SavedViewSnapshot
}

export type TopicValue<T extends ClientTopic> = TopicValues[T['kind']]

/** The reads a topic's value is computed with. */
export type TopicSource = {
  inboxList(): InboxInfo[]
  inboxSnapshot(inbox: string): InboxSnapshot | null
  conversation(id: string): ConversationDetail | null
  presence(id: string): PresenceEntry[]
  notices(): Notice[]
  status(): ClientStatus
  savedViews(): SavedViewSummary[]
  savedView(name: string): SavedViewSnapshot
}

/** The topic's key in Topics; a change touches keys (see client-subscriptions.ts). */
export function topicKey(topic: ClientTopic): string {
  switch (topic.kind) {
    case 'inbox':
      return `inbox:${topic.inbox}`
    case 'conversation':
    case 'presence':
      return `${topic.kind}:${topic.id}`
    case 'saved-view':
      return `saved-view:${topic.name}`
    case 'inboxes':
    case 'notices':
    case 'status':
    case 'saved-views':
      return topic.kind
  }
}

/** The topic's value now. */
export function readTopic<T extends ClientTopic>(source: TopicSource, topic: T): TopicValue<T> {
  return readAny(source, topic) as TopicValue<T>
}

function readAny(source: TopicSource, topic: ClientTopic): TopicValue<ClientTopic> {
  switch (topic.kind) {
    case 'inboxes':
      return source.inboxList()
    case 'inbox':
      return source.inboxSnapshot(topic.inbox)
    case 'conversation':
      return source.conversation(topic.id)
    case 'presence':
      return source.presence(topic.id)
    case 'notices':
      return source.notices()
    case 'status':
      return source.status()
    case 'saved-views':
      return source.savedViews()
    case 'saved-view':
      return source.savedView(topic.name)
  }
}
