/**
 * The HTTP contract of `/api/v1/whoami` and `/api/v1/users…`: the bodies the
 * server takes, parsed into domain values, and the answers it gives, read
 * back by the CLI.
 */
import type { UserPatch } from '../directory.js'
import { assertNoProblems } from '../errors.js'
import type { PlainValue } from '../plain-value.js'
import { isChannel, isPermission, licenceProblems, permissionProblems, userIdProblems, userNameProblems, type NewUser, type User } from '../users.js'
import { answerFields, answerList, answerText, answerTexts, misunderstood } from './answer-fields.js'
import { field, fieldsOf, optionalTextList } from './request-fields.js'

/** A user with their token, shown once: the answer to adding a user and to a new token. */
export type UserWithToken = User & { readonly token: string }

/** The body of `POST /api/v1/users`: `{id, name, permission?, licences?}`. */
export function parseNewUser(body: PlainValue): NewUser {
  const fields = fieldsOf(body, ['id', 'name', 'permission', 'licences'])
  const problems: string[] = []
  const id = field(fields, 'id')
  const name = field(fields, 'name')
  problems.push(...userIdProblems(id), ...userNameProblems(name))
  const { permission, licences } = grants(field(fields, 'permission'), optionalTextList(fields, 'licences', problems), problems)
  assertNoProblems(problems, 'The user is not valid:')
  return { id: String(id), name: String(name), ...(permission === undefined ? {} : { permission }), ...(licences === undefined ? {} : { licences }) }
}

/** The body of `PATCH /api/v1/users/:id`: `{name?, permission?, licences?}`. */
export function parseUserPatch(body: PlainValue): UserPatch {
  const fields = fieldsOf(body, ['name', 'permission', 'licences'])
  const problems: string[] = []
  const name = field(fields, 'name')
  if (name !== undefined) problems.push(...userNameProblems(name))
  const { permission, licences } = grants(field(fields, 'permission'), optionalTextList(fields, 'licences', problems), problems)
  assertNoProblems(problems, 'The change is not valid:')
  return { ...(name === undefined ? {} : { name: String(name) }), ...(permission === undefined ? {} : { permission }), ...(licences === undefined ? {} : { licences }) }
}

function grants(permission: PlainValue | undefined, licences: readonly string[] | undefined, problems: string[]): Pick<NewUser, 'permission' | 'licences'> {
  if (permission !== undefined) problems.push(...permissionProblems(permission))
  if (licences !== undefined) problems.push(...licenceProblems(licences))
  return {
    ...(isPermission(permission) ? { permission } : {}),
    ...(licences === undefined ? {} : { licences: licences.filter(isChannel) }),
  }
}

/** A user as the server answers it. */
export function readUser(value: unknown): User {
  const r = answerFields(value, 'user')
  const permission = answerText(r, 'permission', 'user')
  const licences = answerTexts(r, 'licences', 'user')
  if (!isPermission(permission)) throw misunderstood('user', `permission \`${permission}\` is not one it knows`)
  if (!licences.every(isChannel)) throw misunderstood('user', `licences \`${licences.join(', ')}\` are not ones it knows`)
  return { id: answerText(r, 'id', 'user'), name: answerText(r, 'name', 'user'), permission, licences }
}

export function readUsers(value: unknown): User[] {
  return answerList(value, 'users').map(readUser)
}

export function readUserWithToken(value: unknown): UserWithToken {
  return { ...readUser(value), token: answerText(answerFields(value, 'user'), 'token', 'user') }
}
