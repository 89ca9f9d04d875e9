/**
 * Runs a task per key once its key has been quiet for `delayMs`: a burst of
 * updates to one document costs one run. Runs are serial, in the order their
 * keys fell quiet, so the one writer of the index never races itself.
 */
export class KeyedDebounce<K, V> {
  private readonly timers = new Map<K, { timer: NodeJS.Timeout; value: V }>()
  private chain: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly delayMs: number,
    private readonly merge: (previous: V, next: V) => V,
    private readonly run: (key: K, value: V) => Promise<void>,
    private readonly onError: (key: K, error: unknown) => void,
  ) {}

  /** Schedules `key`, merging `value` with what is already pending for it. */
  touch(key: K, value: V): void {
    if (this.closed) return
    const pending = this.timers.get(key)
    if (pending) clearTimeout(pending.timer)
    const merged = pending ? this.merge(pending.value, value) : value
    const timer = setTimeout(() => this.start(key), this.delayMs)
    this.timers.set(key, { timer, value: merged })
  }

  /** Queues `task` behind the runs already started (a rebuild, say). */
  enqueue(task: () => Promise<void>): Promise<void> {
    const done = this.chain.then(task)
    this.chain = done.catch(() => {})
    return done
  }

  private start(key: K): void {
    const pending = this.timers.get(key)
    if (!pending) return
    this.timers.delete(key)
    void this.enqueue(() => this.run(key, pending.value)).catch((error: unknown) => this.onError(key, error))
  }

  /** Starts every pending key now and resolves when all runs are done; later touches are ignored. */
  async close(): Promise<void> {
    this.closed = true
    for (const [key, pending] of [...this.timers]) {
      clearTimeout(pending.timer)
      this.start(key)
    }
    await this.chain
  }
}
