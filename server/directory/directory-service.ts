/**
 * The directory service: every admin operation of the HTTP API goes through
 * it, one at a time. It writes through the settings store and publishes the
 * public part to the `org` document.
 *
 * Deps: `records` (RecordStore: credentials), `settings` (SettingsStore),
 * `access` (DirectoryAccess: who may), `hub` (DocumentHub: publishes `org`,
 * reads inboxes, cuts off removed members), `now` (wall clock, default Date.now).
 */
import {
  addUser,
  changeMembers,
  createInbox,
  deleteInbox,
  editInbox,
  editUser,
  findInbox,
  findUser,
  listInboxes,
  listUsers,
  removeUser,
  type Directory,
  type InboxPatch,
  type NewInbox,
  type LostMembership,
  type UserPatch,
} from '../../core/directory.js'
import { conversationDocName, inboxDocName, personalDocName } from '../../core/doc-names.js'
import { HybridClock } from '../../core/hlc.js'
import type { InboxWithCounts, MembersChange, MembersChangeRequest } from '../../core/http-contract/inbox-contract.js'
import type { PolicyView, RouteTestResult } from '../../core/http-contract/routing-contract.js'
import type { UserWithToken } from '../../core/http-contract/user-contract.js'
import type { Inbox } from '../../core/inbox.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { OrgDoc } from '../../core/org-doc.js'
import { addRule, normaliseAddress, policyFor, removeRule, type RuleInput } from '../../core/routing-policy.js'
import { route, type InboundMessage } from '../../core/routing.js'
import type { Template, TemplateFields } from '../../core/template.js'
import { addTemplate, editTemplate, listTemplates, removeTemplate, type TemplatePatch } from '../../core/template-settings.js'
import { hasDigitalLicence, LICENCES, type NewUser, type User } from '../../core/users.js'
import { CLOSE_CODES } from '../../core/wire.js'
import { Credentials } from '../auth/credentials.js'
import { randomId } from '../auth/random-id.js'
import { assertUsableToken } from '../auth/token.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { forgetConversationOp } from './conversation-index.js'
import type { DirectoryAccess } from './directory-access.js'
import { applyLostMemberships, disconnectFromInbox, disconnectUser } from './membership-effects.js'
import { policyView, routeTestResult } from './routing-views.js'
import { SerialQueue } from './serial-queue.js'
import type { SettingsStore } from './settings-store.js'

export type DirectoryServiceDeps = {
  readonly records: RecordStore
  readonly settings: SettingsStore
  readonly access: DirectoryAccess
  readonly hub: DocumentHub
  readonly now?: () => number
}

/** The id of the admin created on first start. */
export const BOOTSTRAP_ADMIN = 'admin'
const BOOTSTRAP_ADMIN_FIELDS = { name: 'Administrator', permission: 'admin', licences: LICENCES } as const

export class DirectoryService {
  private readonly queue = new SerialQueue()
  private readonly credentials: Credentials
  private readonly clock: HybridClock
  private readonly now: () => number

  private constructor(private readonly deps: DirectoryServiceDeps) {
    this.now = deps.now ?? Date.now
    this.credentials = new Credentials(deps.records, this.now)
    this.clock = new HybridClock(this.now)
  }

  /** Makes the `org` document show the stored directory. */
  static async open(deps: DirectoryServiceDeps): Promise<DirectoryService> {
    const service = new DirectoryService(deps)
    // Heals an `org` document left behind by a crash between storing and publishing.
    if (!deps.settings.isEmpty()) await service.publish()
    return service
  }

  private get dir(): Directory {
    return this.deps.settings.directory
  }

  /**
   * On first start (no users), creates the organisation's admin `admin` with
   * every licence, holding `adminToken` or a random token. Returns the random
   * token so it can be shown once; null when it chose none (given, or not first start).
   */
  async bootstrap(adminToken?: string): Promise<string | null> {
    if (adminToken !== undefined) assertUsableToken(adminToken)
    return this.queue.run(async () => {
      if (!this.deps.settings.isEmpty()) return null
      const directory = addUser(this.dir, { id: BOOTSTRAP_ADMIN, ...BOOTSTRAP_ADMIN_FIELDS })
      const issued = await this.credentials.issue(BOOTSTRAP_ADMIN, adminToken)
      await this.save(directory, issued.ops)
      return adminToken === undefined ? issued.token : null
    })
  }

