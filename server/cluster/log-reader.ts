/**
 * The node's one reader of the document logs (docs/design.md, "Cluster
 * mode"): a loop on its own connection reading, with XREAD BLOCK, every
 * stream of the documents the node holds from the last entry each has
 * integrated, and handing what it reads to the store. It is supervised: a
 * failed read is reported and retried after a backoff from the same
 * cursors, so a cut connection skips nothing, and an entry it cannot read
 * reloads that one document instead of stopping the loop.
 */
import type { DedicatedLink } from './redis-link.js'
import { afterId, parseEntries, streamsOf } from './log-entry.js'
import { REDIS_KEYS } from './redis-keys.js'
import type { RedisDocumentStore } from './redis-document-store.js'

/** How long one blocking read waits for entries before it starts again (and picks up documents loaded meanwhile). */
const BLOCK_MS = 1000
/** Most entries read from one stream at a time. */
const COUNT = 1000

export class LogReader {
  private isStopped = false
  private running: Promise<void> = Promise.resolve()
  /** When the reader last had an answer from Redis (or was idle, holding nothing). */
  private answeredAt = Date.now()
  private wake: (() => void) | null = null
  private readerId: string | null = null

  constructor(
    private readonly link: DedicatedLink,
    private readonly store: RedisDocumentStore,
    /** Sends CLIENT UNBLOCK on the command connection, to end a blocking read early. */
    private readonly unblock: (clientId: string) => Promise<unknown>,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.running = this.loop()
  }

  /** Milliseconds since the reader last had an answer while documents are held: its lag, 0 when it is current. */
  lagMs(): number {
    if (this.store.cursors().length === 0) return 0
    return Math.max(0, this.now() - this.answeredAt - BLOCK_MS)
  }

  /** The documents held changed: end a blocking read, so the next one reads the new set. */
  refresh(): void {
    if (this.wake) this.wake()
    else if (this.readerId !== null) void this.unblock(this.readerId).catch(() => {})
  }

  async stop(): Promise<void> {
    this.isStopped = true
    this.refresh()
    await this.running
  }

  private async loop(): Promise<void> {
    let failures = 0
    while (!this.isStopped) {
      const cursors = this.store.cursors()
      if (cursors.length === 0) {
        this.answeredAt = this.now()
        await new Promise<void>((resolve) => (this.wake = resolve))
        this.wake = null
        continue
      }
      try {
        this.readerId ??= String(await this.link.call(['CLIENT', 'ID']))
        const keys = cursors.map(({ name }) => REDIS_KEYS.log(name))
        const ids = cursors.map(({ last }) => afterId(last))
        const reply = await this.link.call(['XREAD', 'COUNT', String(COUNT), 'BLOCK', String(BLOCK_MS), 'STREAMS', ...keys, ...ids])
        this.answeredAt = this.now()
        failures = 0
        this.deliver(reply, cursors)
      } catch (error) {
        if (this.isStopped) break
        // A new connection has a new id: ask again once it is back.
        this.readerId = null
        failures += 1
        if (failures === 1) this.log(`cluster: the log reader failed (${error instanceof Error ? error.message : String(error)}); retrying.`)
        await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** failures, 100)))
      }
    }
  }

  private deliver(reply: unknown, cursors: ReadonlyArray<{ readonly name: string }>): void {
    const byKey = new Map(cursors.map(({ name }) => [REDIS_KEYS.log(name), name]))
    for (const [key, entries] of streamsOf(reply)) {
      const name = byKey.get(key)
      if (name !== undefined) this.store.receive(name, parseEntries(entries))
    }
  }
}
