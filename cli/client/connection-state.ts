/** The client's connection as one state, from the states of its documents' connections. */
import type { LinkStatus } from './doc-link.js'

export type ConnectionState =
  /** Nothing decided yet. */
  | { readonly kind: 'connecting' }
  /** Every connected document is in sync with the server. */
  | { readonly kind: 'online' }
  /** Connected; some documents are still exchanging what the other side lacks. */
  | { readonly kind: 'syncing' }
  /** No connection could be made (or the client was opened without connecting); retrying with backoff. */
  | { readonly kind: 'offline'; readonly since: number }
  /** The server refused this user or this client; nothing is retried. */
  | { readonly kind: 'denied'; readonly code: number; readonly reason: string }

export type ConnectionKind = ConnectionState['kind']

/** The state of the whole client from its documents' links (denied ones aside) and whether some are still being set up. */
export function aggregateState(statuses: readonly LinkStatus[], isSettingUp: boolean, offlineSince: number): ConnectionState {
  const live = statuses.filter((s) => s !== 'denied')
  if (live.some((s) => s === 'connected' || s === 'synced'))
    return !isSettingUp && live.every((s) => s === 'synced') ? { kind: 'online' } : { kind: 'syncing' }
  if (live.some((s) => s === 'offline')) return { kind: 'offline', since: offlineSince }
  return { kind: 'connecting' }
}
