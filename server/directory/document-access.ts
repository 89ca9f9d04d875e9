/**
 * Who may open which synced document (docs/design.md, "Who may open a
 * document"): `org` everyone; `inbox/<id>` its members; `personal/<user>` its
 * owner, while licensed; `prefs/<user>` its owner; `conversation/<id>` whoever may open the inbox it
 * lives in. Unknown documents are not found.
 */
import { inboxById, userById, type Directory } from '../../core/directory.js'
import { parseInboxRef, type DocRef } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { authorize, type InboxAccess } from '../../core/permissions.js'
import { hasDigitalLicence, type User } from '../../core/users.js'
import type { DocumentGrant } from '../sync/sync-access.js'

/** How permissions see the inbox behind a document name, or null when there is no such inbox. */
export function inboxAccessOf(dir: Directory, inboxDoc: string): InboxAccess | null {
  const ref = parseInboxRef(inboxDoc)
  if (ref === null) return null
  if (ref.kind === 'inbox') {
    const inbox = inboxById(dir, ref.id)
    return inbox ? { kind: 'shared', name: inbox.name, members: inbox.members } : null
  }
  const owner = userById(dir, ref.owner)
  return owner && hasDigitalLicence(owner) ? { kind: 'personal', owner: owner.id } : null
}

function notFound(what: string): HuddleError {
  return new HuddleError('not-found', `There is no ${what}. It may have been deleted; ask an admin, or list inboxes with \`huddle inbox list\`.`)
}

function inboxGrant(dir: Directory, user: User, inboxDoc: string): InboxAccess {
  const ref = parseInboxRef(inboxDoc)
  // Decided before the inbox is looked up, so nobody learns whether another user's personal inbox exists.
  if (ref?.kind === 'personal') authorize(user, { kind: 'read-inbox', inbox: { kind: 'personal', owner: ref.owner } })
  const access = inboxAccessOf(dir, inboxDoc)
  if (access === null) throw notFound(`inbox \`${inboxDoc}\``)
  authorize(user, { kind: 'read-inbox', inbox: access })
  return access
}

/**
 * The grant for `user` on `doc`, or throws forbidden / not-found. For a
 * conversation, `conversationInbox` is the inbox document it lives in (null: unknown).
 */
export function grantFor(dir: Directory, user: User, doc: DocRef, conversationInbox: string | null): DocumentGrant {
  switch (doc.kind) {
    case 'org':
      return { kind: 'org' }
    case 'inbox':
      return { kind: 'inbox', inbox: inboxGrant(dir, user, `inbox/${doc.id}`) }
    case 'personal':
      return { kind: 'inbox', inbox: inboxGrant(dir, user, `personal/${doc.owner}`) }
    case 'prefs':
      // Decided on the name alone, so nobody learns whether another user exists or has saved anything.
      authorize(user, { kind: 'use-prefs', owner: doc.owner })
      return { kind: 'prefs', owner: doc.owner }
    case 'conversation': {
      if (conversationInbox === null) throw notFound(`conversation \`${doc.id}\``)
      return { kind: 'conversation', inbox: inboxGrant(dir, user, conversationInbox), inboxDoc: conversationInbox }
    }
  }
}
