/** A conversation row's SLA as a client knows it. */
import { nextSlaTarget, type SlaFacts, type SlaStatus } from '../../core/sla.js'
import type { SlaPolicy } from '../../core/sla-policy.js'

/** The row's next SLA target at `now`, or null: no policy, nothing pending, or a row from the view cache that lacks the facts. */
export function rowSla(row: { readonly slaFacts?: SlaFacts }, policy: SlaPolicy | null, now: number): SlaStatus | null {
  return row.slaFacts === undefined ? null : nextSlaTarget(row.slaFacts, policy, now)
}
