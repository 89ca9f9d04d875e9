/**
 * The figures of a report (docs/design.md, "Reports"): a pure function of
 * the conversations' plain facts (core/report-facts.ts), the period and the
 * zone its days are in. Durations are counted as the SLA counts them
 * (core/business-hours.ts `countingTime`): in the inbox's business hours
 * where it has them, never while paused (snoozed, or archived before an
 * unarchive). Percentiles are nearest-rank (core/percentile.ts).
 *
 * - received: conversations whose first customer message is in the period;
 * - replied: conversations whose first agent reply is in the period, and the
 *   first response time of each (received → first reply);
 * - archived: conversations archived in the period and still archived, and
 *   the resolution time of each (received → that archive);
 * - SLA: per target, of the conversations received in the period, those met
 *   and breached (pending ones are neither), met % = met / (met + breached);
 * - volume: received per local day and per local hour of day.
 */
import { countingTime } from './business-hours.js'
import { nearestRank } from './percentile.js'
import { daysOf, localDay, localHour, type ReportPeriod } from './report-period.js'
import type { ReportFact, SlaOutcome } from './report-facts.js'
import type { ReportGroup } from './report-query.js'
import { SLA_KINDS, type SlaKind } from './sla-policy.js'

export type DurationFigures = { readonly count: number; readonly medianMs: number | null; readonly p90Ms: number | null }

export type SlaFigure = { readonly kind: SlaKind; readonly met: number; readonly breached: number; readonly pending: number; readonly metPercent: number | null }

export type ReportFigures = {
  readonly received: number
  readonly replied: number
  readonly archived: number
  readonly firstResponse: DurationFigures
  readonly resolution: DurationFigures
  readonly sla: readonly SlaFigure[]
}

/** One group of a grouped report; `key` null gathers those without one (unassigned, unlabelled). */
export type ReportGroupRow = ReportFigures & { readonly key: string | null }

export type Report = {
  /** The period `[since, until)`, ms since the epoch. */
  readonly since: number
  readonly until: number
  /** The IANA zone its days and hours are in. */
  readonly zone: string
  /** Doc names of the inboxes covered. */
  readonly inboxes: readonly string[]
  readonly by: ReportGroup | null
  readonly totals: ReportFigures
  readonly volume: {
    /** Conversations received per local day of the period, every day listed. */
    readonly byDay: ReadonlyArray<{ readonly day: string; readonly received: number }>
    /** Conversations received per local hour of day, 0–23. */
    readonly byHour: readonly number[]
  }
  readonly groups: readonly ReportGroupRow[]
}

export type ReportScope = {
  readonly period: ReportPeriod
  readonly zone: string
  readonly inboxes: readonly string[]
  readonly by: ReportGroup | null
  /** Only conversations held by this user. */
  readonly agent: string | null
  /** Only conversations carrying this label. */
  readonly label: string | null
}

type Tally = {
  received: number
  firstResponses: number[]
  resolutions: number[]
  sla: Map<SlaKind, Record<SlaOutcome, number>>
}

const newTally = (): Tally => ({ received: 0, firstResponses: [], resolutions: [], sla: new Map() })

function durations(values: number[]): DurationFigures {
  const sorted = values.sort((a, b) => a - b)
  return { count: sorted.length, medianMs: nearestRank(sorted, 50), p90Ms: nearestRank(sorted, 90) }
}

function figuresOf(tally: Tally, kinds: readonly SlaKind[]): ReportFigures {
  return {
    received: tally.received,
    replied: tally.firstResponses.length,
    archived: tally.resolutions.length,
    firstResponse: durations(tally.firstResponses),
    resolution: durations(tally.resolutions),
    sla: kinds.map((kind) => {
      const { met, breached, pending } = tally.sla.get(kind) ?? { met: 0, breached: 0, pending: 0 }
      return { kind, met, breached, pending, metPercent: met + breached === 0 ? null : Math.round((met * 1000) / (met + breached)) / 10 }
    }),
  }
}

