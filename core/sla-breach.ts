/**
 * SLA breaches as the server records them for reports (docs/design.md,
 * "SLA"): once per conversation, target and occurrence (its start), and
 * settled — when and by how long — once the target is finally met.
 */
import type { Interval } from './business-hours.js'
import type { SlaFacts, SlaTarget } from './sla.js'
import type { SlaKind } from './sla-policy.js'

export type SlaBreach = {
  readonly conversation: string
  /** Doc name of its inbox (`inbox/<id>`). */
  readonly inbox: string
  readonly kind: SlaKind
  /** When the target's clock started: with `kind`, which occurrence it is. */
  readonly startedAt: number
  readonly due: number
  /** When the server saw it past due. */
  readonly breachedAt: number
  /** When the target was met at last (null: not yet). */
  readonly metAt: number | null
  /** How long past due: until `metAt` once met, else until the last check. */
  readonly overdueMs: number
  /** Who held the conversation when it was breached (null: nobody). */
  readonly assignee: string | null
}

/** When a target of `kind` was met, from the facts once it is no longer pending (null: unknown). */
function metAtOf(kind: SlaKind, facts: SlaFacts, paused: readonly Interval[]): number | null {
  const [firstReplyAt, lastReplyAt] = facts.responses ?? [null, null, null]
  switch (kind) {
    case 'first-response':
      return firstReplyAt
    case 'next-response':
      return lastReplyAt
    case 'resolution': {
      // Archived: the spell that is still running began with the archive.
      const last = paused[paused.length - 1]
      return last !== undefined && last[1] === null ? last[0] : null
    }
  }
}

export type BreachCheck = {
  readonly conversation: string
  readonly inbox: string
  readonly assignee: string | null
  readonly facts: SlaFacts
  /** The targets still pending (slaTargets). */
  readonly targets: readonly SlaTarget[]
  /** Its breaches recorded and not yet met. */
  readonly unmet: readonly SlaBreach[]
  readonly isRecorded: (kind: SlaKind, startedAt: number) => boolean
  readonly now: number
}

/** The breach records to write after checking one conversation: new breaches, and unmet ones now met. */
export function breachChanges(check: BreachCheck): SlaBreach[] {
  const { facts, now } = check
  const changes: SlaBreach[] = []
  for (const target of check.targets)
    if (target.due <= now && !check.isRecorded(target.kind, target.startedAt))
      changes.push({
        conversation: check.conversation,
        inbox: check.inbox,
        kind: target.kind,
        startedAt: target.startedAt,
        due: target.due,
        breachedAt: now,
        metAt: null,
        overdueMs: now - target.due,
        assignee: check.assignee,
      })
  for (const breach of check.unmet) {
    const stillPending = check.targets.some((t) => t.kind === breach.kind && t.startedAt === breach.startedAt)
    if (stillPending) continue
    const metAt = Math.max(metAtOf(breach.kind, facts, facts.paused) ?? now, breach.due)
    changes.push({ ...breach, metAt, overdueMs: metAt - breach.due })
  }
  return changes
}
