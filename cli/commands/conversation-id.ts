/** The conversation a command line names: its whole id or a unique prefix of it, among the conversations of the user's inboxes. */
import { resolveIdPrefix } from '../../core/id-prefix.js'
import type { HuddleClient } from '../client/huddle-client.js'
import { inboxLabel } from './conversation-output.js'

const CONVERSATION = { noun: 'conversation', where: 'in your inboxes', listCommand: 'huddle conversation list' } as const

/** The full id `given` names, or a refusal listing the candidates when several start with it. */
export function resolveConversationId(client: HuddleClient, given: string): string {
  const candidates = client
    .inboxList()
    .flatMap((inbox) => client.rows(inbox.doc))
    .map((row) => ({ id: row.id, label: `${row.channel} ${row.contact} in ${inboxLabel(row.inbox)}, ${row.view}` }))
  return resolveIdPrefix(given, candidates, CONVERSATION)
}
