/**
 * SLA due times (docs/design.md, "SLA"): a pure function of a conversation's
 * facts — when it started, its replies and the customer message waiting for
 * one, whether it is open, the spells its clock is paused — and its inbox's
 * policy, so every replica computes the same due times, offline too.
 */
import { businessDue, parseBusinessHours, type BusinessHours, type Interval } from './business-hours.js'
import type { ConversationState, HistoryEntry } from './fold.js'
import { parseHlc } from './hlc.js'
import type { ConversationSummary } from './inbox-doc.js'
import type { Message } from './message.js'
import { TARGET_FIELDS, type SlaKind, type SlaPolicy } from './sla-policy.js'

/** When a conversation was answered: `[firstReplyAt, lastReplyAt, awaitingSince]` (the inbox entry's `responses`). */
export type Responses = readonly [number | null, number | null, number | null]

const isTime = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v))

/** Whether a decoded value is a `Responses` tuple. */
export function isResponses(value: unknown): value is Responses {
  return Array.isArray(value) && value.length === 3 && value.every(isTime)
}

/** The responses once a customer message arrives at `at`: a wait starts unless one is already running. */
export function responsesAfterInbound(responses: Responses | null, at: number): Responses {
  const [firstReplyAt, lastReplyAt, awaitingSince] = responses ?? [null, null, null]
  if (awaitingSince !== null && awaitingSince <= at) return [firstReplyAt, lastReplyAt, awaitingSince]
  return [firstReplyAt, lastReplyAt, at]
}

export type SlaFacts = {
  /** The first customer message (the entry's `createdAt`). */
  readonly startedAt: number
  readonly responses: Responses | null
  readonly isOpen: boolean
  /** Spells in which no target counts (see `pausedIntervals`). */
  readonly paused: readonly Interval[]
}

export type SlaState = 'ok' | 'warning' | 'breached'

/** A target not met yet: what, since when, and when it is due. */
export type SlaTarget = { readonly kind: SlaKind; readonly startedAt: number; readonly due: number }

export type SlaStatus = { readonly kind: SlaKind; readonly due: number; readonly state: SlaState }

/**
 * The responses of a conversation from its messages: the first and last agent
 * reply and the oldest customer message after the last reply (null: answered).
 */
export function responsesOf(messages: readonly Pick<Message, 'direction' | 'at'>[]): Responses {
  let firstReplyAt: number | null = null
  let lastReplyAt: number | null = null
  for (const m of messages) {
    if (m.direction !== 'out') continue
    if (firstReplyAt === null || m.at < firstReplyAt) firstReplyAt = m.at
    if (lastReplyAt === null || m.at > lastReplyAt) lastReplyAt = m.at
  }
  let awaitingSince: number | null = null
  for (const m of messages)
    if (m.direction === 'in' && (lastReplyAt === null || m.at > lastReplyAt) && (awaitingSince === null || m.at < awaitingSince)) awaitingSince = m.at
  return [firstReplyAt, lastReplyAt, awaitingSince]
}

/**
 * The spells the SLA clock stands still, from the fold's history: while
 * archived (a conversation unarchived later resumes without them). The seam
 * for snooze: snoozed spells join here, from the snooze and unsnooze events.
 */
export function pausedIntervals(history: readonly HistoryEntry[]): Interval[] {
  const spells: Interval[] = []
  let since: number | null = null
  for (const step of history) {
    const at = parseHlc(step.event.at).ms
    if (step.status === 'archived' && since === null) since = at
    else if (step.status === 'open' && since !== null) {
      spells.push([since, at])
      since = null
    }
  }
  if (since !== null) spells.push([since, null])
  return spells
}

/** A conversation's SLA facts from its inbox entry and its folded state. */
export function slaFactsOf(summary: ConversationSummary, state: Pick<ConversationState, 'status' | 'history'>): SlaFacts {
  return { startedAt: summary.createdAt, responses: summary.responses ?? null, isOpen: state.status === 'open', paused: pausedIntervals(state.history) }
}

const hoursCache = new Map<string, BusinessHours>()

function hoursOf(policy: SlaPolicy): BusinessHours | null {
  if (policy.businessHours === undefined) return null
  let hours = hoursCache.get(policy.businessHours)
  if (!hours) {
    hours = parseBusinessHours(policy.businessHours)
    hoursCache.set(policy.businessHours, hours)
  }
  return hours
}

/** Every target the conversation has not met yet, with its due time; none when archived. */
export function slaTargets(facts: SlaFacts, policy: SlaPolicy): SlaTarget[] {
  if (!facts.isOpen) return []
  const [firstReplyAt, , awaitingSince] = facts.responses ?? [null, null, facts.startedAt]
  const hours = hoursOf(policy)
  const targets: SlaTarget[] = []
  const add = (kind: SlaKind, startedAt: number): void => {
    const budget = policy[TARGET_FIELDS[kind]]
    if (budget === undefined) return
    const due = businessDue(hours, startedAt, budget, facts.paused)
    if (due !== null) targets.push({ kind, startedAt, due })
  }
  if (firstReplyAt === null) add('first-response', facts.startedAt)
  // Before the first reply the first-response target covers the wait.
  else if (awaitingSince !== null) add('next-response', awaitingSince)
  add('resolution', facts.startedAt)
  return targets
}

/** The state of a due time at `now`. */
export function slaStateAt(due: number, warnBeforeMs: number, now: number): SlaState {
  if (now >= due) return 'breached'
  return warnBeforeMs > 0 && now >= due - warnBeforeMs ? 'warning' : 'ok'
}

/** The next target due (the earliest; the most overdue when several are), with its state at `now`; null when none. */
export function nextSlaTarget(facts: SlaFacts, policy: SlaPolicy | null, now: number): SlaStatus | null {
  if (policy === null) return null
  let next: SlaTarget | null = null
  for (const target of slaTargets(facts, policy)) if (next === null || target.due < next.due) next = target
  return next === null ? null : { kind: next.kind, due: next.due, state: slaStateAt(next.due, policy.warnBeforeMs, now) }
}

/** Orders by due time, soonest (most overdue) first; no SLA last. */
export function compareDue(a: SlaStatus | null, b: SlaStatus | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  return a.due - b.due
}
