/**
 * A DocumentHub in memory for tests of the server's services: plain Y.Docs in
 * a Map, changes applied in one transaction, simulated client connections,
 * and a record of every disconnect and removal.
 */
import * as Y from 'yjs'
import type { DocumentHub } from '../../server/sync/document-hub.js'

export type Disconnected = { readonly user: string; readonly doc: string; readonly code: number; readonly reason: string; readonly at: number }

type Listener = (name: string, doc: Y.Doc, user: string | null) => void

export class MemoryHub implements DocumentHub {
  readonly docs = new Map<string, Y.Doc>()
  /** Simulated open connections, as `user` → document names. */
  readonly connections = new Map<string, Set<string>>()
  readonly disconnected: Disconnected[] = []
  readonly removed: string[] = []
  /** Every server change, by document name, in order. */
  readonly changes: string[] = []
  private readonly listeners = new Set<Listener>()
  /** When set, the next `change` rejects with it (a failed write). */
  failNextChange: Error | null = null

  async change(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    if (this.failNextChange) {
      const error = this.failNextChange
      this.failNextChange = null
      throw error
    }
    const doc = this.load(name)
    doc.transact(() => change(doc), 'server')
    this.changes.push(name)
  }

  async read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    return read(this.load(name))
  }

  disconnect(userId: string, matches: (docName: string) => boolean, code: number, reason: string): void {
    const open = this.connections.get(userId)
    if (!open) return
    for (const doc of [...open]) {
      if (!matches(doc)) continue
      open.delete(doc)
      this.disconnected.push({ user: userId, doc, code, reason, at: Date.now() })
    }
  }

  async rotate(name: string, rebuild: (doc: Y.Doc) => Uint8Array, beforeStore: () => Promise<void> = async () => {}): Promise<void> {
    const next = new Y.Doc()
    const update = rebuild(this.load(name))
    await beforeStore()
    Y.applyUpdate(next, update)
    this.docs.set(name, next)
    for (const listener of this.listeners) listener(name, next, null)
  }

  async remove(name: string): Promise<void> {
    this.docs.delete(name)
    this.removed.push(name)
    for (const [user, open] of this.connections)
      if (open.delete(name)) this.disconnected.push({ user, doc: name, code: 1001, reason: 'document removed', at: Date.now() })
  }

  observe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // ── Test controls ─────────────────────────────────────────────────────

  /** Simulates `user` holding an open connection to `doc`. */
  connect(user: string, doc: string): void {
    const open = this.connections.get(user) ?? new Set<string>()
    open.add(doc)
    this.connections.set(user, open)
  }

  isConnected(user: string, doc: string): boolean {
    return this.connections.get(user)?.has(doc) ?? false
  }

  /** Applies a change as client `user` would through sync, and tells observers. */
  clientChange(name: string, user: string, change: (doc: Y.Doc) => void): void {
    const doc = this.load(name)
    doc.transact(() => change(doc), user)
    for (const listener of this.listeners) listener(name, doc, user)
  }

  /** The document, loaded (created empty) if needed. */
  doc(name: string): Y.Doc {
    return this.load(name)
  }

  private load(name: string): Y.Doc {
    let doc = this.docs.get(name)
    if (!doc) {
      doc = new Y.Doc()
      this.docs.set(name, doc)
      for (const listener of this.listeners) listener(name, doc, null)
    }
    return doc
  }
}
