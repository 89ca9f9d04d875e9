/**
 * The sync server needs a SyncAccess when it is built, and the directory
 * service needs the sync server (its DocumentHub) to open: this breaks the
 * circle. Pass `access` to the sync server, then `resolve` the directory.
 */
import type { DocRef } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import type { User } from '../../core/users.js'
import type { DocumentGrant, SyncAccess } from '../sync/sync-access.js'

export type DeferredAccess = { readonly access: SyncAccess; resolve(access: SyncAccess): void }

export function deferredAccess(): DeferredAccess {
  let target: SyncAccess | null = null
  const current = (): SyncAccess => {
    if (target === null) throw new HuddleError('unavailable', 'The server is still starting; connect again in a moment.')
    return target
  }
  return {
    access: {
      authenticate: async (token: string): Promise<User | null> => current().authenticate(token),
      authorize: async (user: User, doc: DocRef): Promise<DocumentGrant> => current().authorize(user, doc),
      templates: () => current().templates?.() ?? {},
    },
    resolve(access) {
      target = access
    },
  }
}
