/**
 * Messages of a conversation: inbound from the customer, outbound replies from
 * agents. A message is immutable once written; its delivery status lives
 * beside it (see delivery.ts). A reply records what its author saw, so a reply
 * written offline can be held when the conversation moved on meanwhile.
 */
import { isTemplateUse, type TemplateUse } from './template.js'
import { ownFields } from './plain-value.js'

export const DIRECTIONS = ['in', 'out'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** What the author of a reply saw when writing it. */
export type ReplyBasis = {
  readonly assignee: string | null
  /** Id of the newest customer message they had seen (null: none). */
  readonly lastInbound: string | null
}

export type Message = {
  readonly id: string
  readonly direction: Direction
  /** A user id for replies; the contact's address for customer messages. */
  readonly author: string
  readonly body: string
  /** Milliseconds since the epoch (server-corrected clock). */
  readonly at: number
  /** Replies only. */
  readonly basis?: ReplyBasis
  /** The carrier's id of an inbound message (e.g. its MessageSid). */
  readonly externalId?: string
  /** Replies made from a template: which one, with which params. */
  readonly template?: TemplateUse
}

export const MAX_BODY = 4096
export const MAX_MESSAGE_ID = 64

export function messageProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a message must be an object']
  const m = ownFields(value)
  const problems: string[] = []
  if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > MAX_MESSAGE_ID) problems.push(`message id \`${String(m.id)}\` is not valid`)
  if (m.direction !== 'in' && m.direction !== 'out') problems.push(`message direction \`${String(m.direction)}\` is not \`in\` or \`out\``)
  if (typeof m.author !== 'string' || m.author.length === 0) problems.push('message author is missing')
  if (typeof m.body !== 'string' || m.body.length === 0 || m.body.length > MAX_BODY) problems.push(`message body must be 1–${MAX_BODY} characters`)
  if (typeof m.at !== 'number' || !Number.isFinite(m.at)) problems.push('message time is missing')
  if (m.basis !== undefined && !isReplyBasis(m.basis)) problems.push('message basis is malformed')
  if (m.direction === 'out' && m.basis === undefined) problems.push('a reply must record what its author saw (`basis`)')
  if (m.externalId !== undefined && typeof m.externalId !== 'string') problems.push('message external id must be a string')
  if (m.template !== undefined && !isTemplateUse(m.template)) problems.push('message template must be `{name, params}` with text params')
  if (m.template !== undefined && m.direction !== 'out') problems.push('only replies can be made from a template')
  const allowed = new Set(['id', 'direction', 'author', 'body', 'at', 'basis', 'externalId', 'template'])
  for (const key of Object.keys(m)) if (!allowed.has(key)) problems.push(`message has an unknown field \`${key}\``)
  return problems
}

function isReplyBasis(value: unknown): value is ReplyBasis {
  if (typeof value !== 'object' || value === null) return false
  const b = ownFields(value)
  return (b.assignee === null || typeof b.assignee === 'string') && (b.lastInbound === null || typeof b.lastInbound === 'string')
}

/**
 * Why a reply should be held rather than sent, or null to send it: the
 * conversation was taken by someone else, or the customer wrote again, since
 * its author looked.
 */
export function staleReplyReason(reply: Message, now: { assignee: string | null; lastInbound: string | null }): string | null {
  if (!reply.basis) return null
  if (now.assignee !== null && now.assignee !== reply.author && now.assignee !== reply.basis.assignee)
    return `the conversation is now assigned to ${now.assignee}, who took it after this reply was written`
  if (now.lastInbound !== reply.basis.lastInbound) return 'the customer has written again since you wrote this reply'
  return null
}

/** A one-line preview of a body for lists. */
export function previewOf(body: string, max = 80): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
