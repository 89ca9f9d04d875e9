/**
 * Values from outside (JSON request bodies, and any other decoded data) as
 * plain data: only own properties are read, nesting is bounded, and the keys
 * that reach an object's prototype (`__proto__`, `constructor`, `prototype`)
 * are refused, so no later reader can pick up an inherited value.
 */
import { HuddleError } from './errors.js'

export type PlainValue = null | boolean | number | string | readonly PlainValue[] | PlainObject
export type PlainObject = { readonly [key: string]: PlainValue }

/** How deep arrays and objects may nest; huddle's own bodies use three levels. */
export const MAX_PLAIN_DEPTH = 32

/** Keys that name or reach an object's prototype. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype']

/**
 * Copies `value` into plain data, reading own enumerable properties only.
 * Throws `invalid` naming the first prototype key or the depth exceeded;
 * `what` starts the sentence ("The request body").
 */
export function toPlainValue(value: unknown, what: string, maxDepth: number = MAX_PLAIN_DEPTH): PlainValue {
  return copy(value, what, maxDepth, 0, '')
}

/** Whether `value` is a plain object (not null, not a list). */
export function isPlainObject(value: PlainValue | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The own property `key` of `record`, never an inherited one. */
export function ownField(record: PlainObject, key: string): PlainValue | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

function copy(value: unknown, what: string, maxDepth: number, depth: number, path: string): PlainValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value
    throw new HuddleError('invalid', `${what} holds the number \`${String(value)}\`${at(path)}; send finite numbers only.`)
  }
  if (typeof value !== 'object') throw new HuddleError('invalid', `${what} holds a ${typeof value}${at(path)}; send JSON data only.`)
  // Checked before descending, so a body nested 20,000 deep is refused here, never by a stack overflow later.
  if (depth >= maxDepth)
    throw new HuddleError('invalid', `${what} is nested deeper than ${maxDepth} levels${at(path)}; send a flatter JSON object.`)
  if (Array.isArray(value)) return value.map((item, i) => copy(item, what, maxDepth, depth + 1, `${path}[${i}]`))
  const entries: Array<[string, PlainValue]> = []
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_KEYS.includes(key))
      throw new HuddleError('invalid', `${what} holds the key \`${key}\`${at(path)}, which is never accepted as it names an object's prototype; rename or remove it.`)
    entries.push([key, copy((value as Record<string, unknown>)[key], what, maxDepth, depth + 1, path === '' ? key : `${path}.${key}`)])
  }
  return Object.fromEntries(entries)
}

function at(path: string): string {
  return path === '' ? '' : ` at \`${path}\``
}
