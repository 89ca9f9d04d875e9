/**
 * The client's connections: one DocLink per connected document, the state of
 * the whole client computed from theirs, and waiting for a state. What to do
 * on a hello, an ack, a refusal or a denial is the client's: the pool reports
 * them.
 */
import { parseDocName } from '../../core/doc-names.js'
import type { ViewRow } from '../../core/view-rows.js'
import type { Rejection, ServerHello } from '../../core/wire.js'
import { aggregateState, type ConnectionState } from './connection-state.js'
import { DocLink, type Denial, type LinkOptions } from './doc-link.js'
import type { LocalDoc } from './local-doc.js'

export type PoolEvents = {
  readonly onHello: (link: DocLink, hello: ServerHello, sentAt: number, receivedAt: number) => void
  readonly onAck: (name: string, stateVector: Map<number, number>) => void
  readonly onRejected: (name: string, rejection: Rejection) => void
  readonly onDenied: (name: string, denial: Denial) => void
  readonly onState: (state: ConnectionState) => void
  readonly onView: (name: string, rows: readonly ViewRow[]) => void
  /** Someone's presence on a conversation changed. */
  readonly onPresence: (conversation: string) => void
}

type Waiter = { check(): void; finish(): void }

export class ConnectionPool {
  private readonly links = new Map<string, DocLink>()
  private readonly waiters = new Set<Waiter>()
  private isStarted = false
  private isClosed = false
  private refusal: Denial | null = null
  private offlineSince: number
  private current: ConnectionState

  constructor(
    private readonly options: Omit<LinkOptions, 'isPresent'>,
    private readonly events: PoolEvents,
    /** Whether documents that will connect are still being loaded. */
    private readonly isSettingUp: () => boolean,
  ) {
    this.offlineSince = this.wallNow()
    this.current = { kind: 'offline', since: this.offlineSince }
  }

  get isConnecting(): boolean {
    return this.isStarted && this.refusal === null && !this.isClosed
  }

  state(): ConnectionState {
    return this.current
  }

  /** From now on, documents handed to `link` connect. */
  start(): void {
    this.isStarted = true
    this.refresh()
  }

  get(name: string): DocLink | undefined {
    return this.links.get(name)
  }

  /** Connects a document, unless it is connected already or the pool does not connect. */
  link(local: LocalDoc): void {
    if (this.links.has(local.name) || !this.isConnecting) return
    const { name } = local
    // Nothing is reported once closing began: the store is closing too.
    const link = new DocLink(local, this.options, {
      onStatus: () => this.isClosed || this.refresh(),
      onHello: (hello, sentAt, receivedAt) => this.isClosed || this.events.onHello(link, hello, sentAt, receivedAt),
      onAck: (stateVector) => this.isClosed || this.events.onAck(name, stateVector),
      onRejected: (rejection) => this.isClosed || this.events.onRejected(name, rejection),
      onDenied: (denial) => this.isClosed || this.events.onDenied(name, denial),
      onView: (rows) => this.isClosed || this.events.onView(name, rows),
    })
    const ref = parseDocName(name)
    if (ref?.kind === 'conversation') link.awareness.on('change', () => this.events.onPresence(ref.id))
    this.links.set(name, link)
    // A new connection is not in sync yet: the client is no longer `online`.
    this.refresh()
  }

  unlink(name: string): void {
    const link = this.links.get(name)
    if (!link) return
    this.links.delete(name)
    link.destroy()
    this.refresh()
  }

  /** The server refused this user or this client: every connection ends and nothing is retried. */
  deny(denial: Denial): void {
    this.refusal = denial
    for (const link of this.links.values()) link.destroy()
    this.links.clear()
    this.refresh()
  }

  /** Recomputes the state from the links; tells the client and wakes waiters when it changed. */
  refresh(): void {
    const next: ConnectionState = this.refusal
      ? { kind: 'denied', code: this.refusal.code, reason: this.refusal.reason }
      : !this.isStarted
        ? { kind: 'offline', since: this.offlineSince }
        : aggregateState(
            [...this.links.values()].map((l) => l.status),
            this.isSettingUp(),
            this.offlineSince,
          )
    const isChanged = next.kind !== this.current.kind || next.kind === 'denied'
    if (next.kind === 'offline' && this.current.kind !== 'offline') {
      this.offlineSince = this.wallNow()
      this.current = { kind: 'offline', since: this.offlineSince }
    } else if (isChanged) this.current = next
    if (isChanged || next.kind === 'online') this.events.onState(this.current)
    this.checkWaiters()
  }

  /** Resolves once `isDone` holds (checked whenever the state changes or `checkWaiters` is called), or after `timeoutMs`. */
  waitFor(isDone: () => boolean, timeoutMs: number): Promise<void> {
    if (isDone()) return Promise.resolve()
    return new Promise((resolve) => {
      const waiter: Waiter = {
        check: () => {
          if (isDone()) waiter.finish()
        },
        finish: () => {
          clearTimeout(timer)
          this.waiters.delete(waiter)
          resolve()
        },
      }
      const timer = setTimeout(waiter.finish, timeoutMs)
      this.waiters.add(waiter)
    })
  }

  checkWaiters(): void {
    for (const waiter of [...this.waiters]) waiter.check()
  }

  close(): void {
    this.isClosed = true
    for (const waiter of [...this.waiters]) waiter.finish()
    for (const link of this.links.values()) link.destroy()
    this.links.clear()
  }

  private wallNow(): number {
    return (this.options.wallClock ?? Date.now)()
  }
}
