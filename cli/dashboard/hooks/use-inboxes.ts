import type { InboxInfo } from '../../client/huddle-client.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

/** The user's inboxes with their view counts, kept current. */
export function useInboxes(source: DashboardSource, requestFrame: () => void): readonly InboxInfo[] {
  return useTopic(source, { kind: 'inboxes' }, requestFrame)
}
