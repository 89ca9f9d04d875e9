/**
 * The HTTP contract of `/api/v1/availability…`: the body of setting one's
 * availability, and the entries the server answers, read back by the CLI.
 */
import { availabilityProblems, isAvailability, type Availability, type AvailabilityEntry } from '../availability.js'
import { assertNoProblems } from '../errors.js'
import type { PlainValue } from '../plain-value.js'
import { answerFields, answerList, answerText, misunderstood } from './answer-fields.js'
import { field, fieldsOf } from './request-fields.js'

/** The body of `PUT /api/v1/availability/:user`: `{availability}`. */
export function parseAvailabilityChange(body: PlainValue): Availability {
  const value = field(fieldsOf(body, ['availability']), 'availability')
  assertNoProblems(availabilityProblems(value), 'The availability is not valid:')
  return value as Availability
}

/** One user's entry as the server answers it. */
export function readAvailabilityEntry(value: unknown): AvailabilityEntry {
  const r = answerFields(value, 'availability')
  const availability = answerText(r, 'availability', 'availability')
  if (!isAvailability(availability)) throw misunderstood('availability', `availability \`${availability}\` is not one it knows`)
  if (typeof r.online !== 'boolean') throw misunderstood('availability', '`online` is missing')
  return { user: answerText(r, 'user', 'availability'), name: answerText(r, 'name', 'availability'), availability, online: r.online }
}

/** The answer of `GET /api/v1/availability`: a list of entries. */
export function readAvailabilityEntries(value: unknown): AvailabilityEntry[] {
  return answerList(value, 'availability').map(readAvailabilityEntry)
}
