/**
 * The client's subscriptions (for the dashboard) and which change notifies
 * which of them: each subscription is a topic of the batched Topics, computed
 * from the client's reads; the client reports its changes here in its own
 * terms, and this module alone knows which keys each change touches
 * (client-topic.ts names them).
 */
import { readTopic, topicKey, type ClientTopic, type TopicSource, type TopicValue } from './client-topic.js'
import { Topics } from './topics.js'

export class ClientSubscriptions {
  private readonly topics: Topics

  constructor(
    private readonly source: TopicSource,
    batchMs?: number,
  ) {
    this.topics = new Topics(batchMs)
  }

  /** Calls `listener` with the topic's value soon, then after every batch of changes to it. */
  subscribe<T extends ClientTopic>(topic: T, listener: (value: TopicValue<T>) => void): () => void {
    return this.topics.subscribe(topicKey(topic), () => readTopic(this.source, topic), listener)
  }

  /** An inbox document came in from the replica. */
  inboxLoaded(): void {
    this.topics.touch(topicKey({ kind: 'inboxes' }))
  }

  /** An inbox document changed: its counts, rows, notices and the rows every conversation shows. */
  inboxChanged(name: string): void {
    this.topics.touch(topicKey({ kind: 'inboxes' }))
    this.topics.touch(topicKey({ kind: 'inbox', inbox: name }))
    this.topics.touch(topicKey({ kind: 'notices' }))
    // Every conversation topic: their keys all start with the key of the empty id.
    this.topics.touch(topicKey({ kind: 'conversation', id: '' }), true)
    this.savedViewsChanged()
  }

  /** The saved views changed, or rows they count: their list and every open one. */
  savedViewsChanged(): void {
    this.topics.touch(topicKey({ kind: 'saved-views' }))
    this.topics.touch(topicKey({ kind: 'saved-view', name: '' }), true)
  }

  conversationChanged(id: string): void {
    this.topics.touch(topicKey({ kind: 'conversation', id }))
    this.topics.touch(topicKey({ kind: 'notices' }))
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
    this.topics.touch(topicKey({ kind: 'conversation', id }))
  }

  presenceChanged(id: string): void {
    this.topics.touch(topicKey({ kind: 'presence', id }))
  }

  /** The connection state or the number of actions waiting changed. */
  statusChanged(): void {
    this.topics.touch(topicKey({ kind: 'status' }))
  }

  noticesChanged(): void {
    this.topics.touch(topicKey({ kind: 'notices' }))
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
