import type { ConversationDetail } from '../../client/conversation-view.js'
import type { DashboardSource } from '../dashboard-source.js'
import { useTopic } from './use-topic.js'

/** A conversation as the replica holds it, kept current; null without one. */
export function useConversation(source: DashboardSource, id: string | null, requestFrame: () => void): ConversationDetail | null {
  return useTopic(source, id === null ? null : { kind: 'conversation', id }, requestFrame, null)
}
