/**
 * What the client does when the server refuses something. A `rejected`
 * frame refuses a whole update, so the document's waiting actions: they are
 * reported in a notice and the document is replaced by the server's copy,
 * undoing them here too. A denial ends every connection when it is about the
 * user or this client; when it says an inbox or a conversation is gone for
 * the user, that document leaves the replica (an inbox with its
 * conversations, and an `access-lost` notice).
 */
import { ConversationDoc } from '../../core/conversation-doc.js'
import { parseDocName } from '../../core/doc-names.js'
import { CLOSE_CODES, type Rejection } from '../../core/wire.js'
import type { AckTracker, ActionKind } from './ack-tracker.js'
import { newId } from './client-actions.js'
import type { ClientClock } from './client-clock.js'
import type { ClientSubscriptions } from './client-subscriptions.js'
import type { ConnectionPool } from './connection-pool.js'
import type { ConversationLinks } from './conversation-links.js'
import type { Denial } from './doc-link.js'
import type { InboxMembership } from './inbox-membership.js'
import type { Notice } from './merge-notices.js'
import type { NoticeLog } from './notice-log.js'
import type { ReplicaDocuments } from './replica-documents.js'

const ACTION_NAMES: Readonly<Record<ActionKind, string>> = {
  claim: 'claim',
  takeover: 'take-over',
  assign: 'assignment',
  unassign: 'unassignment',
  archive: 'archiving',
  unarchive: 'unarchiving',
  snooze: 'snooze',
  unsnooze: 'unsnoozing',
  label: 'label',
  unlabel: 'label removal',
  priority: 'priority change',
  reply: 'reply',
  note: 'note',
  'send-held': 'decision to send a held reply',
  'discard-held': 'decision to discard a held reply',
}

/** The parts of the client a refusal changes. */
export type RefusalScope = {
  readonly docs: ReplicaDocuments
  readonly pool: ConnectionPool
  readonly tracker: AckTracker
  readonly inboxes: InboxMembership
  readonly links: ConversationLinks
  readonly noticeLog: NoticeLog
  readonly subscriptions: ClientSubscriptions
  readonly clock: ClientClock
}

export class ServerRefusals {
  constructor(private readonly scope: RefusalScope) {}

  onRejected(name: string, rejection: Rejection): void {
    const { tracker, clock } = this.scope
    // The server refuses a whole update, and each update carries this document's waiting actions.
    const refused = tracker.list().filter((action) => action.marks.some((mark) => mark.doc === name))
    const what = refused.length === 0 ? `a change to ${name}` : refused.map((a) => `your ${ACTION_NAMES[a.kind]} in conversation ${a.conversation}`).join(', ')
    this.addNotice({ kind: 'rejected', key: `rejected:${name}:${refused[0]?.id ?? newId('')}`, doc: name, what, reason: rejection.message, at: clock.now() })
    this.resetDoc(name)
  }

  onDenied(name: string, denial: Denial): void {
    const { pool, links, clock } = this.scope
    const ref = parseDocName(name)
    const isFinalForClient =
      ref?.kind === 'org' || denial.code === 0 || denial.code === CLOSE_CODES.unauthenticated || denial.code === CLOSE_CODES.unsupportedVersion
    if (isFinalForClient) pool.deny(denial)
    else if (denial.code === CLOSE_CODES.epochChanged && (ref?.kind === 'inbox' || ref?.kind === 'personal')) void this.carryToNewEpoch(name)
    else {
      const isGone = denial.code === CLOSE_CODES.forbidden || denial.code === CLOSE_CODES.notFound
      if (isGone && (ref?.kind === 'inbox' || ref?.kind === 'personal')) this.removeInbox(name, denial.reason)
      else if (isGone && ref?.kind === 'conversation') links.remove(ref.id)
      else this.addNotice({ kind: 'rejected', key: `denied:${newId('')}`, doc: name, what: `the connection to ${name}`, reason: denial.reason, at: clock.now() })
      pool.refresh()
    }
  }

  /**
   * The inbox document moved to a new epoch (docs/design.md, "Where a
   * conversation lives over its life"): the user's events of every
   * conversation with a waiting action there are appended, unchanged, to that
   * conversation's own document, which the server carries to wherever the
   * conversation lives; the actions now wait on those marks; then the old
   * copy is dropped and the new epoch synced from scratch.
   */
  private async carryToNewEpoch(name: string): Promise<void> {
    const { docs, tracker, links } = this.scope
    const old = docs.inboxes.get(name)
    const me = docs.me()?.id
    const waiting = tracker.list().filter((action) => action.marks.some((mark) => mark.doc === name))
    // Read from the old copy before it goes; it is replaced at once, so nothing reads it meanwhile.
    const carried = waiting.map((action) => ({ action, events: old && me !== undefined ? old.view.inbox.events(action.conversation).filter((e) => e.actor === me) : [] }))
    this.resetDoc(name)
    for (const { action, events } of carried) {
      const local = await links.doc(action.conversation)
      const mark = local.change(() => new ConversationDoc(local.doc).appendEvents(events))
      tracker.record({ ...action, marks: [...action.marks.filter((m) => m.doc !== name), mark] })
    }
  }

  /** Replaces a document by the server's copy, undoing here what the server refused. */
  private resetDoc(name: string): void {
    const { docs, pool, tracker, links, subscriptions } = this.scope
    const ref = parseDocName(name)
    if (ref?.kind === 'inbox' || ref?.kind === 'personal') {
      // Reloading before unlinking: the pool counts the inbox as loading, so no command reads `online` while it is missing.
      docs.dropInbox(name)
      void docs.loadInbox(name)
    }
    pool.unlink(name)
    tracker.dropDoc(name)
    if (ref?.kind === 'conversation') links.reload(ref.id)
    subscriptions.everythingChanged()
  }

  private removeInbox(name: string, reason: string): void {
    const { docs, pool, tracker, inboxes, links, subscriptions, clock } = this.scope
    inboxes.refuse(name)
    for (const id of docs.conversationsOf(name)) links.remove(id)
    pool.unlink(name)
    docs.dropInbox(name)
    tracker.dropDoc(name)
    this.addNotice({ kind: 'access-lost', key: `access:${name}:${newId('')}`, inbox: name, reason, at: clock.now() })
    subscriptions.everythingChanged()
  }

  private addNotice(notice: Notice): void {
    this.scope.noticeLog.add(notice)
    this.scope.subscriptions.noticesChanged()
  }
}
