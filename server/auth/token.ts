/**
 * API and sync tokens: 32 random bytes, base64url, behind a recognisable
 * prefix so a leaked token can be spotted in logs and secret scanners. Only
 * the SHA-256 hash of a token is ever stored.
 */
import { createHash, randomBytes } from 'node:crypto'
import { HuddleError } from '../../core/errors.js'

export const TOKEN_PREFIX = 'hud_'
const MIN_TOKEN = 8
const MAX_TOKEN = 512

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
}

/** The hex SHA-256 of a token: the only form in which tokens are stored or looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Whether a string could be a token at all (cheap check before hashing). */
export function isPlausibleToken(token: string): boolean {
  return token.length >= MIN_TOKEN && token.length <= MAX_TOKEN && !/\s/.test(token)
}

/** Throws `invalid` for an operator-chosen token (e.g. `--admin-token`) that is too weak or malformed. */
export function assertUsableToken(token: string): void {
  if (!isPlausibleToken(token))
    throw new HuddleError(
      'invalid',
      `The admin token given is not usable: give ${MIN_TOKEN}–${MAX_TOKEN} characters without spaces, or leave it out to have a random one generated.`,
    )
}
