/**
 * The directory service: holds the organisation's settings (core/directory.ts)
 * in memory, stores them as one record and publishes their public part to the
 * `org` document. It is the SyncAccess of the sync server, and every admin
 * operation of the HTTP API goes through it, one at a time.
 *
 * Deps: `records` (RecordStore: the directory, credentials, conversation
 * index), `hub` (DocumentHub: publishes `org`, reads inboxes, cuts off
 * removed members), `now` (wall clock, default Date.now).
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
  userById,
  type Directory,
  type InboxPatch,
  type NewInbox,
  type LostMembership,
  type UserPatch,
} from '../../core/directory.js'
import { conversationDocName, inboxDocName, personalDocName, type DocRef } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { HybridClock } from '../../core/hlc.js'
import type { InboxWithCounts, MembersChange, MembersChangeRequest } from '../../core/http-contract/inbox-contract.js'
import type { PolicyView, RouteTestResult } from '../../core/http-contract/routing-contract.js'
import type { UserWithToken } from '../../core/http-contract/user-contract.js'
import type { Inbox } from '../../core/inbox.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { OrgDoc } from '../../core/org-doc.js'
import { authorize, type InboxAccess } from '../../core/permissions.js'
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
import type { DocumentGrant, SyncAccess } from '../sync/sync-access.js'
import { forgetConversationOp, inboxOfConversation } from './conversation-index.js'
import { loadDirectory, saveDirectoryOp } from './directory-record.js'
import { grantFor, inboxAccessOf } from './document-access.js'
import { applyLostMemberships, disconnectFromInbox, disconnectUser } from './membership-effects.js'
import { policyView, routeTestResult } from './routing-views.js'
import { SerialQueue } from './serial-queue.js'

export type DirectoryServiceDeps = {
  readonly records: RecordStore
  readonly hub: DocumentHub
  readonly now?: () => number
}

/** The id of the admin created on first start. */
export const BOOTSTRAP_ADMIN = 'admin'
const BOOTSTRAP_ADMIN_FIELDS = { name: 'Administrator', permission: 'admin', licences: LICENCES } as const


export class DirectoryService implements SyncAccess {
  private dir: Directory
  private readonly queue = new SerialQueue()
  private readonly credentials: Credentials
  private readonly clock: HybridClock
  private readonly now: () => number

  private constructor(
    private readonly deps: DirectoryServiceDeps,
    dir: Directory,
  ) {
    this.dir = dir
    this.now = deps.now ?? Date.now
    this.credentials = new Credentials(deps.records, this.now)
    this.clock = new HybridClock(this.now)
  }

  /** Loads the stored directory and makes the `org` document show it. */
  static async open(deps: DirectoryServiceDeps): Promise<DirectoryService> {
    const service = new DirectoryService(deps, await loadDirectory(deps.records))
    // Heals an `org` document left behind by a crash between storing and publishing.
    if (!service.isEmpty()) await service.publish()
    return service
  }

  /** The current directory (immutable). */
  get directory(): Directory {
    return this.dir
  }

  isEmpty(): boolean {
    return Object.keys(this.dir.users).length === 0
  }

  /**
   * On first start (no users), creates the organisation's admin `admin` with
   * every licence, holding `adminToken` or a random token. Returns the random
   * token so it can be shown once; null when it chose none (given, or not first start).
   */
  async bootstrap(adminToken?: string): Promise<string | null> {
    if (adminToken !== undefined) assertUsableToken(adminToken)
    return this.queue.run(async () => {
      if (!this.isEmpty()) return null
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

  // ── SyncAccess ────────────────────────────────────────────────────────

  async authenticate(token: string): Promise<User | null> {
    const id = await this.credentials.lookup(token)
    return id === null ? null : (userById(this.dir, id) ?? null)
  }

  async authorize(user: User, doc: DocRef): Promise<DocumentGrant> {
    const current = this.currentUser(user)
    const conversationInbox = doc.kind === 'conversation' ? await inboxOfConversation(this.deps.records, doc.id) : null
    return grantFor(this.dir, current, doc, conversationInbox)
  }

  templates(): Readonly<Record<string, Template>> {
    return this.dir.templates
  }

  /** How permissions see the inbox behind a document name, or null when it does not exist. */
  inboxAccess(inboxDoc: string): InboxAccess | null {
    return inboxAccessOf(this.dir, inboxDoc)
  }

  // ── Users ─────────────────────────────────────────────────────────────

  listUsers(actor: User): User[] {
    this.assertMayRead(actor, 'Listing users')
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
    this.assertMayRead(actor, 'Listing inboxes')
    return listInboxes(this.dir)
  }

  async getInbox(actor: User, ref: string): Promise<InboxWithCounts> {
    this.assertMayRead(actor, "Showing an inbox's settings")
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
    this.assertMayRead(actor, "Listing an inbox's members")
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
    this.assertMayRead(actor, 'Listing routing rules')
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
    this.assertMayRead(actor, 'Testing where a message would be routed')
    const normal = { ...message, from: normaliseAddress(message.from), to: normaliseAddress(message.to) }
    return routeTestResult(this.dir, route(this.dir, normal, this.now()), normal.to)
  }

  // ── Templates ─────────────────────────────────────────────────────────

  listTemplates(actor: User): Template[] {
    this.assertMayRead(actor, 'Listing templates')
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

  /** Throws unless `actor` (as currently stored) may read settings; `what` names the read. */
  assertMayRead(actor: User, what: string): void {
    authorize(this.currentUser(actor), { kind: 'read-settings', what })
  }

  /** Throws unless `actor` (as currently stored) may change settings. */
  assertAdmin(actor: User): void {
    authorize(this.currentUser(actor), { kind: 'manage-settings' })
  }

  private admin<T>(actor: User, task: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // Checked inside the queue: an earlier change may have demoted or removed the actor.
      this.assertAdmin(actor)
      return task()
    })
  }

  private currentUser(user: User): User {
    const current = this.dir.users[user.id]
    if (!current)
      throw new HuddleError('unauthenticated', `User \`${user.id}\` no longer exists. Ask an admin for a new account and token.`)
    return current
  }

  /** Stores the directory (with `ops`, atomically), then publishes it to `org`. */
  private async save(directory: Directory, ops: readonly RecordOp[] = []): Promise<void> {
    await this.deps.records.batch([saveDirectoryOp(directory), ...ops])
    this.dir = directory
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
