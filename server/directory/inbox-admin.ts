/**
 * Shared inboxes and their members, as the HTTP API lists and changes them.
 * Deleting an inbox removes its documents; members removed from an inbox are
 * cut off at once and their conversations there released.
 *
 * Deps: `writer` (SettingsWriter), `access` (DirectoryAccess: who may read),
 * `hub` (DocumentHub: counts an inbox's conversations, removes documents).
 */
import { changeMembers, createInbox, deleteInbox, editInbox, findInbox, findUser, listInboxes, type InboxPatch, type NewInbox } from '../../core/directory.js'
import { conversationDocName, inboxDocName } from '../../core/doc-names.js'
import type { InboxWithCounts, MembersChange, MembersChangeRequest } from '../../core/http-contract/inbox-contract.js'
import type { Inbox } from '../../core/inbox.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import type { User } from '../../core/users.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { forgetConversationOp } from './conversation-index.js'
import type { DirectoryAccess } from './directory-access.js'
import type { SettingsWriter } from './settings-writer.js'

export type InboxAdminDeps = {
  readonly writer: SettingsWriter
  readonly access: DirectoryAccess
  readonly hub: DocumentHub
}

export class InboxAdmin {
  constructor(private readonly deps: InboxAdminDeps) {}

  listInboxes(actor: User): Inbox[] {
    this.deps.access.assertMayRead(actor, 'Listing inboxes')
    return listInboxes(this.deps.access.directory)
  }

  async getInbox(actor: User, ref: string): Promise<InboxWithCounts> {
    this.deps.access.assertMayRead(actor, "Showing an inbox's settings")
    const inbox = findInbox(this.deps.access.directory, ref)
    const { open, archived } = await this.countConversations(inbox.id)
    return { ...inbox, counts: { open, archived } }
  }

  createInbox(actor: User, input: NewInbox): Promise<Inbox> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, inbox } = createInbox(writer.directory, input)
      await writer.save(directory)
      return inbox
    })
  }

  editInbox(actor: User, ref: string, patch: InboxPatch): Promise<Inbox> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, inbox } = editInbox(writer.directory, ref, patch)
      await writer.save(directory)
      return inbox
    })
  }

  /** Deletes an inbox with its documents; refused while it holds open conversations unless `force`. */
  deleteInbox(actor: User, ref: string, force: boolean): Promise<{ removed: string }> {
    const { writer, hub } = this.deps
    return writer.asAdmin(actor, async () => {
      const inbox = findInbox(writer.directory, ref)
      const { ids, open } = await this.countConversations(inbox.id)
      const { directory } = deleteInbox(writer.directory, ref, { openConversations: open, force })
      await writer.save(directory, ids.map(forgetConversationOp))
      // Removing a document closes its connections too.
      for (const id of ids) await hub.remove(conversationDocName(id))
      await hub.remove(inboxDocName(inbox.id))
      return { removed: inbox.id }
    })
  }

  listMembers(actor: User, ref: string): User[] {
    this.deps.access.assertMayRead(actor, "Listing an inbox's members")
    const dir = this.deps.access.directory
    return findInbox(dir, ref).members.map((id) => findUser(dir, id))
  }

  /** Adds and removes members as one change; removed members are cut off at once. */
  changeMembers(actor: User, ref: string, change: MembersChangeRequest): Promise<MembersChange> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const before = writer.directory
      const result = changeMembers(before, ref, change)
      await writer.save(result.directory)
      await writer.cutOff(before, result.lost)
      return {
        members: result.inbox.members.map((id) => findUser(result.directory, id)),
        added: result.added,
        removed: result.lost.map((l) => l.user),
      }
    })
  }

  private countConversations(inboxId: string): Promise<{ ids: string[]; open: number; archived: number }> {
    return this.deps.hub.read(inboxDocName(inboxId), (doc) => {
      const inbox = new InboxDoc(doc)
      const ids = inbox.ids()
      // Status does not depend on who is a member.
      const open = ids.filter((id) => inbox.state(id, () => true).status === 'open').length
      return { ids, open, archived: ids.length - open }
    })
  }
}
