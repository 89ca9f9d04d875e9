/**
 * The exit codes of `huddle`, and the one table that maps every failure to
 * one of them:
 *
 *   0  ok
 *   1  error: the request was refused or failed (not found, conflict, server down…)
 *   2  usage: the command line was wrong (unknown command or flag, missing or bad value)
 *   4  not authenticated, or not permitted
 */
import { HuddleError, type ErrorCode } from '../core/errors.js'
import { UsageError } from './usage-error.js'

export const EXIT_CODES = {
  ok: 0,
  error: 1,
  usage: 2,
  denied: 4,
} as const

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES]

/** The exit code of each error code of core/errors.ts. */
export const EXIT_CODE_OF_ERROR: Readonly<Record<ErrorCode, ExitCode>> = {
  invalid: EXIT_CODES.error,
  unauthenticated: EXIT_CODES.denied,
  forbidden: EXIT_CODES.denied,
  'not-found': EXIT_CODES.error,
  conflict: EXIT_CODES.error,
  'unsupported-version': EXIT_CODES.error,
  limit: EXIT_CODES.error,
  'too-many': EXIT_CODES.error,
  storage: EXIT_CODES.error,
  unavailable: EXIT_CODES.error,
}

/** The exit code for anything thrown out of a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT_CODES.usage
  if (error instanceof HuddleError) return EXIT_CODE_OF_ERROR[error.code]
  return EXIT_CODES.error
}
