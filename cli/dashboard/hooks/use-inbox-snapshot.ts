import type { InboxSnapshot } from '../../client/huddle-client.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

/** Every row of one inbox (all views, newest first) and its counts, kept current; null without an inbox. */
export function useInboxSnapshot(source: DashboardSource, inbox: string | null, requestFrame: () => void): InboxSnapshot | null {
  return useTopic(source, inbox === null ? null : { kind: 'inbox', inbox }, requestFrame, null)
}
