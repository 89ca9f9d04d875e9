/**
 * A problem with a client's update, and the one refusal the update gets. A
 * problem is `invalid` when the update is malformed (a bad shape, an
 * unreadable value, structs no huddle client sends, a stamp no clock gives)
 * and `forbidden` when it is well formed but this user may not make it
 * (another's name, a place only the server writes, a rule of permissions).
 */
import { HuddleError } from './errors.js'

export type UpdateProblem = { readonly code: 'invalid' | 'forbidden'; readonly message: string }

export function invalid(message: string): UpdateProblem {
  return { code: 'invalid', message }
}

export function forbidden(message: string): UpdateProblem {
  return { code: 'forbidden', message }
}

/** A refusal as a problem: its code when it is one of the two, else forbidden. */
export function problemOf(refusal: HuddleError): UpdateProblem {
  return refusal.code === 'invalid' ? invalid(refusal.message) : forbidden(refusal.message)
}

/**
 * The refusal of an update with these problems (none: null). One permission
 * problem makes it `forbidden`, since fixing its shape would not let it in;
 * otherwise it is `invalid`. The message lists every problem.
 */
export function updateRejection(problems: readonly UpdateProblem[]): HuddleError | null {
  if (problems.length === 0) return null
  const code = problems.some((p) => p.code === 'forbidden') ? 'forbidden' : 'invalid'
  return new HuddleError(code, `Update refused: ${problems.map((p) => p.message).join('; ')}.`)
}
