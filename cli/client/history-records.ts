/**
 * The history records (core/history.ts) of the conversations in history this
 * replica was shown or acted on, kept so that their conversation documents
 * can be read and acted on offline too (docs/design.md, "Where a
 * conversation lives over its life").
 */
import type { ConversationDoc } from '../../core/conversation-doc.js'
import { foldAssignment, foldEvents } from '../../core/fold.js'
import { unionEvents, type HistoryRecord } from '../../core/history.js'
import { isInboxMember, type InboxAccess } from '../../core/permissions.js'
import type { ConversationEntry, ConversationRow } from './inbox-view.js'
import { META, type ReplicaStore } from './replica-store.js'

/** A conversation in history as this replica knows it: its record, its inbox's access, and its folded entry. */
export type HistoryLocated = { readonly record: HistoryRecord; readonly access: InboxAccess; readonly entry: ConversationEntry }

/** The entry of a conversation in history: its record's summary, and the fold of its record's events with those its own document holds (actions since). */
export function historyEntry(record: HistoryRecord, access: InboxAccess, conversation: ConversationDoc | null): ConversationEntry {
  const events = unionEvents(record.events, conversation?.readEvents() ?? [])
  return { summary: record, state: foldEvents(events, (user) => isInboxMember(access, user)) }
}

/** A row of the Archived view for a conversation in history. */
export type HistoryRow = ConversationRow & { readonly archivedStamp: string; readonly inHistory: true }

/** One page of an inbox's history as the server answers it, newest archived first. */
export type HistoryPage = { readonly records: readonly HistoryRecord[]; readonly hasMore: boolean }

export function historyRow(record: HistoryRecord): HistoryRow {
  const { events, ...rest } = record
  // Labels and priority fold the same whoever is a member; the record's status and assignee are already folded.
  const { labels, priority } = foldAssignment(events, () => false)
  // In history it is archived, and archiving cleared any snooze (fold.ts).
  return { ...rest, snooze: null, labels, priority, view: 'archived', inHistory: true }
}

export class HistoryRecords {
  private readonly records = new Map<string, HistoryRecord>()

  constructor(private readonly store: ReplicaStore) {}

  /** Reads the records kept by earlier runs. */
  async load(): Promise<void> {
    for (const [, record] of await this.store.listMeta<HistoryRecord>(META.historyPrefix)) this.records.set(record.id, record)
  }

  /** Keeps the server's record of a conversation in history, replacing an older one. */
  keep(record: HistoryRecord): void {
    this.records.set(record.id, record)
    this.store.putMeta(META.history(record.id), record)
  }

  get(id: string): HistoryRecord | null {
    return this.records.get(id) ?? null
  }
}
