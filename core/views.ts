/**
 * The five views of an inbox for one member. Every open conversation is in
 * exactly one of the first four: `snoozed` while its snooze holds it asleep
 * (snooze.ts), else by assignee; archived ones are in `archived` whoever holds them.
 */
import type { Placement } from './fold.js'
import { isAsleep } from './snooze.js'

export const VIEWS = ['mine', 'others', 'unassigned', 'archived', 'snoozed'] as const
export type View = (typeof VIEWS)[number]

export const VIEW_TITLES: Readonly<Record<View, string>> = {
  mine: 'Assigned to me',
  others: 'Assigned to other',
  unassigned: 'Unassigned',
  archived: 'Archived',
  snoozed: 'Snoozed',
}

export type ViewCounts = Record<View, number>

/** What a view is decided from besides the folded state: the corrected clock and when the customer last wrote. */
export type ViewMoment = { readonly now: number; readonly lastInboundAt: number | null }

export function viewOf(state: Placement, userId: string, moment: ViewMoment): View {
  if (state.status === 'archived') return 'archived'
  if (isAsleep(state.snooze, moment.now, moment.lastInboundAt)) return 'snoozed'
  if (state.assignee === null) return 'unassigned'
  return state.assignee === userId ? 'mine' : 'others'
}

export function emptyCounts(): ViewCounts {
  return { mine: 0, others: 0, unassigned: 0, archived: 0, snoozed: 0 }
}

export function countViews(entries: Iterable<{ readonly state: Placement; readonly lastInboundAt: number | null }>, userId: string, now: number): ViewCounts {
  const counts = emptyCounts()
  for (const { state, lastInboundAt } of entries) counts[viewOf(state, userId, { now, lastInboundAt })]++
  return counts
}
