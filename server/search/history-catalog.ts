/**
 * The facts of conversations in history, read from their history records
 * (server/history/history-store.ts), which tells of every record written or
 * removed: an action on a conversation in history changes its record only
 * after the conversation document the index follows (the server reconciles
 * it then), so the record's own change is what brings its new facts in.
 */
import type { ConversationFacts } from '../../core/conversation-facts.js'
import type { Directory } from '../../core/directory.js'
import type { HistoryRecord } from '../../core/history.js'
import type { HistoryStore } from '../history/history-store.js'
import type { ConversationCatalog } from './conversation-catalog.js'
import { inboxDocs } from './live-catalog.js'

const PAGE = 500

function factsOf(record: HistoryRecord): ConversationFacts {
  return {
    id: record.id,
    inbox: record.inbox,
    channel: record.channel,
    contact: record.contact,
    contactName: record.contactName,
    address: record.address,
    status: record.status,
    assignee: record.assignee,
    lastActivityAt: record.lastMessageAt,
  }
}

export class HistoryCatalog implements ConversationCatalog {
  constructor(
    private readonly history: HistoryStore,
    private readonly directory: () => Directory,
  ) {}

  async facts(id: string): Promise<ConversationFacts | null> {
    const record = await this.history.get(id)
    return record ? factsOf(record) : null
  }

  async *all(): AsyncIterable<ConversationFacts> {
    for (const inbox of inboxDocs(this.directory())) {
      let before: HistoryRecord | null = null
      for (;;) {
        const page = await this.history.page(inbox, before, PAGE)
        yield* page.records.map(factsOf)
        if (!page.hasMore || page.records.length === 0) break
        before = page.records.at(-1)!
      }
    }
  }

  onChange(listener: (ids: readonly string[]) => void): () => void {
    return this.history.onChange(listener)
  }
}
