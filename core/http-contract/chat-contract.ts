/** The HTTP contract of the chat widget's visitor API (`/chat/<key>/api/…`): the bodies a visitor sends, parsed into domain values. */
import { HuddleError } from '../errors.js'
import { refusedCharacterOf } from '../names.js'
import type { PlainValue } from '../plain-value.js'
import { field, fieldsOf } from './request-fields.js'

export const MAX_CHAT_BODY = 2000
export const MAX_VISITOR_NAME = 80
const CLIENT_ID = /^[A-Za-z0-9_-]{1,32}$/

/** A visitor's message: its text, and the widget's own id for it (so a retried post is stored once). */
export type VisitorPost = { readonly body: string; readonly id?: string }

/** The body of `POST /chat/<key>/api/visitors`: `{name?}`; the name trimmed, its spaces collapsed, null when none is given. */
export function parseNewVisitor(body: PlainValue): { readonly name: string | null } {
  const name = field(fieldsOf(body, ['name']), 'name')
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_VISITOR_NAME))
    throw new HuddleError('invalid', `Your name must be text of at most ${MAX_VISITOR_NAME} characters.`)
  const refused = typeof name === 'string' ? refusedCharacterOf(name) : null
  if (refused !== null) throw new HuddleError('invalid', `Your name holds the control character ${refused}; type it again without it.`)
  return { name: typeof name === 'string' && name.trim() !== '' ? name.trim().replace(/\s+/g, ' ') : null }
}

/** The body of `POST /chat/<key>/api/messages`: `{body, id?}`, every problem at once. */
export function parseVisitorPost(body: PlainValue): VisitorPost {
  const fields = fieldsOf(body, ['body', 'id'])
  const text = field(fields, 'body')
  const id = field(fields, 'id')
  const problems: string[] = []
  if (typeof text !== 'string' || text.trim().length === 0 || text.length > MAX_CHAT_BODY)
    problems.push(`A message needs 1–${MAX_CHAT_BODY} characters${typeof text === 'string' ? `; yours has ${text.length}` : ''}.`)
  if (id !== undefined && (typeof id !== 'string' || !CLIENT_ID.test(id))) problems.push('The message id must be 1–32 letters, digits, `_` or `-`.')
  if (problems.length > 0) throw new HuddleError('invalid', problems.join(' '), problems)
  return { body: String(text), ...(typeof id === 'string' ? { id } : {}) }
}
