/**
 * Applies actions taken on a conversation through its own document's
 * `events` (a conversation in history, or offline work carried from an old
 * epoch) where the conversation now lives: into its live entry, or into its
 * history record — and an unarchive brings it back to the live document.
 */
import type * as Y from 'yjs'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { parseDocName } from '../../core/doc-names.js'
import { foldAssignment } from '../../core/fold.js'
import { archivedStamp, missingEvents, unionEvents, type HistoryRecord } from '../../core/history.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import { isInboxMember } from '../../core/permissions.js'
import { inboxOfConversation } from '../directory/conversation-index.js'
import { SerialQueue } from '../directory/serial-queue.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { bringBack } from './conversation-return.js'
import type { HistoryStore } from './history-store.js'

export type HistoryReconcilerDeps = {
  readonly hub: DocumentHub
  readonly records: RecordStore
  readonly directory: DirectoryAccess
  readonly history: HistoryStore
  readonly log: (line: string) => void
}

export class HistoryReconciler {
  private readonly queue = new SerialQueue()
  private readonly stop: () => void

  constructor(private readonly deps: HistoryReconcilerDeps) {
    this.stop = deps.hub.observe((name, doc, user) => {
      const ref = parseDocName(name)
      if (user === null || ref?.kind !== 'conversation') return
      const events = new ConversationDoc(doc).readEvents()
      if (events.length === 0) return
      void this.queue.run(() => this.reconcile(ref.id)).catch((error: unknown) =>
        deps.log(`history: could not apply the actions on conversation ${ref.id}: ${error instanceof Error ? error.message : String(error)}`),
      )
    })
  }

  /** Resolves once every reconciliation started so far is done. */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  close(): void {
    this.stop()
  }

  /** Carries the events of `conversation/<id>` to where the conversation lives. */
  async reconcile(conversationId: string): Promise<void> {
    const events = await this.deps.hub.read(`conversation/${conversationId}`, (doc: Y.Doc) => new ConversationDoc(doc).readEvents())
    const record = await this.deps.history.get(conversationId)
    if (record) return this.intoHistory(record, events)
    const inboxDoc = await inboxOfConversation(this.deps.records, conversationId)
    if (inboxDoc === null) return
    let isLive = false
    await this.deps.hub.change(inboxDoc, (doc) => {
      const inbox = new InboxDoc(doc)
      isLive = inbox.has(conversationId)
      if (isLive) for (const event of missingEvents(events, inbox.events(conversationId))) inbox.appendEvent(conversationId, event)
    })
    // Moved to history while we looked: apply them there.
    const moved = isLive ? undefined : await this.deps.history.get(conversationId)
    if (moved) await this.intoHistory(moved, events)
  }

  private async intoHistory(record: HistoryRecord, events: HistoryRecord['events']): Promise<void> {
    const all = unionEvents(record.events, events)
    if (all.length === record.events.length) return
    const access = this.deps.directory.inboxAccess(record.inbox)
    const isMember = (id: string): boolean => isInboxMember(access, id)
    const { status, assignee } = foldAssignment(all, isMember)
    const stamp = archivedStamp(all, isMember)
    if (status === 'open' || stamp === null) return bringBack(this.deps, record, () => all)
    await this.deps.history.put([{ ...record, status, assignee, archivedStamp: stamp, events: all }])
  }
}
