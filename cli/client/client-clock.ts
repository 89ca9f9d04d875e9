/**
 * The replica's clock: a HybridClock on `Date.now() + offset`, where the
 * offset was measured against the server's clock from its `hello`, and is
 * stored with the last stamp issued so that both still apply offline and
 * after a restart.
 */
import { estimateClockOffset, formatHlc, HybridClock, isHlcString, parseHlc, ZERO_HLC } from '../../core/hlc.js'
import { META, type ReplicaStore } from './replica-store.js'

type StoredClock = { readonly offset: number; readonly last: string }

export class ClientClock {
  private offset: number
  private readonly hlc: HybridClock
  /** The shortest round trip measured this session: the most trustworthy offset. */
  private bestRoundTrip = Number.POSITIVE_INFINITY

  private constructor(
    private readonly store: ReplicaStore,
    private readonly wallClock: () => number,
    stored: StoredClock | undefined,
  ) {
    this.offset = stored?.offset ?? 0
    const last = stored && isHlcString(stored.last) ? parseHlc(stored.last) : ZERO_HLC
    this.hlc = new HybridClock(() => this.now(), last)
  }

  static async load(store: ReplicaStore, wallClock: () => number = Date.now): Promise<ClientClock> {
    return new ClientClock(store, wallClock, await store.getMeta<StoredClock>(META.clock))
  }

  /** Server-corrected milliseconds. */
  now(): number {
    return this.wallClock() + this.offset
  }

  /** The offset added to the local clock, in milliseconds. */
  currentOffset(): number {
    return this.offset
  }

  /** Takes the server's time from a `hello` received at `receivedAt` on a connection opened at `sentAt`. */
  adjust(sentAt: number, serverTime: number, receivedAt: number): void {
    const roundTrip = receivedAt - sentAt
    if (roundTrip > this.bestRoundTrip) return
    this.bestRoundTrip = roundTrip
    this.offset = estimateClockOffset(sentAt, serverTime, receivedAt)
    this.save()
  }

  /** A stamp for a local event, after everything seen. */
  tick(): string {
    const stamp = this.hlc.tick()
    this.save()
    return stamp
  }

  observe(stamp: string): void {
    this.hlc.observe(stamp)
  }

  private save(): void {
    this.store.putMeta(META.clock, { offset: this.offset, last: formatHlc(this.hlc.current()) } satisfies StoredClock)
  }
}
