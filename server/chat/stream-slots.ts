/**
 * Open chat event streams, counted per visitor, per client address and in
 * all. Each open stream holds a socket and a subscription for as long as the
 * browser keeps it, so one visitor credential may hold only a few (a few tabs
 * of the same chat), one address only a share (visitors are free to create,
 * so the per-visitor cap alone does not stop one machine from taking every
 * slot), and all visitors together only as many as the server is sized for.
 */
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from '../../core/chat-stream-limits.js'
import { assertNoProblems, HuddleError } from '../../core/errors.js'

export class StreamSlots {
  private readonly byVisitor = new Map<string, number>()
  private readonly byAddress = new Map<string, number>()
  private open = 0

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    const problems = Object.entries(limits)
      .filter(([, n]) => !Number.isSafeInteger(n) || n < 1)
      .map(([name, n]) => `The chat stream limit \`${name}\` must be a whole number of at least 1, not \`${String(n)}\`.`)
    assertNoProblems(problems, 'The chat stream limits are not valid:')
  }

  /**
   * Takes a slot for one stream of `visitorId` connecting from `address` (a
   * key of core/client-address.ts), or throws `too-many` when the visitor or
   * the address holds their share and `unavailable` when the server is full.
   * The returned function frees the slot; calling it again does nothing.
   */
  take(visitorId: string, address: string): () => void {
    const held = this.byVisitor.get(visitorId) ?? 0
    if (held >= this.limits.perVisitor)
      throw new HuddleError(
        'too-many',
        `Too many chat windows are open: you have ${held}, the most one visitor may have at once. Close one of them and this one will connect.`,
      )
    const fromAddress = this.byAddress.get(address) ?? 0
    if (fromAddress >= this.limits.perAddress)
      throw new HuddleError(
        'too-many',
        `Too many chat windows are open from your network: ${fromAddress}, the most one address may have at once. Close one of them and this one will connect.`,
      )
    if (this.open >= this.limits.total)
      throw new HuddleError(
        'unavailable',
        `The chat is at its limit of ${this.limits.total.toLocaleString('en-US')} open chat windows just now; try again in a few minutes.`,
      )
    this.byVisitor.set(visitorId, held + 1)
    this.byAddress.set(address, fromAddress + 1)
    this.open += 1
    let isHeld = true
    return () => {
      if (!isHeld) return
      isHeld = false
      this.open -= 1
      release(this.byVisitor, visitorId)
      release(this.byAddress, address)
    }
  }

  /** Streams open now: of one visitor, or of all. */
  count(visitorId?: string): number {
    return visitorId === undefined ? this.open : (this.byVisitor.get(visitorId) ?? 0)
  }
}

function release(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1
  if (left === 0) counts.delete(key)
  else counts.set(key, left)
}
