/**
 * Credentials: each user holds at most one token, stored only as its SHA-256
 * hash. Issuing a new token revokes the old one. Changes come back as record
 * operations so the caller can write them in the same batch as the directory.
 *
 *   auth/token/<sha256 hex>  → { user, issuedAt }
 *   auth/user/<userId>       → { hash }
 */
import type { RecordOp, RecordStore } from '../store/record-store.js'
import { generateToken, hashToken, isPlausibleToken } from './token.js'

const TOKEN_KEY = 'auth/token/'
const USER_KEY = 'auth/user/'

/** Whether a record key holds a credential (a token hash or a user's token). */
export function isCredentialKey(key: string): boolean {
  return key.startsWith(TOKEN_KEY) || key.startsWith(USER_KEY)
}

type TokenRecord = { readonly user: string; readonly issuedAt: number }
type UserRecord = { readonly hash: string }

export type IssuedToken = {
  /** The plain token: show it once, never store or log it. */
  readonly token: string
  readonly ops: readonly RecordOp[]
}

export class Credentials {
  constructor(
    private readonly records: RecordStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The id of the user holding `token`, or null when it is unknown or revoked. */
  async lookup(token: string): Promise<string | null> {
    if (!isPlausibleToken(token)) return null
    const record = await this.records.get<TokenRecord>(TOKEN_KEY + hashToken(token))
    return record?.user ?? null
  }

  /** Operations that give `userId` a fresh token (or `token`, when chosen by the operator), revoking the old one. */
  async issue(userId: string, token: string = generateToken()): Promise<IssuedToken> {
    const hash = hashToken(token)
    const ops: RecordOp[] = [
      ...(await this.revoke(userId)),
      { type: 'put', key: TOKEN_KEY + hash, value: { user: userId, issuedAt: this.now() } satisfies TokenRecord },
      { type: 'put', key: USER_KEY + userId, value: { hash } satisfies UserRecord },
    ]
    return { token, ops }
  }

  /** Operations that revoke the token of `userId`, if they hold one. */
  async revoke(userId: string): Promise<RecordOp[]> {
    const current = await this.records.get<UserRecord>(USER_KEY + userId)
    if (!current) return []
    return [
      { type: 'del', key: TOKEN_KEY + current.hash },
      { type: 'del', key: USER_KEY + userId },
    ]
  }
}