  /**
   * Recovers a lost admin token (`huddle serve --reset-admin-token`, so only
   * someone with the server's data folder can): gives the bootstrap admin
   * `admin` a new token (`adminToken`, or a random one), recreating it or
   * restoring its admin permission and licences as needed. The old token stops
   * working and its connections close.
   */
  async resetAdminToken(adminToken?: string): Promise<string> {
    if (adminToken !== undefined) assertUsableToken(adminToken)
    return this.queue.run(async () => {
      const existing = this.dir.users[BOOTSTRAP_ADMIN]
      const directory = existing
        ? editUser(this.dir, BOOTSTRAP_ADMIN, { permission: BOOTSTRAP_ADMIN_FIELDS.permission, licences: BOOTSTRAP_ADMIN_FIELDS.licences }).directory
        : addUser(this.dir, { id: BOOTSTRAP_ADMIN, ...BOOTSTRAP_ADMIN_FIELDS })
      const issued = await this.credentials.issue(BOOTSTRAP_ADMIN, adminToken)
      await this.save(directory, issued.ops)
      this.deps.hub.disconnect(BOOTSTRAP_ADMIN, () => true, CLOSE_CODES.unauthenticated, 'The admin token was reset; sign in again with the new one.')
      return issued.token
    })
  }

  // ── Users ─────────────────────────────────────────────────────────────

  listUsers(actor: User): User[] {
    this.deps.access.assertMayRead(actor, 'Listing users')
    return listUsers(this.dir)
  }

  addUser(actor: User, input: NewUser): Promise<UserWithToken> {
    return this.admin(actor, async () => {
      const directory = addUser(this.dir, input)
      const user = findUser(directory, input.id)
      const issued = await this.credentials.issue(user.id)
      await this.save(directory, issued.ops)
      return { ...user, token: issued.token }
    })
  }

  editUser(actor: User, id: string, patch: UserPatch): Promise<User> {
    return this.admin(actor, async () => {
      const before = this.dir
      const wasLicensed = hasDigitalLicence(findUser(before, id))
      const { directory, lost } = editUser(before, id, patch)
      await this.save(directory)
      const user = findUser(directory, id)
      if (wasLicensed && !hasDigitalLicence(user))
        await disconnectFromInbox(this.deps.hub, id, personalDocName(id), CLOSE_CODES.forbidden, 'Your last digital licence was removed, and with it your personal inbox.')
      await this.afterLoss(before, lost)
      return user
    })
  }

  removeUser(actor: User, id: string): Promise<{ removed: string }> {
    return this.admin(actor, async () => {
      const before = this.dir
      const { directory, lost } = removeUser(before, id)
      await this.save(directory, await this.credentials.revoke(id))
      disconnectUser(this.deps.hub, id, () => true, CLOSE_CODES.unauthenticated, `User \`${id}\` was removed from the organisation.`)
      await this.afterLoss(before, lost, new Set([id]))
      return { removed: id }
    })
  }

  /** A fresh token for a user; the old one stops working and its connections close. */
  rotateToken(actor: User, id: string): Promise<UserWithToken> {
    return this.admin(actor, async () => {
      const user = findUser(this.dir, id)
      const issued = await this.credentials.issue(id)
      await this.deps.records.batch(issued.ops)
      // One pass only: a second one could close the connection they open with the new token.
      this.deps.hub.disconnect(id, () => true, CLOSE_CODES.unauthenticated, 'Your token was replaced; sign in again with the new one.')
      return { ...user, token: issued.token }
    })
  }

  // ── Inboxes and membership ────────────────────────────────────────────

  listInboxes(actor: User): Inbox[] {
    this.deps.access.assertMayRead(actor, 'Listing inboxes')
    return listInboxes(this.dir)
  }

  async getInbox(actor: User, ref: string): Promise<InboxWithCounts> {
    this.deps.access.assertMayRead(actor, "Showing an inbox's settings")
    const inbox = findInbox(this.dir, ref)
    const { open, archived } = await this.countConversations(inbox.id)
    return { ...inbox, counts: { open, archived } }
  }

  createInbox(actor: User, input: NewInbox): Promise<Inbox> {
    return this.admin(actor, async () => {
      const { directory, inbox } = createInbox(this.dir, input)
      await this.save(directory)
      return inbox
    })
  }

  editInbox(actor: User, ref: string, patch: InboxPatch): Promise<Inbox> {
    return this.admin(actor, async () => {
      const { directory, inbox } = editInbox(this.dir, ref, patch)
      await this.save(directory)
      return inbox
    })
  }

