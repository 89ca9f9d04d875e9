/**
 * What the author of a held reply decided: send it after all, or discard it.
 * Appended by the author to the conversation's `decisions`; the server acts on it.
 */
import { ownFields } from './plain-value.js'

export const HELD_DECISIONS = ['send', 'discard'] as const
export type HeldDecisionKind = (typeof HELD_DECISIONS)[number]

export type HeldDecision = {
  readonly id: string
  /** The held reply's message id. */
  readonly message: string
  readonly decision: HeldDecisionKind
  readonly actor: string
  readonly at: number
}

export function heldDecisionProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a decision must be an object']
  const d = ownFields(value)
  const problems: string[] = []
  if (typeof d.id !== 'string' || d.id.length === 0 || d.id.length > 64) problems.push(`decision id \`${String(d.id)}\` is not valid`)
  if (typeof d.message !== 'string' || d.message.length === 0) problems.push('decision names no message')
  if (d.decision !== 'send' && d.decision !== 'discard') problems.push(`decision \`${String(d.decision)}\` is not \`send\` or \`discard\``)
  if (typeof d.actor !== 'string' || d.actor.length === 0) problems.push('decision actor is missing')
  if (typeof d.at !== 'number' || !Number.isFinite(d.at)) problems.push('decision time is missing')
  const allowed = new Set(['id', 'message', 'decision', 'actor', 'at'])
  for (const key of Object.keys(d)) if (!allowed.has(key)) problems.push(`decision has an unknown field \`${key}\``)
  return problems
}
