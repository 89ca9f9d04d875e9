/**
 * The `view` frame of a loaded inbox document (core/view-rows.ts): every
 * conversation's row, folded with the inbox's membership, built once and
 * kept until the document or the membership changes, so clients starting
 * cold together cost one fold.
 */
import type * as Y from 'yjs'
import { InboxDoc } from '../../core/inbox-doc.js'
import { isInboxMember, type InboxAccess } from '../../core/permissions.js'
import { viewRowOf } from '../../core/view-rows.js'
import { viewFrame } from './frames.js'

export class ServedView {
  private frame: Uint8Array | null = null
  /** The membership the frame was folded with. */
  private foldedWith = ''

  constructor(private readonly doc: Y.Doc) {}

  /** The document changed: the next reader folds it again. */
  invalidate(): void {
    this.frame = null
  }

  frameFor(access: InboxAccess): Uint8Array {
    const membership = JSON.stringify(access)
    if (this.frame && membership === this.foldedWith) return this.frame
    const inbox = new InboxDoc(this.doc)
    const rows = inbox.summaries().map((summary) => viewRowOf(summary, inbox.assignment(summary.id, (user) => isInboxMember(access, user))))
    this.frame = viewFrame(rows)
    this.foldedWith = membership
    return this.frame
  }
}
