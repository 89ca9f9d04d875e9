/**
 * What the sync server asks before serving a document: who holds this token,
 * and may they open this document. Implemented by DirectoryAccess
 * (server/directory/directory-access.ts).
 */
import type { DocRef } from '../../core/doc-names.js'
import type { InboxAccess } from '../../core/permissions.js'
import type { Template } from '../../core/template.js'
import type { User } from '../../core/users.js'

/** What an authorised connection may do with its document. */
export type DocumentGrant =
  | { readonly kind: 'org' }
  | { readonly kind: 'inbox'; readonly inbox: InboxAccess }
  | { readonly kind: 'prefs'; readonly owner: string }
  | { readonly kind: 'conversation'; readonly inbox: InboxAccess; readonly inboxDoc: string }

export interface SyncAccess {
  /** The user holding `token`, or null when it is unknown or revoked. */
  authenticate(token: string): Promise<User | null>
  /** The grant for `user` on `doc`, or a HuddleError (forbidden / not-found). */
  authorize(user: User, doc: DocRef): Promise<DocumentGrant>
  /**
   * What grants are decided on (the directory): a value that changes identity
   * whenever a grant may change, so a connection reuses its grant until then.
   */
  revision(): unknown
  /** The organisation's message templates, against which template replies are checked (none when absent). */
  templates?(): Readonly<Record<string, Template>>
}
