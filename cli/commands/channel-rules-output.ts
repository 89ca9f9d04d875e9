/**
 * How the conversation commands print what a channel allows right now: the
 * WhatsApp 24-hour window (from the customer's last message and the client's
 * server-corrected clock) and the SMS contact's consent.
 */
import { isOptedOut, type Consent } from '../../core/consent.js'
import { formatWindow, type WindowState } from '../../core/whatsapp-window.js'
import { formatTime } from '../output.js'

export type WindowJson = { kind: 'none' } | { kind: 'open'; closesAt: number } | { kind: 'closed'; closedAt: number | null }

/** The window for `--json`: the moments only, as the time left depends on when it is read. */
export function windowJson(state: WindowState | null): WindowJson | null {
  if (state === null) return null
  switch (state.kind) {
    case 'none':
      return { kind: 'none' }
    case 'open':
      return { kind: 'open', closesAt: state.closesAt }
    case 'closed':
      return { kind: 'closed', closedAt: state.closedAt }
  }
}

/** The list's cell: `23h 05m left`, `window closed`, or empty when no window applies or it is not known. */
export function windowCell(state: WindowState | null): string {
  return state === null ? '' : formatWindow(state)
}

/** The `show` line's value, or null when no window applies. */
export function windowLine(state: WindowState | null): string | null {
  if (state === null || state.kind === 'none') return null
  if (state.kind === 'open') return `${formatWindow(state)} to reply freely (closes ${formatTime(state.closesAt)})`
  const when = state.closedAt === null ? 'closed: the customer has not written yet' : `closed at ${formatTime(state.closedAt)}`
  return `${when}; only a structured template can be sent (\`huddle template list\`)`
}

/** The `show` line's value for the contact's consent, or null when they never texted a keyword. */
export function consentLine(consent: Consent | null | undefined): string | null {
  if (!consent) return null
  if (isOptedOut(consent)) return `opted out — texted ${consent.keyword} at ${formatTime(consent.at)}; replies are refused until they text START`
  return `opted in — texted ${consent.keyword} at ${formatTime(consent.at)}`
}
