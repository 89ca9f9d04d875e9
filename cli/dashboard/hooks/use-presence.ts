import type { PresenceEntry } from '../../client/presence.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

const NOBODY: readonly PresenceEntry[] = []

/** Who else is viewing or typing in a conversation, kept current. */
export function usePresence(source: DashboardSource, id: string | null, requestFrame: () => void): readonly PresenceEntry[] {
  return useTopic(source, id === null ? null : { kind: 'presence', id }, requestFrame, NOBODY)
}
