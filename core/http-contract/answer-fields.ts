/**
 * Reading the server's answers field by field, for the CLI: a missing or
 * mistyped field means the server speaks another version of the API, and
 * says so (`unsupported-version`).
 */
import { HuddleError } from '../errors.js'
import { HUDDLE_VERSION } from '../wire.js'

export type AnswerFields = Readonly<Record<string, unknown>>

/** The refusal for an answer this version does not understand; `what` names the answer. */
export function misunderstood(what: string, detail: string): HuddleError {
  return new HuddleError(
    'unsupported-version',
    `The server's answer (${what}) is not one huddle ${HUDDLE_VERSION} understands: ${detail}. Check that the server runs the same huddle version.`,
  )
}

export function answerFields(value: unknown, what: string): AnswerFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw misunderstood(what, 'not an object')
  // Own properties only, so nothing inherited can stand in for a missing field.
  return Object.fromEntries(Object.entries(value))
}

export function answerList(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw misunderstood(what, 'not a list')
  return value
}

export function answerText(record: AnswerFields, key: string, what: string): string {
  const value = own(record, key)
  if (typeof value !== 'string') throw misunderstood(what, `\`${key}\` is missing`)
  return value
}

export function optionalAnswerText(record: AnswerFields, key: string, what: string): string | undefined {
  const value = own(record, key)
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw misunderstood(what, `\`${key}\` is not text`)
  return value
}

export function nullableAnswerText(record: AnswerFields, key: string, what: string): string | null {
  return optionalAnswerText(record, key, what) ?? null
}

/** A list of text; member lists may hold users rather than ids, read as their ids. */
export function answerTexts(record: AnswerFields, key: string, what: string): string[] {
  return answerList(own(record, key) ?? [], `${what} ${key}`).map((v) => {
    if (typeof v === 'object' && v !== null && typeof (v as AnswerFields).id === 'string') return (v as AnswerFields).id as string
    if (typeof v !== 'string') throw misunderstood(what, `\`${key}\` holds something that is not text`)
    return v
  })
}

export function answerNumber(record: AnswerFields, key: string, what: string): number {
  const value = own(record, key)
  if (typeof value !== 'number') throw misunderstood(what, `\`${key}\` is missing`)
  return value
}

/** The id of `{removed: id}`, the answer to every removal. */
export function readRemoved(value: unknown): string {
  return answerText(answerFields(value, 'removal'), 'removed', 'removal')
}

function own(record: AnswerFields, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}
