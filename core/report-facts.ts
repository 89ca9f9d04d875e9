/**
 * The plain facts a report is computed from, one per conversation
 * (docs/design.md, "Reports"), and how they are read from what the server
 * stores: the inbox entry's summary (or the history record's), the fold of
 * its events, its inbox's SLA policy and the breaches recorded for it.
 */
import type { BusinessHours, Interval } from './business-hours.js'
import type { ConversationState } from './fold.js'
import { parseHlc } from './hlc.js'
import type { ConversationSummary } from './inbox-doc.js'
import { policyHours, slaFactsOf } from './sla.js'
import { SLA_KINDS, TARGET_FIELDS, type SlaKind, type SlaPolicy } from './sla-policy.js'

/** How a conversation stands against one SLA target: met, breached, or not decided yet. */
export type SlaOutcome = 'met' | 'breached' | 'pending'

export type ReportFact = {
  readonly id: string
  /** Doc name of its inbox. */
  readonly inbox: string
  /** Who holds it now (for an archived one, who held it when archived); null: nobody. */
  readonly assignee: string | null
  readonly labels: readonly string[]
  /** Its first customer message (the entry's `createdAt`). */
  readonly receivedAt: number
  /** The first agent reply; null: none yet. */
  readonly firstReplyAt: number | null
  /** When the archive that left it archived was made; null while open. */
  readonly archivedAt: number | null
  /** The spells its SLA clock stood still (core/sla.ts `pausedIntervals`); response times skip them too. */
  readonly paused: readonly Interval[]
  /** Its inbox's business hours (its SLA policy's); null: all time counts. */
  readonly hours: BusinessHours | null
  /** Per SLA target its inbox has (or that was breached), how it stands. */
  readonly sla: Readonly<Partial<Record<SlaKind, SlaOutcome>>>
}

export type FactSources = {
  readonly inbox: string
  readonly summary: ConversationSummary
  readonly state: Pick<ConversationState, 'status' | 'assignee' | 'history'>
  readonly labels: readonly string[]
  readonly policy: SlaPolicy | null
  /** The targets breaches were recorded for. */
  readonly breached: ReadonlySet<SlaKind>
}

/** The instant of the archive that left the conversation archived: where its last paused spell, still running, begins. */
function archivedAtOf(sources: FactSources, paused: readonly Interval[]): number | null {
  if (sources.state.status !== 'archived') return null
  const last = paused[paused.length - 1]
  if (last !== undefined && last[1] === null) return last[0]
  // Only a fold without history entries could miss the spell; the latest archive event then says.
  const archives = sources.state.history.filter((step) => step.event.kind === 'archive')
  return archives.length === 0 ? null : parseHlc(archives[archives.length - 1]!.event.at).ms
}

/**
 * How a target stands, as the SLA decides it: breached when a breach was
 * recorded; the first response met once replied; a next response met once
 * the customer's later messages are answered or the conversation archived
 * (none when no customer message followed the first reply); the resolution
 * met once archived; otherwise pending.
 */
function outcomeOf(kind: SlaKind, sources: FactSources): SlaOutcome | null {
  if (sources.breached.has(kind)) return 'breached'
  const [firstReplyAt, , awaitingSince] = sources.summary.responses ?? [null, null, sources.summary.createdAt]
  const isArchived = sources.state.status === 'archived'
  switch (kind) {
    case 'first-response':
      return firstReplyAt !== null ? 'met' : isArchived ? null : 'pending'
    case 'next-response': {
      const lastInbound = sources.summary.lastInboundAt
      if (firstReplyAt === null || lastInbound === null || lastInbound <= firstReplyAt) return null
      return awaitingSince === null || isArchived ? 'met' : 'pending'
    }
    case 'resolution':
      return isArchived ? 'met' : 'pending'
  }
}

/** A conversation's report facts from what the server stores of it. */
export function reportFactOf(sources: FactSources): ReportFact {
  const { summary, state, policy } = sources
  const paused = slaFactsOf(summary, state).paused
  const sla: Partial<Record<SlaKind, SlaOutcome>> = {}
  for (const kind of SLA_KINDS) {
    const hasTarget = policy !== null && policy[TARGET_FIELDS[kind]] !== undefined
    if (!hasTarget && !sources.breached.has(kind)) continue
    const outcome = outcomeOf(kind, sources)
    if (outcome !== null) sla[kind] = outcome
  }
  return {
    id: summary.id,
    inbox: sources.inbox,
    assignee: state.assignee,
    labels: sources.labels,
    receivedAt: summary.createdAt,
    firstReplyAt: summary.responses?.[0] ?? null,
    archivedAt: archivedAtOf(sources, paused),
    paused,
    hours: policy === null ? null : policyHours(policy),
    sla,
  }
}
