/**
 * The organisation's settings as one immutable value: users, inboxes with their
 * members, routing policies, templates and labels. Every change is a pure function that validates
 * everything first and returns a new directory, so a change applies whole or
 * not at all. The server stores it; agents see the public part (see org-doc.ts).
 */
import { HuddleError, assertNoProblems } from './errors.js'
import { autoAssignModeProblems, capacityProblems, type AutoAssignMode } from './auto-assign.js'
import { keepArchivedDaysProblems } from './history.js'
import { assertInboxFields, autoAssignSettingOf, inboxIdFor, type Inbox } from './inbox.js'
import type { LabelCatalogue } from './label.js'
import { isSameName, visibleText } from './names.js'
import { decide } from './permissions.js'
import type { RoutingPolicy } from './routing-policy.js'
import type { SlaPolicy } from './sla-policy.js'
import type { Template } from './template.js'
import { parseUser, userNameProblems, type Licence, type NewUser, type Permission, type User } from './users.js'

export type Directory = {
  readonly users: Readonly<Record<string, User>>
  readonly inboxes: Readonly<Record<string, Inbox>>
  readonly policies: readonly RoutingPolicy[]
  /** Message templates by name (see template.ts). */
  readonly templates: Readonly<Record<string, Template>>
  /** The labels conversations may be given, by id (label.ts). */
  readonly labels: LabelCatalogue
  /** Labels removed from the catalogue, by id: their ids are never given again, and history still names them. */
  readonly removedLabels: LabelCatalogue
}

/** Who lost access to which inbox because of a change (their conversations there get unassigned). */
export type LostMembership = { readonly inbox: string; readonly user: string }

export const EMPTY_DIRECTORY: Directory = { users: {}, inboxes: {}, policies: [], templates: {}, labels: {}, removedLabels: {} }

/** Whether the user may manage settings (so counts towards the admin who must remain). */
export function isSettingsAdmin(user: User): boolean {
  return decide(user, { kind: 'manage-settings' }).allowed
}

export function listUsers(dir: Directory): User[] {
  return Object.values(dir.users).sort((a, b) => a.id.localeCompare(b.id))
}

