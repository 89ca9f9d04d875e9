/**
 * The one error type of huddle. Every refusal carries a code from this table;
 * the server maps codes to close codes and HTTP statuses, the CLI to exit codes.
 */
export const ERROR_CODES = {
  /** The input was malformed: a bad id, a missing field, a value out of range. */
  invalid: 'invalid',
  /** No credentials, or credentials that are not (or no longer) valid. */
  unauthenticated: 'unauthenticated',
  /** Authenticated, but this user may not do this. */
  forbidden: 'forbidden',
  /** The thing named does not exist. */
  notFound: 'not-found',
  /** The request clashes with what is stored (a duplicate name, open conversations). */
  conflict: 'conflict',
  /** The peer speaks a protocol or client version we do not accept. */
  unsupportedVersion: 'unsupported-version',
  /** A limit was exceeded: size, rate, buffer. */
  limit: 'limit',
  /** One client holds as many of something as it may at once (open chat windows); it must close one first. */
  tooMany: 'too-many',
  /** Storage failed; nothing was acknowledged. */
  storage: 'storage',
  /** The server or a peer could not be reached. */
  unavailable: 'unavailable',
} as const

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES))

/** Whether a string is one of the codes in the table. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value)
}

/** A refusal with a code from the table and a whole-sentence message that says what to do. */
export class HuddleError extends Error {
  override readonly name = 'HuddleError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message)
  }

  /** A plain object for the wire (HTTP bodies, close reasons). */
  toJSON(): { code: ErrorCode; message: string; problems: readonly string[] } {
    return { code: this.code, message: this.message, problems: this.problems }
  }
}

/** Throws one `invalid` error listing every problem found, if there were any. */
export function assertNoProblems(problems: readonly string[], summary: string): void {
  if (problems.length === 0) return
  const message = problems.length === 1 ? problems[0]! : `${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}`
  throw new HuddleError('invalid', message, problems)
}
