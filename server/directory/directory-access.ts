/**
 * The read-only side of the directory: who holds a token, what they may open
 * or read, and the settings as they stand. It is the SyncAccess of the sync
 * server and needs no document, so it is built before the sync server; the
 * admin services change what it reads through the settings store.
 *
 * Deps: `records` (RecordStore: credentials, conversation index), `settings`
 * (SettingsStore: the directory).
 */
import { userById, type Directory } from '../../core/directory.js'
import type { DocRef } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { authorize, type InboxAccess } from '../../core/permissions.js'
import type { Template } from '../../core/template.js'
import type { User } from '../../core/users.js'
import { Credentials } from '../auth/credentials.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentGrant, SyncAccess } from '../sync/sync-access.js'
import { inboxOfConversation } from './conversation-index.js'
import { grantFor, inboxAccessOf } from './document-access.js'
import type { SettingsStore } from './settings-store.js'

export type DirectoryAccessDeps = {
  readonly records: RecordStore
  readonly settings: SettingsStore
}

export class DirectoryAccess implements SyncAccess {
  private readonly credentials: Credentials

  constructor(private readonly deps: DirectoryAccessDeps) {
    this.credentials = new Credentials(deps.records)
  }

  /** The current directory (immutable). */
  get directory(): Directory {
    return this.deps.settings.directory
  }

  async authenticate(token: string): Promise<User | null> {
    const id = await this.credentials.lookup(token)
    return id === null ? null : (userById(this.directory, id) ?? null)
  }

  async authorize(user: User, doc: DocRef): Promise<DocumentGrant> {
    const current = this.currentUser(user)
    const conversationInbox = doc.kind === 'conversation' ? await inboxOfConversation(this.deps.records, doc.id) : null
    return grantFor(this.directory, current, doc, conversationInbox)
  }

  /** The directory itself: it is immutable and replaced whenever it changes. */
  revision(): Directory {
    return this.directory
  }

  templates(): Readonly<Record<string, Template>> {
    return this.directory.templates
  }

  /** How permissions see the inbox behind a document name, or null when it does not exist. */
  inboxAccess(inboxDoc: string): InboxAccess | null {
    return inboxAccessOf(this.directory, inboxDoc)
  }

  /** Throws unless `actor` (as currently stored) may read settings; `what` names the read. */
  assertMayRead(actor: User, what: string): void {
    authorize(this.currentUser(actor), { kind: 'read-settings', what })
  }

  /** Throws unless `actor` (as currently stored) may change settings. */
  assertAdmin(actor: User): void {
    authorize(this.currentUser(actor), { kind: 'manage-settings' })
  }

  private currentUser(user: User): User {
    const current = this.directory.users[user.id]
    if (!current)
      throw new HuddleError('unauthenticated', `User \`${user.id}\` no longer exists. Ask an admin for a new account and token.`)
    return current
  }
}
