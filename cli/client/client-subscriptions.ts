/**
 * The client's subscriptions (for the dashboard) and which change notifies
 * which of them: each subscription is a topic of the batched Topics, computed
 * from the client's reads; the client reports its changes here in its own
 * terms, and this module alone knows the topics' keys.
 */
import type { View } from '../../core/views.js'
import type { ClientStatus, InboxInfo, InboxSnapshot } from './client-types.js'
import type { ConversationDetail } from './conversation-view.js'
import type { Notice } from './merge-notices.js'
import type { PresenceEntry } from './presence.js'
import { Topics } from './topics.js'

/** The reads a subscription computes its value with. */
export type SubscriptionSource = {
  inboxList(): InboxInfo[]
  inboxSnapshot(inbox: string, view?: View): InboxSnapshot | null
  conversation(id: string): ConversationDetail | null
  presence(id: string): PresenceEntry[]
  notices(): Notice[]
  status(): ClientStatus
}

export class ClientSubscriptions {
  private readonly topics: Topics

  constructor(
    private readonly source: SubscriptionSource,
    batchMs?: number,
  ) {
    this.topics = new Topics(batchMs)
  }

  onInboxes(listener: (inboxes: InboxInfo[]) => void): () => void {
    return this.topics.subscribe('inboxes', () => this.source.inboxList(), listener)
  }

  onInbox(inbox: string, listener: (snapshot: InboxSnapshot | null) => void, view?: View): () => void {
    return this.topics.subscribe(`inbox:${inbox}`, () => this.source.inboxSnapshot(inbox, view), listener)
  }

  onConversation(id: string, listener: (conversation: ConversationDetail | null) => void): () => void {
    return this.topics.subscribe(`conversation:${id}`, () => this.source.conversation(id), listener)
  }

  onPresence(id: string, listener: (present: PresenceEntry[]) => void): () => void {
    return this.topics.subscribe(`presence:${id}`, () => this.source.presence(id), listener)
  }

  onNotices(listener: (notices: Notice[]) => void): () => void {
    return this.topics.subscribe('notices', () => this.source.notices(), listener)
  }

  onStatus(listener: (status: ClientStatus) => void): () => void {
    return this.topics.subscribe('status', () => this.source.status(), listener)
  }

  /** An inbox document came in from the replica. */
  inboxLoaded(): void {
    this.topics.touch('inboxes')
  }

  /** An inbox document changed: its counts, rows, notices and the rows every conversation shows. */
  inboxChanged(name: string): void {
    this.topics.touch('inboxes')
    this.topics.touch(`inbox:${name}`)
    this.topics.touch('notices')
    this.topics.touch('conversation:', true)
  }

  conversationChanged(id: string): void {
    this.topics.touch(`conversation:${id}`)
    this.topics.touch('notices')
  }

  /**
   * A conversation's document came in from the replica: loading applies no
   * update a listener sees, and when the replica was already up to date the
   * server sends none either, so this is the only news that its messages are here.
   */
  conversationLoaded(id: string): void {
    this.conversationChanged(id)
  }

  /** A conversation's document left the replica. */
  conversationRemoved(id: string): void {
    this.topics.touch(`conversation:${id}`)
  }

  presenceChanged(id: string): void {
    this.topics.touch(`presence:${id}`)
  }

  /** The connection state or the number of actions waiting changed. */
  statusChanged(): void {
    this.topics.touch('status')
  }

  noticesChanged(): void {
    this.topics.touch('notices')
  }

  /** Membership, identity or whole documents changed: every subscription computes afresh. */
  everythingChanged(): void {
    this.topics.touchAll()
  }

  /** Delivers the pending notifications now. */
  flush(): void {
    this.topics.flush()
  }

  close(): void {
    this.topics.close()
  }
}
