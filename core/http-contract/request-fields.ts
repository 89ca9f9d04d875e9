/** Reading request bodies (plain data, see plain-value.ts) field by field: fields an endpoint does not take are refused, every problem is collected. */
import { assertNoProblems, HuddleError } from '../errors.js'
import { isPlainObject, ownField, type PlainObject, type PlainValue } from '../plain-value.js'

/** The body's own fields, all among `allowed`; throws `invalid` listing every unknown field. */
export function fieldsOf(body: PlainValue, allowed: readonly string[]): PlainObject {
  if (!isPlainObject(body)) throw new HuddleError('invalid', `The request body must be a JSON object with fields ${allowed.join(', ')}.`)
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key))
  assertNoProblems(
    unknown.map((key) => `Field \`${key}\` is not accepted here; use ${allowed.join(', ')}.`),
    'The request body has fields this endpoint does not take:',
  )
  return body
}

/** The field's value; `null` reads as absent. */
export function field(fields: PlainObject, key: string): PlainValue | undefined {
  const value = ownField(fields, key)
  return value === null ? undefined : value
}

/** A text field when present; anything else adds a problem. */
export function optionalText(fields: PlainObject, key: string, problems: string[]): string | undefined {
  const value = field(fields, key)
  if (value === undefined || typeof value === 'string') return value
  problems.push(`Field \`${key}\` must be text.`)
  return undefined
}

/** A true/false field when present; anything else adds `problem`. */
export function optionalBoolean(fields: PlainObject, key: string, problems: string[], problem: string): boolean | undefined {
  const value = field(fields, key)
  if (value === undefined || typeof value === 'boolean') return value
  problems.push(problem)
  return undefined
}

/** A list-of-text field when present; anything else adds a problem. */
export function optionalTextList(fields: PlainObject, key: string, problems: string[]): string[] | undefined {
  const value = field(fields, key)
  if (value === undefined) return undefined
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return [...value]
  problems.push(`Field \`${key}\` must be a list of strings, e.g. ["alice", "bob"].`)
  return undefined
}
