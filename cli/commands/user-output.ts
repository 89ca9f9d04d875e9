/** How users are printed by the user commands. */
import type { User } from '../../core/users.js'
import type { UserWithToken } from '../../core/http-contract/user-contract.js'
import type { CliIo } from '../io.js'
import { printRecord, printTable, type Column } from '../output.js'

export const USER_COLUMNS: readonly Column<User>[] = [
  { header: 'ID', value: (u) => u.id },
  { header: 'NAME', value: (u) => u.name },
  { header: 'PERMISSION', value: (u) => u.permission },
  { header: 'LICENCES', value: (u) => u.licences },
]

/** Exactly the fields of a user, for `--json`. */
export function userJson(user: User): User {
  return { id: user.id, name: user.name, permission: user.permission, licences: user.licences }
}

/** Exactly the fields of a user and their new token, for `--json`. */
export function userWithTokenJson(user: UserWithToken): UserWithToken {
  return { ...userJson(user), token: user.token }
}

export function printUser(io: CliIo, user: User): void {
  printRecord(io, [
    ['id', user.id],
    ['name', user.name],
    ['permission', user.permission],
    ['licences', user.licences],
  ])
}

export function printUsers(io: CliIo, users: readonly User[], empty: string): void {
  printTable(io, users, USER_COLUMNS, empty)
}

export function printUserWithToken(io: CliIo, user: UserWithToken): void {
  printRecord(io, [
    ['id', user.id],
    ['name', user.name],
    ['permission', user.permission],
    ['licences', user.licences],
    ['token', user.token],
  ])
}
