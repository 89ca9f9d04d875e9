/**
 * Bringing a conversation back from history to its live inbox document (an
 * unarchive, or a customer writing when the inbox reopens archived ones):
 * its entry comes back with its summary and every event, plus `extra`, in
 * one transaction, and only then is its history record dropped. Both steps
 * are idempotent, so a crash in between is healed by doing it again.
 */
import type { AssignmentEvent } from '../../core/assignment-event.js'
import { missingEvents, unionEvents, type HistoryRecord } from '../../core/history.js'
import { InboxDoc, type ConversationSummary } from '../../core/inbox-doc.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { HistoryStore } from './history-store.js'

export type ReturnDeps = { readonly hub: DocumentHub; readonly history: HistoryStore }

/** The summary part of a history record. */
export function summaryOf(record: HistoryRecord): ConversationSummary {
  const { inbox: _inbox, status: _status, assignee: _assignee, archivedStamp: _stamp, events: _events, ...summary } = record
  return summary
}

/** Puts the conversation back into its live document with `extra` events appended; resolves once durable. */
export async function bringBack(deps: ReturnDeps, record: HistoryRecord, extra: (live: readonly AssignmentEvent[]) => readonly AssignmentEvent[]): Promise<void> {
  await deps.hub.change(record.inbox, (doc) => {
    const inbox = new InboxDoc(doc)
    if (!inbox.has(record.id)) {
      const events = unionEvents(record.events, [])
      inbox.addConversation(summaryOf(record), unionEvents(events, extra(events)))
      return
    }
    // Already back (a second path got here first): add only what it lacks.
    const live = inbox.events(record.id)
    for (const event of missingEvents(unionEvents(record.events, extra(live)), live)) inbox.appendEvent(record.id, event)
  })
  await deps.history.remove(record.id)
}
