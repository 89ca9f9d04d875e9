import type { SavedViewSnapshot } from '../../client/client-topic.js'
import type { SavedViewSummary } from '../../client/saved-view-rows.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

/** The agent's saved views with their counts over every inbox, kept current. */
export function useSavedViews(source: DashboardSource, requestFrame: () => void): readonly SavedViewSummary[] {
  return useTopic(source, { kind: 'saved-views' }, requestFrame)
}

/** One saved view's conversations across the inboxes, kept current; null without one (or when it is gone). */
export function useSavedView(source: DashboardSource, name: string | null, requestFrame: () => void): SavedViewSnapshot {
  return useTopic(source, name === null ? null : { kind: 'saved-view', name }, requestFrame, null)
}
