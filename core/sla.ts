/**
 * SLA due times (docs/design.md, "SLA"): a pure function of a conversation's
 * facts — when it started, its replies and the customer message waiting for
 * one, whether it is open, the spells its clock is paused — and its inbox's
 * policy, so every replica computes the same due times, offline too.
 */
import { businessDue, parseBusinessHours, type BusinessHours, type Interval } from './business-hours.js'
import type { ConversationState, HistoryEntry, Snooze } from './fold.js'
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
 * archived (a conversation unarchived later resumes without them) and while
 * snoozed. A snooze's spell runs from its stamp until the first of: its wake
 * time, the first customer message after it that is known (`inbound`: the
 * entry's customer message times), the next snooze, an unsnooze or archive.
 * Archive clears a snooze, so the two kinds of spell never overlap.
 */
export function pausedIntervals(history: readonly HistoryEntry[], inbound: readonly number[] = []): Interval[] {
  // Most conversations were never archived or snoozed: nothing to read stamps for.
  if (!history.some((step) => step.status === 'archived' || step.snooze !== null)) return []
  const spells: Interval[] = []
  let archivedSince: number | null = null
  let snoozed: { readonly from: number; readonly end: number | null } | null = null
  const endSnooze = (at: number): void => {
    if (snoozed === null) return
    spells.push([snoozed.from, Math.max(snoozed.from, snoozed.end === null ? at : Math.min(snoozed.end, at))])
    snoozed = null
  }
  for (const step of history) {
    const at = parseHlc(step.event.at).ms
    if (step.event.kind === 'snooze' && step.snooze !== null) {
      endSnooze(at)
      snoozed = { from: step.snooze.at, end: snoozeEnd(step.snooze, inbound) }
    } else if (step.snooze === null) endSnooze(at)
    if (step.status === 'archived' && archivedSince === null) archivedSince = at
    else if (step.status === 'open' && archivedSince !== null) {
      spells.push([archivedSince, at])
      archivedSince = null
    }
  }
  if (snoozed !== null) spells.push([snoozed.from, snoozed.end])
  if (archivedSince !== null) spells.push([archivedSince, null])
  return spells.sort((a, b) => a[0] - b[0])
}

/** When a snooze ends by itself: its wake time or the first known customer message after it, whichever is sooner (null: neither yet). */
function snoozeEnd(snooze: Snooze, inbound: readonly number[]): number | null {
  const woken = inbound.filter((t) => t > snooze.at)
  const candidates = [...(snooze.until === 'reply' ? [] : [snooze.until]), ...woken]
  return candidates.length === 0 ? null : Math.min(...candidates)
}

/** A conversation's SLA facts from its inbox entry and its folded state. */
export function slaFactsOf(summary: ConversationSummary, state: Pick<ConversationState, 'status' | 'history'>): SlaFacts {
  const inbound = [summary.responses?.[2] ?? null, summary.lastInboundAt].filter((t): t is number => t !== null)
  return { startedAt: summary.createdAt, responses: summary.responses ?? null, isOpen: state.status === 'open', paused: pausedIntervals(state.history, inbound) }
}

const hoursCache = new Map<string, BusinessHours>()

/** The business hours a policy counts in (parsed once per text); null: all time counts. */
export function policyHours(policy: SlaPolicy): BusinessHours | null {
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
  const hours = policyHours(policy)
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
