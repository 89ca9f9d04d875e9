/**
 * The four views of an inbox for one member. Every open conversation is in
 * exactly one of the first three; archived ones are in `archived` whoever holds them.
 */
import type { ConversationState } from './fold.js'

export const VIEWS = ['mine', 'others', 'unassigned', 'archived'] as const
export type View = (typeof VIEWS)[number]

export const VIEW_TITLES: Readonly<Record<View, string>> = {
  mine: 'Assigned to me',
  others: 'Assigned to other',
  unassigned: 'Unassigned',
  archived: 'Archived',
}

export type ViewCounts = Record<View, number>

export function viewOf(state: Pick<ConversationState, 'status' | 'assignee'>, userId: string): View {
  if (state.status === 'archived') return 'archived'
  if (state.assignee === null) return 'unassigned'
  return state.assignee === userId ? 'mine' : 'others'
}

export function emptyCounts(): ViewCounts {
  return { mine: 0, others: 0, unassigned: 0, archived: 0 }
}

export function countViews(states: Iterable<Pick<ConversationState, 'status' | 'assignee'>>, userId: string): ViewCounts {
  const counts = emptyCounts()
  for (const state of states) counts[viewOf(state, userId)]++
  return counts
}
