/** Users of an organisation: permission levels, digital licences and ids. */
import { assertNoProblems } from './errors.js'
import { nameProblems } from './names.js'

export const PERMISSIONS = ['basic', 'team-leader', 'admin'] as const
export type Permission = (typeof PERMISSIONS)[number]

export const CHANNELS = ['sms', 'whatsapp', 'chat'] as const
/** A messaging channel; each channel has a digital licence of the same name. */
export type Channel = (typeof CHANNELS)[number]
export type Licence = Channel
export const LICENCES: readonly Licence[] = CHANNELS

export type User = {
  readonly id: string
  readonly name: string
  readonly permission: Permission
  readonly licences: readonly Licence[]
}

/** The actor of events the server writes itself (routing, reopening, removals). */
export const SYSTEM_ACTOR = 'system'

const USER_ID = /^[a-z][a-z0-9-]{0,31}$/
const MAX_NAME = 80

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value)
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value)
}

/** Problems with a user id, as sentences (empty when fine). */
export function userIdProblems(id: unknown): string[] {
  if (typeof id !== 'string' || !USER_ID.test(id))
    return [`User id \`${String(id)}\` is not valid: use 1–32 lower-case letters, digits and dashes, starting with a letter (e.g. \`alice\`).`]
  if (id === SYSTEM_ACTOR) return [`User id \`${SYSTEM_ACTOR}\` is reserved for the server; choose another id.`]
  return []
}

export function userNameProblems(name: unknown): string[] {
  return nameProblems(name, 'User name', MAX_NAME, '`--name "Alice Martin"`')
}

export function permissionProblems(permission: unknown): string[] {
  if (isPermission(permission)) return []
  return [`Permission \`${String(permission)}\` is not one of ${PERMISSIONS.join(', ')}.`]
}

/** Problems with values that should be licences, one per bad value (empty when fine). */
export function licenceProblems(licences: readonly unknown[]): string[] {
  return licences
    .filter((l) => !isChannel(l))
    .map((l) => `Licence \`${String(l)}\` is not one of ${LICENCES.join(', ')}.`)
}

/** A user to add, as an admin gives it: permission `basic` and no licence unless said. */
export type NewUser = { readonly id: string; readonly name: string; readonly permission?: Permission; readonly licences?: readonly Licence[] }

/** Validates a new user, reporting every problem at once. */
export function parseUser(input: NewUser): User {
  assertNoProblems([...userIdProblems(input.id), ...userNameProblems(input.name)], 'The user is not valid:')
  return {
    id: input.id,
    name: input.name.trim(),
    permission: input.permission ?? 'basic',
    licences: [...new Set(input.licences ?? [])].sort(),
  }
}

export function hasDigitalLicence(user: User): boolean {
  return user.licences.length > 0
}
