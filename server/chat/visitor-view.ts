/**
 * What a web chat visitor sees of their conversation: their own messages,
 * and agents' replies once handed to the chat channel (`sent` or later).
 * Held, failed and discarded replies, notes, assignment and delivery details
 * stay with the agents.
 */
import type { ConversationDoc } from '../../core/conversation-doc.js'

export type VisitorMessage = {
  readonly id: string
  readonly from: 'visitor' | 'agent'
  /** The visitor's name, or the agent's display name; null when unknown. */
  readonly name: string | null
  readonly body: string
  readonly at: number
}

/** The messages of one conversation a visitor may see, oldest first. */
export function visitorMessages(conversation: ConversationDoc, visitorName: string | null, agentName: (id: string) => string | null): VisitorMessage[] {
  const visible: VisitorMessage[] = []
  for (const m of conversation.readMessages()) {
    if (m.direction === 'in') visible.push({ id: m.id, from: 'visitor', name: visitorName, body: m.body, at: m.at })
    else if (m.delivery?.status === 'sent' || m.delivery?.status === 'delivered')
      visible.push({ id: m.id, from: 'agent', name: agentName(m.author), body: m.body, at: m.at })
  }
  return visible
}
