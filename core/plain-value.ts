/**
 * Values from outside (JSON request bodies, values decoded from a client's
 * Yjs update) as plain data: only own properties are read, nesting is
 * bounded, and the keys that reach an object's prototype (`__proto__`,
 * `constructor`, `prototype`) are refused, so no later reader can pick up an
 * inherited value.
 */
import { HuddleError } from './errors.js'

export type PlainValue = null | boolean | number | string | readonly PlainValue[] | PlainObject
export type PlainObject = { readonly [key: string]: PlainValue }

/** How deep arrays and objects may nest; huddle's own bodies use three levels. */
export const MAX_PLAIN_DEPTH = 32

/** Keys that name or reach an object's prototype. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype']

/** Either the plain copy of a value, or what keeps it from being plain data (a phrase without subject: "holds …"). */
export type PlainReading = { readonly ok: true; readonly value: PlainValue } | { readonly ok: false; readonly problem: string }

/** Why a value is not plain data; thrown inside this module only. */
class NotPlain extends Error {}

/**
 * Copies `value` into plain data, reading own enumerable properties only.
 * Throws `invalid` naming the first prototype key or the depth exceeded;
 * `what` starts the sentence ("The request body").
 */
export function toPlainValue(value: unknown, what: string, maxDepth: number = MAX_PLAIN_DEPTH): PlainValue {
  const reading = readPlainValue(value, maxDepth)
  if (!reading.ok) throw new HuddleError('invalid', `${what} ${reading.problem}.`)
  return reading.value
}

/** As `toPlainValue`, but answers the problem rather than throwing it (for rules that collect every problem). */
export function readPlainValue(value: unknown, maxDepth: number = MAX_PLAIN_DEPTH): PlainReading {
  try {
    return { ok: true, value: copy(value, maxDepth, 0, '') }
  } catch (error) {
    if (error instanceof NotPlain) return { ok: false, problem: error.message }
    throw error
  }
}

/** Whether `value` is a plain object (not null, not a list). */
export function isPlainObject(value: PlainValue | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The own property `key` of `record`, never an inherited one. */
export function ownField(record: PlainObject, key: string): PlainValue | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/**
 * The own enumerable properties of an object as a record without a
 * prototype, for shape checks that take `unknown`: whatever they read is
 * then the value's own, never inherited.
 */
export function ownFields(value: object): Readonly<Record<string, unknown>> {
  return Object.assign(Object.create(null) as Record<string, unknown>, value)
}

function copy(value: unknown, maxDepth: number, depth: number, path: string): PlainValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value
    throw new NotPlain(`holds the number \`${String(value)}\`${at(path)}; send finite numbers only`)
  }
  if (typeof value !== 'object') throw new NotPlain(`holds ${value === undefined ? '`undefined`' : `a ${typeof value}`}${at(path)}; send JSON data only`)
  // Checked before descending, so a body nested 20,000 deep is refused here, never by a stack overflow later.
  if (depth >= maxDepth) throw new NotPlain(`is nested deeper than ${maxDepth} levels${at(path)}; send a flatter JSON object`)
  if (Array.isArray(value)) return value.map((item, i) => copy(item, maxDepth, depth + 1, `${path}[${i}]`))
  if (ArrayBuffer.isView(value)) throw new NotPlain(`holds binary data${at(path)}; send JSON data only`)
  // lib0 decodes a `__proto__` key by setting the object's prototype, so the key is
  // no longer an own property: the changed prototype is all that is left of it.
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) throw prototypeKey('__proto__', path)
  const entries: Array<[string, PlainValue]> = []
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_KEYS.includes(key)) throw prototypeKey(key, path)
    const field: unknown = (value as Record<string, unknown>)[key]
    // A field set to `undefined` is absent, as in JSON: Yjs clients encode `{ template: undefined }` as it stands.
    if (field === undefined) continue
    entries.push([key, copy(field, maxDepth, depth + 1, path === '' ? key : `${path}.${key}`)])
  }
  return Object.fromEntries(entries)
}

function prototypeKey(key: string, path: string): NotPlain {
  return new NotPlain(`holds the key \`${key}\`${at(path)}, which is never accepted as it names an object's prototype; rename or remove it`)
}

function at(path: string): string {
  return path === '' ? '' : ` at \`${path}\``
}
