/**
 * Which inbox document each conversation lives in, kept as a server-side
 * record so access to `conversation/<id>` can be decided without loading
 * every inbox. Written by the inbound pipeline when it creates a conversation.
 *
 *   conversation/<id> → { inbox: 'inbox/<id>' | 'personal/<user>' }
 */
import type { RecordOp, RecordStore } from '../store/record-store.js'

const PREFIX = 'conversation/'

export type ConversationRecord = { readonly inbox: string }

export function conversationRecordOp(conversationId: string, inboxDoc: string): RecordOp {
  return { type: 'put', key: PREFIX + conversationId, value: { inbox: inboxDoc } satisfies ConversationRecord }
}

export function forgetConversationOp(conversationId: string): RecordOp {
  return { type: 'del', key: PREFIX + conversationId }
}

/** The inbox document a conversation lives in, or null when it is unknown. */
export async function inboxOfConversation(records: RecordStore, conversationId: string): Promise<string | null> {
  const record = await records.get<ConversationRecord>(PREFIX + conversationId)
  return record?.inbox ?? null
}
