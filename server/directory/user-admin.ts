/**
 * The organisation's users and their tokens, as the HTTP API lists and
 * changes them. A user who loses access is cut off at once: removed users and
 * replaced tokens lose every connection, a dropped last digital licence loses
 * the personal inbox, a lost membership its inbox.
 *
 * Deps: `writer` (SettingsWriter), `access` (DirectoryAccess: who may read),
 * `records` (RecordStore: credentials), `hub` (DocumentHub: disconnects), `now`.
 */
import { addUser, editUser, findUser, listUsers, removeUser, type UserPatch } from '../../core/directory.js'
import { personalDocName } from '../../core/doc-names.js'
import type { UserWithToken } from '../../core/http-contract/user-contract.js'
import { hasDigitalLicence, type NewUser, type User } from '../../core/users.js'
import { CLOSE_CODES } from '../../core/wire.js'
import { Credentials } from '../auth/credentials.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { DirectoryAccess } from './directory-access.js'
import { disconnectFromInbox, disconnectUser } from './membership-effects.js'
import type { SettingsWriter } from './settings-writer.js'

export type UserAdminDeps = {
  readonly writer: SettingsWriter
  readonly access: DirectoryAccess
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly now?: () => number
}

export class UserAdmin {
  private readonly credentials: Credentials

  constructor(private readonly deps: UserAdminDeps) {
    this.credentials = new Credentials(deps.records, deps.now ?? Date.now)
  }

  listUsers(actor: User): User[] {
    this.deps.access.assertMayRead(actor, 'Listing users')
    return listUsers(this.deps.access.directory)
  }

  addUser(actor: User, input: NewUser): Promise<UserWithToken> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const directory = addUser(writer.directory, input)
      const user = findUser(directory, input.id)
      const issued = await this.credentials.issue(user.id)
      await writer.save(directory, issued.ops)
      return { ...user, token: issued.token }
    })
  }

  editUser(actor: User, id: string, patch: UserPatch): Promise<User> {
    const { writer, hub } = this.deps
    return writer.asAdmin(actor, async () => {
      const before = writer.directory
      const wasLicensed = hasDigitalLicence(findUser(before, id))
      const { directory, lost } = editUser(before, id, patch)
      await writer.save(directory)
      const user = findUser(directory, id)
      if (wasLicensed && !hasDigitalLicence(user))
        await disconnectFromInbox(hub, id, personalDocName(id), CLOSE_CODES.forbidden, 'Your last digital licence was removed, and with it your personal inbox.')
      await writer.cutOff(before, lost)
      return user
    })
  }

  removeUser(actor: User, id: string): Promise<{ removed: string }> {
    const { writer, hub } = this.deps
    return writer.asAdmin(actor, async () => {
      const before = writer.directory
      const { directory, lost } = removeUser(before, id)
      await writer.save(directory, await this.credentials.revoke(id))
      disconnectUser(hub, id, () => true, CLOSE_CODES.unauthenticated, `User \`${id}\` was removed from the organisation.`)
      await writer.cutOff(before, lost, new Set([id]))
      return { removed: id }
    })
  }

  /** A fresh token for a user; the old one stops working and its connections close. */
  rotateToken(actor: User, id: string): Promise<UserWithToken> {
    const { writer, hub } = this.deps
    return writer.asAdmin(actor, async () => {
      const user = findUser(writer.directory, id)
      const issued = await this.credentials.issue(id)
      await this.deps.records.batch(issued.ops)
      // One pass only: a second one could close the connection they open with the new token.
      hub.disconnect(id, () => true, CLOSE_CODES.unauthenticated, 'Your token was replaced; sign in again with the new one.')
      return { ...user, token: issued.token }
    })
  }
}
