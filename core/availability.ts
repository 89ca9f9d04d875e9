/**
 * Availability: whether an agent takes work (`available`), does not
 * (`busy`, `away`), and whether they are connected at all. The server keeps
 * the choice and derives `online`; colleagues are shown one word for both.
 */
import { HuddleError } from './errors.js'

export const AVAILABILITIES = ['available', 'busy', 'away'] as const
export type Availability = (typeof AVAILABILITIES)[number]

/** What a user without a stored choice is. */
export const DEFAULT_AVAILABILITY: Availability = 'available'

/** How long after their last client disconnects a user still counts as online: a reconnect within it changes nothing. */
export const ONLINE_GRACE_MS = 2 * 60_000

/** A user's availability as colleagues and the server's assigner see it. */
export type AvailabilityStatus = { readonly availability: Availability; readonly online: boolean }

/** One row of `huddle availability list`. */
export type AvailabilityEntry = AvailabilityStatus & { readonly user: string; readonly name: string }

/** What the server knows of a user's sockets: whether one is open, and when the last one closed (null: not since start). */
export type SocketPresence = { readonly connected: boolean; readonly lastSeenMs: number | null }

export function isAvailability(value: unknown): value is Availability {
  return typeof value === 'string' && (AVAILABILITIES as readonly string[]).includes(value)
}

/** Problems with a value meant as an availability, as sentences (empty when fine). */
export function availabilityProblems(value: unknown): string[] {
  return isAvailability(value) ? [] : [`Availability \`${String(value)}\` is not one of ${AVAILABILITIES.join(', ')}.`]
}

/** Parses an availability, throwing `invalid` with the choices. */
export function parseAvailability(value: unknown): Availability {
  const problems = availabilityProblems(value)
  if (problems.length > 0) throw new HuddleError('invalid', problems[0]!)
  return value as Availability
}

/** Online while a client is connected, and for the grace after the last one left. */
export function isOnline(presence: SocketPresence, nowMs: number): boolean {
  if (presence.connected) return true
  return presence.lastSeenMs !== null && nowMs - presence.lastSeenMs < ONLINE_GRACE_MS
}

/** The word shown beside a colleague's name: `offline` wins, since nobody is there to be available. */
export function availabilityWord(status: AvailabilityStatus): Availability | 'offline' {
  return status.online ? status.availability : 'offline'
}

/** The next availability in the dashboard's cycle: available → busy → away → available. */
export function nextAvailability(current: Availability): Availability {
  return AVAILABILITIES[(AVAILABILITIES.indexOf(current) + 1) % AVAILABILITIES.length]!
}

/** Minutes without a key press after which the dashboard sets `away`, unless told otherwise; 0 turns it off. */
export const DEFAULT_IDLE_AWAY_MINUTES = 10

/** The most `--idle-away` takes: a day. */
const MAX_IDLE_AWAY_MINUTES = 24 * 60

/** Parses `--idle-away`: whole minutes from 0 (off) to a day, throwing `invalid` saying what to write. */
export function parseIdleAwayMinutes(text: string): number {
  const minutes = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!Number.isSafeInteger(minutes) || minutes > MAX_IDLE_AWAY_MINUTES)
    throw new HuddleError('invalid', `\`--idle-away ${text}\` is not a number of minutes from 0 (never) to ${MAX_IDLE_AWAY_MINUTES}; e.g. \`--idle-away 15\`.`)
  return minutes
}

/** Whether an idle dashboard sets `away` now: only from `available`, since `busy` is the agent's own word and takes no work either. */
export function goesAwayWhenIdle(current: Availability, idleMs: number, limitMs: number): boolean {
  return limitMs > 0 && current === 'available' && idleMs >= limitMs
}

/** Whether a key press after idling sets `available` again: only while the agent is still the `away` the idling set, so a choice made meanwhile stands. */
export function returnsFromIdle(current: Availability, awaySetByIdle: boolean): boolean {
  return awaySetByIdle && current === 'away'
}