export function listInboxes(dir: Directory): Inbox[] {
  return Object.values(dir.inboxes).sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The user with id `id`, or undefined. Ids come from outside (document
 * names, requests): only an own entry counts, so `constructor` is no user.
 */
export function userById(dir: Directory, id: string): User | undefined {
  return Object.hasOwn(dir.users, id) ? dir.users[id] : undefined
}

/** The inbox with id `id`, or undefined; only an own entry counts, as for `userById`. */
export function inboxById(dir: Directory, id: string): Inbox | undefined {
  return Object.hasOwn(dir.inboxes, id) ? dir.inboxes[id] : undefined
}

export function findUser(dir: Directory, id: string): User {
  const user = userById(dir, id)
  if (!user) throw new HuddleError('not-found', `There is no user \`${id}\`. List users with \`huddle user list\`.`)
  return user
}

/** Finds an inbox by id, or by name regardless of case. */
export function findInbox(dir: Directory, idOrName: string): Inbox {
  const inbox = inboxById(dir, idOrName) ?? Object.values(dir.inboxes).find((i) => isSameName(i.name, idOrName))
  if (!inbox) throw new HuddleError('not-found', `There is no inbox \`${idOrName}\`. List inboxes with \`huddle inbox list\`.`)
  return inbox
}

export function addUser(dir: Directory, input: NewUser): Directory {
  const user = parseUser(input)
  if (Object.hasOwn(dir.users, user.id)) throw new HuddleError('conflict', `User \`${user.id}\` already exists. Change them with \`huddle user edit ${user.id}\`.`)
  return { ...dir, users: { ...dir.users, [user.id]: user } }
}

/** A change of a user: only the fields given change. */
export type UserPatch = { readonly name?: string; readonly permission?: Permission; readonly licences?: readonly Licence[] }

/** Changes a user; dropping their last licence ends their memberships. */
export function editUser(dir: Directory, id: string, patch: UserPatch): { directory: Directory; lost: LostMembership[] } {
  const current = findUser(dir, id)
  assertNoProblems(patch.name === undefined ? [] : userNameProblems(patch.name), `User \`${id}\` cannot be changed:`)
  const next: User = {
    ...current,
    ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
    ...(patch.permission === undefined ? {} : { permission: patch.permission }),
    ...(patch.licences === undefined ? {} : { licences: [...new Set(patch.licences)].sort() }),
  }
  const users = { ...dir.users, [id]: next }
  assertAnAdminRemains(users, `Changing \`${id}\` would leave no admin with a digital licence to manage settings; make another user an admin first.`)
  if (decide(next, { kind: 'become-member' }).allowed) return { directory: { ...dir, users }, lost: [] }
  return withoutMember({ ...dir, users }, id)
}

/** Removes a user and all their memberships. */
export function removeUser(dir: Directory, id: string): { directory: Directory; lost: LostMembership[] } {
  findUser(dir, id)
  const { [id]: _removed, ...users } = dir.users
  assertAnAdminRemains(users, `Removing \`${id}\` would leave no admin with a digital licence to manage settings; make another user an admin first.`)
  const policies = dir.policies.map((policy) => ({
    ...policy,
    rules: policy.rules.filter((rule) => !(rule.target.kind === 'user' && rule.target.user === id)),
  }))
  return withoutMember({ ...dir, users, policies }, id)
}

function assertAnAdminRemains(users: Readonly<Record<string, User>>, message: string): void {
  if (!Object.values(users).some(isSettingsAdmin)) throw new HuddleError('conflict', message)
}

function withoutMember(dir: Directory, userId: string): { directory: Directory; lost: LostMembership[] } {
  const lost: LostMembership[] = []
  const inboxes: Record<string, Inbox> = {}
  for (const inbox of Object.values(dir.inboxes)) {
    if (inbox.members.includes(userId)) lost.push({ inbox: inbox.id, user: userId })
    inboxes[inbox.id] = { ...inbox, members: inbox.members.filter((m) => m !== userId) }
  }
  return { directory: { ...dir, inboxes }, lost }
}

/** A shared inbox to create: a name and, for admins, a description. */
export type NewInbox = { readonly name: string; readonly description?: string }

export function createInbox(dir: Directory, input: NewInbox): { directory: Directory; inbox: Inbox } {
  const description = input.description ?? ''
  assertInboxFields({ name: input.name, description })
  const name = input.name.trim()
  assertNameFree(dir, name, null)
  const id = inboxIdFor(name, (candidate) => Object.hasOwn(dir.inboxes, candidate))
  const inbox: Inbox = { id, name, description, reopenArchived: false, members: [] }
  return { directory: { ...dir, inboxes: { ...dir.inboxes, [id]: inbox } }, inbox }
}

/** A change of an inbox: only the fields given change. */
export type InboxPatch = {
  readonly name?: string
  readonly description?: string
  readonly reopenArchived?: boolean
  readonly keepArchivedDays?: number
  readonly autoAssign?: AutoAssignMode
  readonly capacity?: number
}

export function editInbox(dir: Directory, idOrName: string, patch: InboxPatch): { directory: Directory; inbox: Inbox } {
  const current = findInbox(dir, idOrName)
  assertInboxFields(patch)
  assertNoProblems(
    [
      ...(patch.keepArchivedDays === undefined ? [] : keepArchivedDaysProblems(patch.keepArchivedDays)),
      ...(patch.autoAssign === undefined ? [] : autoAssignModeProblems(patch.autoAssign)),
      ...(patch.capacity === undefined ? [] : capacityProblems(patch.capacity)),
    ],
    'The inbox is not valid:',
  )
  const autoAssign = autoAssignSettingOf(current)
  if (patch.name !== undefined) assertNameFree(dir, patch.name, current.id)
  const inbox: Inbox = {
    ...current,
    ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
    ...(patch.description === undefined ? {} : { description: patch.description }),
    ...(patch.reopenArchived === undefined ? {} : { reopenArchived: patch.reopenArchived }),
    ...(patch.keepArchivedDays === undefined ? {} : { keepArchivedDays: patch.keepArchivedDays }),
    ...(patch.autoAssign === undefined && patch.capacity === undefined
      ? {}
      : { autoAssign: { mode: patch.autoAssign ?? autoAssign.mode, capacity: patch.capacity ?? autoAssign.capacity } }),
  }
  return { directory: { ...dir, inboxes: { ...dir.inboxes, [inbox.id]: inbox } }, inbox }
}

/** Gives an inbox an SLA policy, replacing any it had, or removes it (`null`). */
export function setSlaPolicy(dir: Directory, idOrName: string, policy: SlaPolicy | null): { directory: Directory; inbox: Inbox } {
  const { sla: _previous, ...rest } = findInbox(dir, idOrName)
  const inbox: Inbox = policy === null ? rest : { ...rest, sla: policy }
  return { directory: { ...dir, inboxes: { ...dir.inboxes, [inbox.id]: inbox } }, inbox }
}

function assertNameFree(dir: Directory, name: string, exceptId: string | null): void {
  const clash = Object.values(dir.inboxes).find((i) => i.id !== exceptId && isSameName(i.name, name))
  if (!clash) return
  const same = clash.name === name.trim() ? '' : `, and \`${visibleText(name.trim())}\` reads as the same name`
  throw new HuddleError(
    'conflict',
    `An inbox named \`${clash.name}\` already exists${same}; inbox names are unique regardless of case, width, invisible characters and look-alike letters. Choose another name.`,
  )
}

/**
 * Deletes an inbox. Refused while it holds open conversations unless forced;
 * routing rules that sent messages to it are removed with it.
 */
export function deleteInbox(
  dir: Directory,
  idOrName: string,
  options: { openConversations: number; force: boolean },
): { directory: Directory; inbox: Inbox } {
  const inbox = findInbox(dir, idOrName)
  if (options.openConversations > 0 && !options.force)
    throw new HuddleError(
      'conflict',
      `Inbox \`${inbox.name}\` still holds ${options.openConversations} open conversation(s). Archive them first, or delete anyway with \`--force\`.`,
    )
  const { [inbox.id]: _deleted, ...inboxes } = dir.inboxes
  const policies = dir.policies.map((policy) => ({
    ...policy,
    defaultInbox: policy.defaultInbox === inbox.id ? null : policy.defaultInbox,
    rules: policy.rules.filter((rule) => !(rule.target.kind === 'inbox' && rule.target.inbox === inbox.id)),
  }))
  return { directory: { ...dir, inboxes, policies }, inbox }
}

/**
 * Applies a membership change as one set: every added user must exist and hold
 * a digital licence, every removed user must exist; any problem refuses the
 * whole change. Adding a member twice or removing a non-member changes nothing.
 */
export function changeMembers(
  dir: Directory,
  idOrName: string,
  change: { add: readonly string[]; remove: readonly string[] },
): { directory: Directory; inbox: Inbox; added: string[]; lost: LostMembership[] } {
  const inbox = findInbox(dir, idOrName)
  const problems: string[] = []
  for (const id of change.add) {
    const user = userById(dir, id)
    if (!user) {
      problems.push(`User \`${id}\` does not exist; add them first with \`huddle user add ${id} --name "…" --licence sms\`.`)
      continue
    }
    const decision = decide(user, { kind: 'become-member' })
    if (!decision.allowed) problems.push(decision.error.message)
  }
  for (const id of change.remove) {
    if (!Object.hasOwn(dir.users, id)) problems.push(`User \`${id}\` does not exist, so cannot be removed from \`${inbox.name}\`.`)
    if (change.add.includes(id)) problems.push(`User \`${id}\` is both added and removed; tick or untick them, not both.`)
  }
  assertNoProblems(problems, `The members of \`${inbox.name}\` were not changed:`)
  const added = [...new Set(change.add)].filter((id) => !inbox.members.includes(id))
  const removed = [...new Set(change.remove)].filter((id) => inbox.members.includes(id))
  const members = [...inbox.members.filter((m) => !removed.includes(m)), ...added].sort()
  const next: Inbox = { ...inbox, members }
  return {
    directory: { ...dir, inboxes: { ...dir.inboxes, [inbox.id]: next } },
    inbox: next,
    added,
    lost: removed.map((user) => ({ inbox: inbox.id, user })),
  }
}
