/** Internal notes: never sent to the customer; `@user` mentions notify that user. */
import { ownFields } from './plain-value.js'

export type Note = {
  readonly id: string
  readonly author: string
  readonly body: string
  readonly at: number
  readonly mentions: readonly string[]
}

export const MAX_NOTE = 4096

const MENTION = /(^|[^\w@])@([a-z][a-z0-9-]{0,31})\b/g

/** The user ids mentioned in a body, among those that exist, each once. */
export function parseMentions(body: string, isUser: (id: string) => boolean): string[] {
  const found = new Set<string>()
  for (const match of body.matchAll(MENTION)) if (isUser(match[2]!)) found.add(match[2]!)
  return [...found]
}

export function noteProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a note must be an object']
  const n = ownFields(value)
  const problems: string[] = []
  if (typeof n.id !== 'string' || n.id.length === 0 || n.id.length > 64) problems.push(`note id \`${String(n.id)}\` is not valid`)
  if (typeof n.author !== 'string' || n.author.length === 0) problems.push('note author is missing')
  if (typeof n.body !== 'string' || n.body.length === 0 || n.body.length > MAX_NOTE) problems.push(`note body must be 1–${MAX_NOTE} characters`)
  if (typeof n.at !== 'number' || !Number.isFinite(n.at)) problems.push('note time is missing')
  if (!Array.isArray(n.mentions) || !n.mentions.every((m) => typeof m === 'string')) problems.push('note mentions must be a list of user ids')
  const allowed = new Set(['id', 'author', 'body', 'at', 'mentions'])
  for (const key of Object.keys(n)) if (!allowed.has(key)) problems.push(`note has an unknown field \`${key}\``)
  return problems
}
