/**
 * The AwarenessBus on Redis pub/sub: one channel, `huddle:awareness`, each
 * message JSON `{node, doc, kind: 'update' | 'query', update?}` with the
 * y-protocols awareness update in base64. A node ignores its own messages.
 * Nodes that stop are reported by the heartbeat (cluster-storage.ts).
 */
import type { AwarenessBus } from '../sync/awareness-bus.js'

type Message = { readonly node: string; readonly doc: string; readonly kind: 'update' | 'query'; readonly update?: string }

export class AwarenessChannel implements AwarenessBus {
  private readonly updateListeners = new Set<(doc: string, node: string, update: Uint8Array) => void>()
  private readonly queryListeners = new Set<(doc: string) => void>()
  private readonly goneListeners = new Set<(node: string) => void>()

  constructor(
    private readonly node: string,
    /** Publishes a message on the channel (errors are the connection's to report). */
    private readonly send: (message: string) => void,
  ) {}

  publish(doc: string, update: Uint8Array): void {
    this.send(JSON.stringify({ node: this.node, doc, kind: 'update', update: Buffer.from(update).toString('base64') } satisfies Message))
  }

  query(doc: string): void {
    this.send(JSON.stringify({ node: this.node, doc, kind: 'query' } satisfies Message))
  }

  onUpdate(listener: (doc: string, node: string, update: Uint8Array) => void): void {
    this.updateListeners.add(listener)
  }

  onQuery(listener: (doc: string) => void): void {
    this.queryListeners.add(listener)
  }

  onNodeGone(listener: (node: string) => void): void {
    this.goneListeners.add(listener)
  }

  /** A message read from the channel; one that is not well formed is dropped (presence is renewed anyway). */
  receive(text: string): void {
    let message: Partial<Message>
    try {
      message = JSON.parse(text) as Partial<Message>
    } catch {
      return
    }
    const { node, doc, kind, update } = message
    if (typeof node !== 'string' || typeof doc !== 'string' || node === this.node) return
    if (kind === 'query') for (const listener of this.queryListeners) listener(doc)
    if (kind === 'update' && typeof update === 'string') {
      const bytes = new Uint8Array(Buffer.from(update, 'base64'))
      for (const listener of this.updateListeners) listener(doc, node, bytes)
    }
  }

  /** A node's heartbeat expired. */
  nodeGone(node: string): void {
    for (const listener of this.goneListeners) listener(node)
  }
}
