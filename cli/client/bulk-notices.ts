/**
 * A bulk claim's lost claims told as one notice ("claimed 28 of 30; lost
 * c-1 to bob, c-9 to eve"), not one notice per conversation. Held back while
 * any of its claims still waits for the server: once all are acknowledged,
 * the replica has what the server held when they arrived, so the count is
 * the fold's answer, not a guess made halfway through a sync.
 */
import type { BulkClaim } from './bulk-log.js'
import type { Notice } from './merge-notices.js'

export function bulkNoticeKey(id: string): string {
  return `bulk:${id}`
}

export type GroupedNotices = {
  readonly notices: Notice[]
  /** Bulk claims all acknowledged with none lost: nothing is left to tell of them. */
  readonly settled: string[]
}

/** `notices` with each bulk claim's lost claims replaced by its one notice (or held back while it is not all acknowledged). */
export function groupBulkClaims(notices: readonly Notice[], claims: readonly BulkClaim[], isPending: (action: string) => boolean): GroupedNotices {
  const claimOf = new Map<string, BulkClaim>()
  for (const claim of claims) for (const part of claim.parts) claimOf.set(`lost:${part.event}`, claim)
  const lostOf = new Map<string, Array<Extract<Notice, { kind: 'lost-claim' }>>>()
  const rest: Notice[] = []
  for (const notice of notices) {
    const claim = notice.kind === 'lost-claim' ? claimOf.get(notice.key) : undefined
    if (claim === undefined || notice.kind !== 'lost-claim') rest.push(notice)
    else lostOf.set(claim.id, [...(lostOf.get(claim.id) ?? []), notice])
  }
  const settled: string[] = []
  for (const claim of claims) {
    if (claim.parts.some((part) => isPending(part.action))) continue
    const lost = lostOf.get(claim.id) ?? []
    if (lost.length === 0) {
      settled.push(claim.id)
      continue
    }
    rest.push({
      kind: 'bulk-claim',
      key: bulkNoticeKey(claim.id),
      total: claim.parts.length,
      lost: lost.map((n) => ({ conversation: n.conversation, winner: n.winner })),
      covers: lost.map((n) => n.key),
      at: Math.max(...lost.map((n) => n.at)),
    })
  }
  return { notices: rest.sort((a, b) => a.at - b.at), settled }
}
