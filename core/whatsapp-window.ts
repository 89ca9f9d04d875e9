/**
 * The WhatsApp customer-service window: a free-text reply may be sent only
 * within 24 hours of the customer's last message; outside it, only an
 * approved structured template. Pure: the caller passes the times.
 */
import type { Channel } from './users.js'

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60_000

export type WindowState =
  /** The conversation is not on WhatsApp: no window applies. */
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly closesAt: number; readonly remainingMs: number }
  /** `closedAt` is null when the customer never wrote. */
  | { readonly kind: 'closed'; readonly closedAt: number | null }

/** The window of a conversation at `now`, given the time of the customer's last message. */
export function whatsappWindow(channel: Channel, lastInboundAt: number | null, now: number): WindowState {
  if (channel !== 'whatsapp') return { kind: 'none' }
  if (lastInboundAt === null) return { kind: 'closed', closedAt: null }
  const closesAt = lastInboundAt + WHATSAPP_WINDOW_MS
  return now < closesAt ? { kind: 'open', closesAt, remainingMs: closesAt - now } : { kind: 'closed', closedAt: closesAt }
}

/** Whether free text may be sent in this window state. */
export function allowsFreeText(state: WindowState): boolean {
  return state.kind !== 'closed'
}

/**
 * The newest of `inboundTimes` at or before `at` (the customer message a
 * reply written at `at` answered), or null.
 */
export function lastInboundBefore(inboundTimes: readonly number[], at: number): number | null {
  let last: number | null = null
  for (const t of inboundTimes) if (t <= at && (last === null || t > last)) last = t
  return last
}

/** Time left as `23h 05m`, `42m`, `<1m`. */
export function formatRemaining(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return '<1m'
  const hours = Math.floor(minutes / 60)
  return hours > 0 ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`
}

/** A short label for lists and the composer: `23h 05m left`, `window closed`, or `` when no window applies. */
export function formatWindow(state: WindowState): string {
  switch (state.kind) {
    case 'none':
      return ''
    case 'open':
      return `${formatRemaining(state.remainingMs)} left`
    case 'closed':
      return 'window closed'
  }
}

/** Whether the window is open but closes within `withinMs` (default 1 hour): worth a warning colour. */
export function isClosingSoon(state: WindowState, withinMs = 60 * 60_000): boolean {
  return state.kind === 'open' && state.remainingMs <= withinMs
}
