import type { Notice } from '../../client/merge-notices.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

/** Notices not dismissed yet, oldest first, kept current. */
export function useNotices(source: DashboardSource, requestFrame: () => void): readonly Notice[] {
  return useTopic(source, { kind: 'notices' }, requestFrame)
}
