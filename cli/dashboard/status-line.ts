/**
 * What the status bar says at a given width. The key hints matter most, so
 * the rest gives way first, step by step: the long words of the sync count
 * (the count stays), then the server's host, then the user, then the long
 * words of the connection; only then do hints go, from the last in the key table's order,
 * keeping help, quit and the way back (Esc). How many conversations are
 * marked for a bulk action, when any, always stays.
 * Counts are never cut, nor a hint mid-word: a part is shown whole or not at all.
 */
import type { ClientStatus } from '../client/huddle-client.js'
import { plural } from './format.js'
import type { Action } from './key-table.js'
import { textWidth } from './text-width.js'

export type Hint = { readonly label: string; readonly hint: string; readonly action: Action }

export type Tone = 'ok' | 'busy' | 'bad'

export type StatusLine = {
  /** `alice@127.0.0.1:8787`, `alice`, or '' when there is no room. */
  readonly who: string
  readonly connection: string
  readonly tone: Tone
  readonly pending: string
  /** `3 marked`, or '' when none is. */
  readonly marked: string
  readonly hints: string
}

/** A connection state in words, the long form and the short. */
export function connectionWords(status: ClientStatus): { readonly long: string; readonly short: string; readonly tone: Tone } {
  const state = status.connection
  switch (state.kind) {
    case 'online':
      return { long: '● online', short: '● online', tone: 'ok' }
    case 'syncing':
      return { long: '◐ syncing', short: '◐ syncing', tone: 'busy' }
    case 'connecting':
      return { long: '◌ connecting', short: '◌ connecting', tone: 'busy' }
    case 'offline':
      return { long: '○ offline, retrying', short: '○ offline', tone: 'bad' }
    case 'denied':
      return { long: `✗ refused: ${state.reason}`, short: '✗ refused', tone: 'bad' }
  }
}

/** Changes waiting to sync, the long form and the short. */
export function pendingWords(pending: number): { readonly long: string; readonly short: string } {
  return pending === 0 ? { long: 'all changes synced', short: 'synced' } : { long: `${plural(pending, 'change')} waiting to sync`, short: `${pending} to sync` }
}

/** `alice@127.0.0.1:8787` from a user and a server URL. */
export function whereLabel(user: string, server: string): string {
  let host = server
  try {
    host = new URL(server).host
  } catch {
    // Shown as given.
  }
  return `${user}@${host}`
}

/** Help, quit and the way back (out of writing, or the conversation) stay whatever else must go. */
const KEPT: ReadonlySet<Action> = new Set(['help', 'quit', 'cancel', 'back'])
const isKept = (h: Hint): boolean => KEPT.has(h.action)

/** The hints with only the first `count` of those that may go, in table order. */
function someHints(hints: readonly Hint[], count: number): string {
  let left = count
  return hints
    .filter((h) => isKept(h) || left-- > 0)
    .map((h) => `${h.label} ${h.hint}`)
    .join('  ')
}

/** Cells the bar takes: each part padded by a space either side, the connection, the sync count and the marks (when any) each followed by `│`. */
export function statusLineWidth(line: StatusLine): number {
  const padded = (part: string): number => (part === '' ? 0 : textWidth(part) + 2)
  return padded(line.who) + padded(line.connection) + 1 + padded(line.pending) + 1 + (line.marked === '' ? 0 : padded(line.marked) + 1) + padded(line.hints)
}

/** The user's label followed by their availability in words (never colour alone), which stays after the user has gone. */
function withAvailability(who: string, status: ClientStatus): string {
  if (status.availability === null) return who
  return who === '' ? status.availability : `${who} · ${status.availability}`
}

/** The fullest status line that fits in `width`. */
export function statusLineFor(user: string, server: string, status: ClientStatus, hints: readonly Hint[], width: number, marked = 0): StatusLine {
  const connection = connectionWords(status)
  const pending = pendingWords(status.pending)
  const optional = hints.filter((h) => !isKept(h)).length
  const all = someHints(hints, optional)
  const base = { tone: connection.tone, connection: connection.long, pending: pending.long, marked: marked === 0 ? '' : `${marked} marked`, hints: all }
  const who = (label: string): string => withAvailability(label, status)
  const steps: StatusLine[] = [
    { ...base, who: who(whereLabel(user, server)) },
    { ...base, who: who(whereLabel(user, server)), pending: pending.short },
    { ...base, who: who(user), pending: pending.short },
    { ...base, who: who(''), pending: pending.short },
    { ...base, who: who(''), pending: pending.short, connection: connection.short },
  ]
  const last = steps.at(-1)!
  for (let count = optional - 1; count >= 0; count--) steps.push({ ...last, hints: someHints(hints, count) })
  return steps.find((line) => statusLineWidth(line) <= width) ?? steps.at(-1)!
}
