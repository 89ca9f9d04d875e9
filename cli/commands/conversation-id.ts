/** The conversation a command line names: its whole id or a unique prefix of it, among the conversations of the user's inboxes; or the whole id of one in history. */
import { HuddleError } from '../../core/errors.js'
import type { HistoryRecord } from '../../core/history.js'
import { resolveIdPrefix } from '../../core/id-prefix.js'
import type { CommandClient } from '../client/command-client.js'
import type { ConnectionState } from '../client/connection-state.js'
import type { HuddleClient } from '../client/huddle-client.js'
import { inboxLabel } from './conversation-output.js'

const CONVERSATION = { noun: 'conversation', where: 'in your inboxes', listCommand: 'huddle conversation list' } as const

/** The full id `given` names, or a refusal listing the candidates when several start with it. */
function resolveConversationId(client: HuddleClient, given: string): string {
  const candidates = client
    .inboxList()
    .flatMap((inbox) => client.rows(inbox.doc))
    .map((row) => ({ id: row.id, label: `${row.channel} ${row.contact} in ${inboxLabel(row.inbox)}, ${row.view}` }))
  return resolveIdPrefix(given, candidates, CONVERSATION)
}

/**
 * The full id `given` names among the live conversations or, given whole, of
 * one in history: online its record is asked of the server and kept in the
 * replica, so the client can show it and act on it through its own document
 * (offline too, later); offline the replica answers from the records it kept.
 */
export async function findConversationId(opened: CommandClient, given: string, state: ConnectionState): Promise<string> {
  try {
    return resolveConversationId(opened.client, given)
  } catch (error) {
    const isOnline = state.kind === 'online' || state.kind === 'syncing'
    if (!(error instanceof HuddleError) || error.code !== 'not-found' || (!isOnline && !opened.client.isInHistory(given))) throw error
    if (!isOnline) return given
    const record = await historyRecord(opened, given)
    // Not in history either: the live inboxes' answer stands.
    if (record === null) throw error
    opened.client.keepHistoryRecord(record)
    return given
  }
}

/** The server's record of a conversation in history, or null when it has none. */
async function historyRecord(opened: CommandClient, id: string): Promise<HistoryRecord | null> {
  try {
    return (await opened.api.get(`/history/${encodeURIComponent(id)}`)) as HistoryRecord
  } catch (error) {
    if (error instanceof HuddleError && error.code === 'not-found') return null
    throw error
  }
}
