/**
 * The one table from huddle's error codes (core/errors.ts) to HTTP statuses,
 * and the JSON error body every endpoint answers with:
 * `{"error": {"code", "message", "problems"}}`.
 */
import { HuddleError, type ErrorCode } from '../../core/errors.js'

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  limit: 413,
  'too-many': 429,
  'unsupported-version': 426,
  storage: 503,
  unavailable: 503,
}

/** A path that exists, asked with a method it does not accept. */
export const METHOD_NOT_ALLOWED = 405
/** Anything that is not a HuddleError: a bug. */
export const INTERNAL_ERROR = 500

export type ErrorBody = { readonly error: { readonly code: ErrorCode; readonly message: string; readonly problems: readonly string[] } }

export type ErrorReply = { readonly status: number; readonly body: ErrorBody; readonly isBug: boolean }

export function errorReply(error: unknown): ErrorReply {
  if (error instanceof HuddleError) return { status: HTTP_STATUS[error.code], body: { error: error.toJSON() }, isBug: false }
  const reason = error instanceof Error ? error.message : String(error)
  return {
    status: INTERNAL_ERROR,
    body: {
      error: {
        code: 'unavailable',
        message: `The server failed unexpectedly (${reason}). Nothing more was changed; retry, and if it happens again report it with the server log.`,
        problems: [],
      },
    },
    isBug: true,
  }
}