  /** Deletes an inbox with its documents; refused while it holds open conversations unless `force`. */
  deleteInbox(actor: User, ref: string, force: boolean): Promise<{ removed: string }> {
    return this.admin(actor, async () => {
      const inbox = findInbox(this.dir, ref)
      const { ids, open } = await this.countConversations(inbox.id)
      const { directory } = deleteInbox(this.dir, ref, { openConversations: open, force })
      await this.save(directory, ids.map(forgetConversationOp))
      // Removing a document closes its connections too.
      for (const id of ids) await this.deps.hub.remove(conversationDocName(id))
      await this.deps.hub.remove(inboxDocName(inbox.id))
      return { removed: inbox.id }
    })
  }

  listMembers(actor: User, ref: string): User[] {
    this.deps.access.assertMayRead(actor, "Listing an inbox's members")
    const inbox = findInbox(this.dir, ref)
    return inbox.members.map((id) => findUser(this.dir, id))
  }

  /** Adds and removes members as one change; removed members are cut off at once. */
  changeMembers(actor: User, ref: string, change: MembersChangeRequest): Promise<MembersChange> {
    return this.admin(actor, async () => {
      const before = this.dir
      const result = changeMembers(before, ref, change)
      await this.save(result.directory)
      await this.afterLoss(before, result.lost)
      return {
        members: result.inbox.members.map((id) => findUser(result.directory, id)),
        added: result.added,
        removed: result.lost.map((l) => l.user),
      }
    })
  }

  // ── Routing ───────────────────────────────────────────────────────────

  listPolicies(actor: User): PolicyView[] {
    this.deps.access.assertMayRead(actor, 'Listing routing rules')
    return this.dir.policies.map((policy) => policyView(this.dir, policy))
  }

  addRule(actor: User, input: RuleInput): Promise<PolicyView> {
    return this.admin(actor, async () => {
      const directory = addRule(this.dir, input, randomId('p-'))
      await this.save(directory)
      return policyView(directory, policyFor(directory, input.address)!)
    })
  }

  removeRule(actor: User, address: string, position: number): Promise<PolicyView> {
    return this.admin(actor, async () => {
      const directory = removeRule(this.dir, address, position)
      await this.save(directory)
      return policyView(directory, policyFor(directory, address)!)
    })
  }

  /** Where a message would be routed, and by which rule; changes nothing. */
  testRoute(actor: User, message: InboundMessage): RouteTestResult {
    this.deps.access.assertMayRead(actor, 'Testing where a message would be routed')
    const normal = { ...message, from: normaliseAddress(message.from), to: normaliseAddress(message.to) }
    return routeTestResult(this.dir, route(this.dir, normal, this.now()), normal.to)
  }

  // ── Templates ─────────────────────────────────────────────────────────

  listTemplates(actor: User): Template[] {
    this.deps.access.assertMayRead(actor, 'Listing templates')
    return listTemplates(this.dir)
  }

  addTemplate(actor: User, input: TemplateFields): Promise<Template> {
    return this.admin(actor, async () => {
      const { directory, template } = addTemplate(this.dir, input)
      await this.save(directory)
      return template
    })
  }

  editTemplate(actor: User, name: string, patch: TemplatePatch): Promise<Template> {
    return this.admin(actor, async () => {
      const { directory, template } = editTemplate(this.dir, name, patch)
      await this.save(directory)
      return template
    })
  }

  removeTemplate(actor: User, name: string): Promise<{ removed: string }> {
    return this.admin(actor, async () => {
      const { directory, template } = removeTemplate(this.dir, name)
      await this.save(directory)
      return { removed: template.name }
    })
  }

  // ── Internals ─────────────────────────────────────────────────────────

  private admin<T>(actor: User, task: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // Checked inside the queue: an earlier change may have demoted or removed the actor.
      this.deps.access.assertAdmin(actor)
      return task()
    })
  }

  /** Stores the directory (with `ops`, atomically), then publishes it to `org`. */
  private async save(directory: Directory, ops: readonly RecordOp[] = []): Promise<void> {
    await this.deps.settings.save(directory, ops)
    await this.publish()
  }

  private publish(): Promise<void> {
    const dir = this.dir
    return this.deps.hub.change('org', (doc) => new OrgDoc(doc).publish(dir))
  }

  private async afterLoss(before: Directory, lost: readonly LostMembership[], alreadyDisconnected?: ReadonlySet<string>): Promise<void> {
    if (lost.length === 0) return
    await applyLostMemberships(this.deps.hub, this.clock, before, this.dir, lost, alreadyDisconnected ? { alreadyDisconnected } : {})
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
