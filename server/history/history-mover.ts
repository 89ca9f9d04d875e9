/**
 * Moves archived conversations past their inbox's retention out of the live
 * inbox documents into history (docs/design.md, "Where a conversation lives
 * over its life"): their records are stored, then the live document is
 * rotated to a new epoch holding only what stays live, so it shrinks instead
 * of keeping a tombstone per moved conversation.
 */
import { inboxDocName, personalDocName } from '../../core/doc-names.js'
import { archivedStamp, DEFAULT_KEEP_ARCHIVED_DAYS, isDueForHistory, type HistoryRecord } from '../../core/history.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { nextEpochUpdate } from '../../core/live-epoch.js'
import { parseInboxRef } from '../../core/doc-names.js'
import { isInboxMember } from '../../core/permissions.js'
import { hasDigitalLicence } from '../../core/users.js'
import * as Y from 'yjs'
import type { DirectoryAccess } from '../directory/directory-access.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { HistoryStore } from './history-store.js'

export type HistoryMoverDeps = {
  readonly hub: DocumentHub
  readonly directory: DirectoryAccess
  readonly history: HistoryStore
  readonly now: () => number
  readonly log: (line: string) => void
}

/** What one move did to one inbox document. */
export type MoveReport = { readonly inbox: string; readonly moved: number; readonly live: number; readonly inHistory: number; readonly liveBytes: number }

export class HistoryMover {
  private running: Promise<MoveReport[]> | null = null

  constructor(private readonly deps: HistoryMoverDeps) {}

  /** Every inbox document of the organisation: shared inboxes, and the personal inboxes of licensed users. */
  inboxDocs(): string[] {
    const dir = this.deps.directory.directory
    return [
      ...Object.keys(dir.inboxes).map(inboxDocName),
      ...Object.values(dir.users)
        .filter(hasDigitalLicence)
        .map((u) => personalDocName(u.id)),
    ]
  }

  /** Moves what is due in every inbox; one sweep at a time (a second call waits for the running one). */
  sweep(): Promise<MoveReport[]> {
    this.running ??= (async () => {
      try {
        const reports: MoveReport[] = []
        for (const inboxDoc of this.inboxDocs()) {
          const report = await this.moveDue(inboxDoc)
          if (report) reports.push(report)
        }
        return reports
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  /** Resolves once the running sweep, if any, is over. */
  async idle(): Promise<void> {
    await this.running?.catch(() => [])
  }

  /** Moves one inbox document's due conversations; null when none was due. */
  async moveDue(inboxDoc: string): Promise<MoveReport | null> {
    const now = this.deps.now()
    const due = (doc: Y.Doc): HistoryRecord[] => this.dueRecords(inboxDoc, doc, now)
    if ((await this.deps.hub.read(inboxDoc, due)).length === 0) return null
    let moved: HistoryRecord[] = []
    await this.deps.hub.rotate(inboxDoc, (doc) => {
      // Decided again on the retired document itself: an action that reached it since the check counts.
      moved = due(doc)
      const ids = new Set(moved.map((r) => r.id))
      return nextEpochUpdate(doc, (id) => !ids.has(id))
    }, () => this.deps.history.put(moved))
    const { live, liveBytes } = await this.deps.hub.read(inboxDoc, (doc) => ({ live: new InboxDoc(doc).ids().length, liveBytes: encodedSize(doc) }))
    const report = { inbox: inboxDoc, moved: moved.length, live, inHistory: await this.deps.history.count(inboxDoc), liveBytes }
    this.deps.log(`history: ${inboxDoc} moved ${report.moved} conversations (live ${report.live}, history ${report.inHistory}, live document ${report.liveBytes} bytes)`)
    return report
  }

  private dueRecords(inboxDoc: string, doc: Y.Doc, now: number): HistoryRecord[] {
    const access = this.deps.directory.inboxAccess(inboxDoc)
    if (access === null) return []
    const ref = parseInboxRef(inboxDoc)
    const setting = ref?.kind === 'inbox' ? this.deps.directory.directory.inboxes[ref.id]?.keepArchivedDays : undefined
    const keepDays = setting ?? DEFAULT_KEEP_ARCHIVED_DAYS
    const isMember = (id: string): boolean => isInboxMember(access, id)
    const inbox = new InboxDoc(doc)
    const records: HistoryRecord[] = []
    for (const id of inbox.ids()) {
      const events = inbox.events(id)
      const stamp = archivedStamp(events, isMember)
      const summary = inbox.summary(id)
      if (!summary || stamp === null || !isDueForHistory(stamp, keepDays, now)) continue
      const { status, assignee } = inbox.assignment(id, isMember)
      records.push({ ...summary, inbox: inboxDoc, status, assignee, archivedStamp: stamp, events })
    }
    return records
  }
}

/** The document's encoded size in bytes: what a fresh client downloads. */
export function encodedSize(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength
}
