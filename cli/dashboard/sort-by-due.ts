/** The dashboard's list sorted by SLA due time: soonest (most overdue) first, rows without an SLA last, newest first among equals. */
import { compareDue } from '../../core/sla.js'
import type { SlaPolicy } from '../../core/sla-policy.js'
import type { ConversationRow } from '../client/inbox-view.js'
import { rowSla } from '../client/row-sla.js'

/** `policyOf` gives each row its inbox's policy (a saved view lists several inboxes). */
export function sortByDue(rows: readonly ConversationRow[], policyOf: (row: ConversationRow) => SlaPolicy | null, now: number): ConversationRow[] {
  const keyed = rows.map((row) => ({ row, sla: rowSla(row, policyOf(row), now) }))
  keyed.sort((a, b) => compareDue(a.sla, b.sla) || b.row.lastMessageAt - a.row.lastMessageAt)
  return keyed.map((k) => k.row)
}
