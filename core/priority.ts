/**
 * A conversation's priority: one of four, `normal` unless an event set
 * another (fold.ts: the last `priority` event wins). Shown with a symbol as
 * well as a colour, so it reads without colour too.
 */

/** Most urgent first: the order lists sort and pickers offer them in. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]

export const DEFAULT_PRIORITY: Priority = 'normal'

/** The mark a row shows before the contact: urgent and high stand out, low is marked down, normal shows nothing. */
export const PRIORITY_SYMBOLS: Readonly<Record<Priority, string>> = { urgent: '!!', high: '!', normal: '', low: '↓' }

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value)
}

/** The sentence a bad priority is refused with. */
export function priorityRefusal(value: string): string {
  return `Priority \`${value}\` is not one of ${PRIORITIES.join(', ')}; e.g. \`huddle conversation priority c-1 urgent\`.`
}
