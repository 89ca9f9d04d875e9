/** A conversation row's SLA as a client knows it. */
import { nextSlaTarget, type SlaFacts, type SlaStatus } from '../../core/sla.js'
import type { SlaPolicy } from '../../core/sla-policy.js'

/** The row's next SLA target at `now`, or null: no policy, nothing pending, or a row from the view cache that lacks the facts. */
export function rowSla(row: { readonly slaFacts?: SlaFacts }, policy: SlaPolicy | null, now: number): SlaStatus | null {
  return row.slaFacts === undefined ? null : nextSlaTarget(row.slaFacts, policy, now)
}

/** `45s`→`1m`, `12m`, `3h 20m`, `2d 4h`: whole minutes, rounded up so a target is never shown later than it is. */
function span(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`
  const days = Math.floor(hours / 24)
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`
}

/** The SLA in words for a list: the time left (`12m`) or how long overdue (`overdue 5m`); empty without one. */
export function slaCell(sla: SlaStatus | null, now: number): string {
  if (sla === null) return ''
  return sla.due > now ? span(sla.due - now) : `overdue ${span(now - sla.due)}`
}