const two = (n: number): string => String(n).padStart(2, '0')

/** The groups a fact's figure taken at `at` falls in. */
function groupKeys(by: ReportGroup, fact: ReportFact, at: number, zone: string): ReadonlyArray<string | null> {
  switch (by) {
    case 'day':
      return [localDay(at, zone)]
    case 'hour':
      return [two(localHour(at, zone))]
    case 'agent':
      return [fact.assignee]
    case 'inbox':
      return [fact.inbox]
    case 'label':
      return fact.labels.length === 0 ? [null] : fact.labels
  }
}

/** Groups in their order: days and hours in time order (every one listed), others by key, those without one last. */
function initialGroups(scope: ReportScope): Map<string | null, Tally> {
  const groups = new Map<string | null, Tally>()
  if (scope.by === 'day') for (const day of daysOf(scope.period, scope.zone)) groups.set(day, newTally())
  if (scope.by === 'hour') for (let h = 0; h < 24; h++) groups.set(two(h), newTally())
  return groups
}

function sortedRows(groups: Map<string | null, Tally>, by: ReportGroup, kinds: readonly SlaKind[]): ReportGroupRow[] {
  const entries = [...groups.entries()]
  if (by !== 'day' && by !== 'hour') entries.sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
  return entries.map(([key, tally]) => ({ key, ...figuresOf(tally, kinds) }))
}

/** The report over `facts` for `scope`. */
export function computeReport(facts: readonly ReportFact[], scope: ReportScope): Report {
  const { period, zone, by } = scope
  const within = (at: number | null): at is number => at !== null && at >= period.since && at < period.until
  const total = newTally()
  const groups = initialGroups(scope)
  const tallies = (fact: ReportFact, at: number): Tally[] => {
    if (by === null) return [total]
    const found = groupKeys(by, fact, at, zone).map((key) => {
      let tally = groups.get(key)
      if (!tally) groups.set(key, (tally = newTally()))
      return tally
    })
    return [total, ...found]
  }
  const byDay = new Map(daysOf(period, zone).map((day) => [day, 0]))
  const byHour = Array.from({ length: 24 }, () => 0)
  const kinds = new Set<SlaKind>()
  for (const fact of facts) {
    if (scope.agent !== null && fact.assignee !== scope.agent) continue
    if (scope.label !== null && !fact.labels.includes(scope.label)) continue
    if (within(fact.receivedAt)) {
      const day = localDay(fact.receivedAt, zone)
      byDay.set(day, (byDay.get(day) ?? 0) + 1)
      byHour[localHour(fact.receivedAt, zone)]! += 1
      for (const tally of tallies(fact, fact.receivedAt)) {
        tally.received += 1
        for (const [kind, outcome] of Object.entries(fact.sla) as Array<[SlaKind, SlaOutcome]>) {
          kinds.add(kind)
          const counts = tally.sla.get(kind) ?? { met: 0, breached: 0, pending: 0 }
          counts[outcome] += 1
          tally.sla.set(kind, counts)
        }
      }
    }
    if (within(fact.firstReplyAt)) {
      const took = countingTime(fact.hours, fact.receivedAt, fact.firstReplyAt, fact.paused)
      for (const tally of tallies(fact, fact.firstReplyAt)) tally.firstResponses.push(took)
    }
    if (within(fact.archivedAt)) {
      const took = countingTime(fact.hours, fact.receivedAt, fact.archivedAt, fact.paused)
      for (const tally of tallies(fact, fact.archivedAt)) tally.resolutions.push(took)
    }
  }
  const slaKinds = SLA_KINDS.filter((kind) => kinds.has(kind))
  return {
    since: period.since,
    until: period.until,
    zone,
    inboxes: scope.inboxes,
    by,
    totals: figuresOf(total, slaKinds),
    volume: { byDay: [...byDay].map(([day, received]) => ({ day, received })), byHour },
    groups: by === null ? [] : sortedRows(groups, by, slaKinds),
  }
}
