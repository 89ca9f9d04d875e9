/**
 * Names of the synced documents, and their grammar:
 *
 *   org                       the organisation directory (users, inboxes, members)
 *   inbox/<inboxId>           a shared inbox: conversation index and assignment events
 *   personal/<userId>         a user's personal inbox (same schema as a shared inbox)
 *   conversation/<convId>     one conversation: messages, notes, delivery status
 *
 * Ids are 1–48 lower-case letters, digits and dashes, starting with a letter or
 * digit, so a name can never climb out of its folder or grow without bound.
 */
import { HuddleError } from './errors.js'

export type DocRef =
  | { readonly kind: 'org' }
  | { readonly kind: 'inbox'; readonly id: string }
  | { readonly kind: 'personal'; readonly owner: string }
  | { readonly kind: 'conversation'; readonly id: string }

/** Where conversations live: a shared inbox or someone's personal inbox. */
export type InboxRef = Extract<DocRef, { kind: 'inbox' } | { kind: 'personal' }>

export const MAX_DOC_NAME_LENGTH = 64
const ID = /^[a-z0-9][a-z0-9-]{0,47}$/
const NAME = /^(org|(inbox|personal|conversation)\/([a-z0-9][a-z0-9-]{0,47}))$/

export function isDocId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value)
}

/** Parses a document name, or returns null when it breaks the grammar. */
export function parseDocName(name: string): DocRef | null {
  if (name.length > MAX_DOC_NAME_LENGTH) return null
  const match = NAME.exec(name)
  if (!match) return null
  const [, whole, kind, id] = match
  if (whole === 'org') return { kind: 'org' }
  switch (kind) {
    case 'inbox':
      return { kind: 'inbox', id: id! }
    case 'personal':
      return { kind: 'personal', owner: id! }
    default:
      return { kind: 'conversation', id: id! }
  }
}

/**
 * Why a name as it was sent (never percent-decoded or resolved) is not
 * written the one way a document is named, or null. Such a name could be
 * made to mean another document by whoever resolves it, so it is refused,
 * never normalised.
 */
function nonCanonicalReason(name: string): string | null {
  if (name.includes('%')) return 'it is percent-encoded'
  if (name.includes('\\')) return 'it holds a backslash'
  const segments = name.split('/')
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'it holds a `.` or `..` segment'
  if (segments.length > 1 && segments.some((segment) => segment === '')) return 'it holds an empty segment (`//` or a trailing `/`)'
  return null
}

/** Parses a document name or throws an `invalid` error that quotes it. */
export function requireDocName(name: string): DocRef {
  const ref = parseDocName(name)
  if (ref) return ref
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name
  const reason = nonCanonicalReason(name)
  const use = 'use `org`, `inbox/<id>`, `personal/<userId>` or `conversation/<id>` with ids of lower-case letters, digits and dashes'
  throw new HuddleError(
    'invalid',
    reason === null
      ? `Document name \`${shown}\` is not valid: ${use}.`
      : `Document name \`${shown}\` is not valid: it is not canonical, as ${reason}, and names are never resolved; ${use}, written as is.`,
  )
}

export function formatDocName(ref: DocRef): string {
  switch (ref.kind) {
    case 'org':
      return 'org'
    case 'inbox':
      return `inbox/${ref.id}`
    case 'personal':
      return `personal/${ref.owner}`
    case 'conversation':
      return `conversation/${ref.id}`
  }
}

export function inboxDocName(inboxId: string): string {
  return formatDocName({ kind: 'inbox', id: inboxId })
}

export function personalDocName(owner: string): string {
  return formatDocName({ kind: 'personal', owner })
}

export function conversationDocName(conversationId: string): string {
  return formatDocName({ kind: 'conversation', id: conversationId })
}

/** Parses an inbox reference (`inbox/<id>` or `personal/<userId>`), or null. */
export function parseInboxRef(name: string): InboxRef | null {
  const ref = parseDocName(name)
  return ref && (ref.kind === 'inbox' || ref.kind === 'personal') ? ref : null
}

/** An id derived from a name (`Billing & Refunds` → `billing-refunds`; `fallback` when nothing of it is left), unique among `taken`. */
export function idForName(name: string, fallback: string, taken: (id: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback
  if (!taken(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!taken(candidate)) return candidate
  }
}
