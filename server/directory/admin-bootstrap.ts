/**
 * The organisation's first admin, `admin`: created on first start, and given
 * a new token by `huddle serve --reset-admin-token` (so only someone with the
 * server's data folder can recover a lost one).
 *
 * Deps: `writer` (SettingsWriter), `records` (RecordStore: credentials),
 * `hub` (DocumentHub: closes the old token's connections), `now`.
 */
import { addUser, editUser } from '../../core/directory.js'
import { LICENCES } from '../../core/users.js'
import { CLOSE_CODES } from '../../core/wire.js'
import { Credentials } from '../auth/credentials.js'
import { assertUsableToken } from '../auth/token.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { SettingsWriter } from './settings-writer.js'

/** The id of the admin created on first start. */
export const BOOTSTRAP_ADMIN = 'admin'
const BOOTSTRAP_ADMIN_FIELDS = { name: 'Administrator', permission: 'admin', licences: LICENCES } as const

export type AdminBootstrapDeps = {
  readonly writer: SettingsWriter
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly now?: () => number
}

export class AdminBootstrap {
  private readonly credentials: Credentials

  constructor(private readonly deps: AdminBootstrapDeps) {
    this.credentials = new Credentials(deps.records, deps.now ?? Date.now)
  }

  /**
   * On first start (no users), creates the organisation's admin `admin` with
   * every licence, holding `adminToken` or a random token. Returns the random
   * token so it can be shown once; null when it chose none (given, or not first start).
   */
  async bootstrap(adminToken?: string): Promise<string | null> {
    if (adminToken !== undefined) assertUsableToken(adminToken)
    const { writer } = this.deps
    return writer.run(async () => {
      if (!writer.isEmpty()) return null
      const directory = addUser(writer.directory, { id: BOOTSTRAP_ADMIN, ...BOOTSTRAP_ADMIN_FIELDS })
      const issued = await this.credentials.issue(BOOTSTRAP_ADMIN, adminToken)
      // Other cluster nodes may be starting on the same empty store: one creates the admin, the rest read it.
      const created = await writer.saveFirst(directory, issued.ops)
      return created && adminToken === undefined ? issued.token : null
    })
  }

  /**
   * Recovers a lost admin token: gives the bootstrap admin `admin` a new token
   * (`adminToken`, or a random one), recreating it or restoring its admin
   * permission and licences as needed. The old token stops working and its
   * connections close.
   */
  async resetAdminToken(adminToken?: string): Promise<string> {
    if (adminToken !== undefined) assertUsableToken(adminToken)
    const { writer } = this.deps
    return writer.run(async () => {
      const existing = writer.directory.users[BOOTSTRAP_ADMIN]
      const directory = existing
        ? editUser(writer.directory, BOOTSTRAP_ADMIN, { permission: BOOTSTRAP_ADMIN_FIELDS.permission, licences: BOOTSTRAP_ADMIN_FIELDS.licences }).directory
        : addUser(writer.directory, { id: BOOTSTRAP_ADMIN, ...BOOTSTRAP_ADMIN_FIELDS })
      const issued = await this.credentials.issue(BOOTSTRAP_ADMIN, adminToken)
      await writer.save(directory, issued.ops)
      this.deps.hub.disconnect(BOOTSTRAP_ADMIN, () => true, CLOSE_CODES.unauthenticated, 'The admin token was reset; sign in again with the new one.')
      return issued.token
    })
  }
}
