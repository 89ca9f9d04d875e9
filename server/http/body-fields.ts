/** Checking the shape of JSON bodies at the boundary; every problem is reported at once. */
import { assertNoProblems, HuddleError } from '../../core/errors.js'

/** The body as an object holding only `allowed` fields; throws `invalid` listing every unknown field. */
export function fieldsOf(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HuddleError('invalid', `The request body must be a JSON object with fields ${allowed.join(', ')}.`)
  const fields = body as Record<string, unknown>
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key))
  assertNoProblems(
    unknown.map((key) => `Field \`${key}\` is not accepted here; use ${allowed.join(', ')}.`),
    'The request body has fields this endpoint does not take:',
  )
  return fields
}

/** Problems with a field that must be a list of strings when present. */
export function stringListProblems(value: unknown, field: string): string[] {
  if (value === undefined) return []
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return []
  return [`Field \`${field}\` must be a list of strings, e.g. ["alice", "bob"].`]
}

/** A list of strings when present (after `stringListProblems` found none). */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : []
}
