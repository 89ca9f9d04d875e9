/**
 * Presence from one connection: it may set only the awareness states of the
 * client ids it owns (the first it announces, unless another connection holds
 * them), and every state it sets is stamped with the authenticated user, so
 * nobody can appear as someone else. A state larger than the presence cap
 * refuses the whole update: nothing of it is applied, relayed or kept.
 *
 * Awareness update: varUint count, then per entry varUint clientID,
 * varUint clock, varString JSON state (null removes the state).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { presenceRefusal, type SyncLimits } from '../../core/sync-limits.js'
import type { User } from '../../core/users.js'

export type AwarenessEntry = { readonly clientId: number; readonly clock: number; readonly state: unknown }

const utf8 = new TextDecoder()

/** Decodes an update; throws a `limit` refusal for a state of more than `maxPresenceBytes`, before parsing it. */
export function decodeAwarenessUpdate(update: Uint8Array, limits: Pick<SyncLimits, 'maxPresenceBytes'>): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    // A varString is a varUint8Array of UTF-8: read as bytes, it is measured before it is decoded.
    const json = decoding.readVarUint8Array(decoder)
    const refusal = presenceRefusal(json.byteLength, limits)
    if (refusal) throw refusal
    entries.push({ clientId, clock, state: JSON.parse(utf8.decode(json)) as unknown })
  }
  return entries
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

/** Sets `user` to the authenticated user's id and name, whatever the client claimed. */
export function stampUser(state: unknown, user: User): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state
  const claimed = (state as { user?: unknown }).user
  const extra = claimed !== null && typeof claimed === 'object' && !Array.isArray(claimed) ? claimed : {}
  return { ...state, user: { ...extra, id: user.id, name: user.name } }
}

/**
 * Filters and stamps an awareness update from a connection. Returns the update
 * to apply (null when nothing is left) and the client ids it now owns.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  user: User,
  owned: ReadonlySet<number>,
  isOwnedElsewhere: (clientId: number) => boolean,
  limits: Pick<SyncLimits, 'maxPresenceBytes'>,
): { update: Uint8Array | null; owned: Set<number> } {
  const nextOwned = new Set(owned)
  const kept: AwarenessEntry[] = []
  for (const entry of decodeAwarenessUpdate(update, limits)) {
    if (!nextOwned.has(entry.clientId)) {
      if (nextOwned.size > 0 || isOwnedElsewhere(entry.clientId)) continue
      nextOwned.add(entry.clientId)
    }
    kept.push({ ...entry, state: stampUser(entry.state, user) })
  }
  return { update: kept.length > 0 ? encodeAwarenessUpdate(kept) : null, owned: nextOwned }
}
