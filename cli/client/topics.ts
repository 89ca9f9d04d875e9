/**
 * Batched subscriptions: changes mark topics dirty, and one flush a moment
 * later computes each dirty topic once and calls its listeners, so a burst of
 * remote changes yields one notification per listener.
 */

type Subscription = {
  readonly key: string
  readonly compute: () => unknown
  readonly listener: (value: unknown) => void
  isDirty: boolean
}

export class Topics {
  private readonly subscriptions = new Set<Subscription>()
  private timer: NodeJS.Timeout | null = null
  private isClosed = false

  constructor(private readonly delayMs = 16) {}

  /** Calls `listener` with `compute()` soon, then after every batch of changes to `key`. */
  subscribe<T>(key: string, compute: () => T, listener: (value: T) => void): () => void {
    const subscription: Subscription = { key, compute, listener: listener as (value: unknown) => void, isDirty: true }
    this.subscriptions.add(subscription)
    this.schedule()
    return () => this.subscriptions.delete(subscription)
  }

  /** Marks every topic whose key is `key`, or starts with it when `isPrefix`. */
  touch(key: string, isPrefix = false): void {
    let isAny = false
    for (const s of this.subscriptions) {
      if (s.key === key || (isPrefix && s.key.startsWith(key))) {
        s.isDirty = true
        isAny = true
      }
    }
    if (isAny) this.schedule()
  }

  touchAll(): void {
    for (const s of this.subscriptions) s.isDirty = true
    this.schedule()
  }

  /** Runs the pending notifications now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const values = new Map<string, unknown>()
    for (const s of [...this.subscriptions]) {
      if (!s.isDirty || !this.subscriptions.has(s)) continue
      s.isDirty = false
      if (!values.has(s.key)) values.set(s.key, s.compute())
      s.listener(values.get(s.key))
    }
  }

  close(): void {
    this.isClosed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.subscriptions.clear()
  }

  private schedule(): void {
    if (this.timer || this.isClosed) return
    this.timer = setTimeout(() => this.flush(), this.delayMs)
  }
}
