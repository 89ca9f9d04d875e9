import type { ClientStatus } from '../../client/huddle-client.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

/** The connection state and the count of changes waiting to sync, kept current. */
export function useClientStatus(source: DashboardSource, requestFrame: () => void): ClientStatus {
  return useTopic(source, { kind: 'status' }, requestFrame)
}
