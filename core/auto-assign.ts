/**
 * Auto-assignment, the pure part (docs/design.md, "Auto-assignment"): an
 * inbox's setting, which conversations wait and since when, and which waiting
 * conversation goes to whom. The server runs it (server/auto-assign/) on the
 * stored documents and writes the outcome as `auto-assign` events; everything
 * it needs to remember (who was assigned last) is read back from those events.
 */
import { compareEvents, MAX_EVENT_ID, type AssignmentEvent } from './assignment-event.js'
import type { AvailabilityStatus } from './availability.js'
import { foldAssignment, type Placement } from './fold.js'
import { parseHlc } from './hlc.js'
import { isAsleep, wakeTime } from './snooze.js'

export const AUTO_ASSIGN_MODES = ['off', 'round-robin', 'fewest-open'] as const
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number]

export const DEFAULT_CAPACITY = 10
export const MAX_CAPACITY = 10_000

/** An inbox's auto-assignment setting. */
export type AutoAssignSetting = { readonly mode: AutoAssignMode; readonly capacity: number }

export const AUTO_ASSIGN_OFF: AutoAssignSetting = { mode: 'off', capacity: DEFAULT_CAPACITY }

export function isAutoAssignMode(value: unknown): value is AutoAssignMode {
  return typeof value === 'string' && (AUTO_ASSIGN_MODES as readonly string[]).includes(value)
}

export function autoAssignModeProblems(value: unknown): string[] {
  if (isAutoAssignMode(value)) return []
  return [`Auto-assign \`${String(value)}\` is not valid: use one of ${AUTO_ASSIGN_MODES.join(', ')}, e.g. \`--auto-assign round-robin\`.`]
}

export function capacityProblems(value: unknown): string[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CAPACITY) return []
  return [`Capacity \`${String(value)}\` is not valid: give a whole number of open conversations from 1 to ${MAX_CAPACITY}, e.g. \`--capacity 10\`.`]
}

/** A conversation of the inbox as stored: its id, when it was created, when the customer last wrote, its events. */
export type StoredConversation = {
  readonly id: string
  readonly createdAt: number
  readonly lastInboundAt: number | null
  readonly events: readonly AssignmentEvent[]
}

/** Whether a conversation counts toward its assignee's capacity at `now`: open and not asleep (core/snooze.ts). */
export function countsTowardCapacity(state: Placement, now: number, lastInboundAt: number | null): boolean {
  return state.status === 'open' && !isAsleep(state.snooze, now, lastInboundAt)
}

/** A conversation waiting for an assignee: since when, and the arrival (event or conversation id) that made it wait. */
export type Wait = { readonly conversation: string; readonly since: number; readonly arrival: string }

/**
 * The wait of a conversation at `now`, or null when it does not wait
 * (archived, held by a member, or asleep: it waits once it wakes). The arrival is the last event in fold order (the one
 * that left it open and unheld), or the conversation itself when it has none:
 * the same stored state always gives the same arrival.
 */
export function waitOf(conversation: StoredConversation, isMember: (userId: string) => boolean, now: number): Wait | null {
  return waitFrom(conversation, foldAssignment(conversation.events, isMember), now)
}

/** waitOf on a conversation already folded. */
function waitFrom(conversation: StoredConversation, state: Placement, now: number): Wait | null {
  if (state.status !== 'open' || state.assignee !== null || isAsleep(state.snooze, now, conversation.lastInboundAt)) return null
  let last: AssignmentEvent | null = null
  for (const event of conversation.events) if (last === null || compareEvents(event, last) > 0) last = event
  return last === null
    ? { conversation: conversation.id, since: conversation.createdAt, arrival: conversation.id }
    : { conversation: conversation.id, since: parseHlc(last.at).ms, arrival: last.id }
}

/** What an inbox's conversations hold for the assigner at `now`, each folded once: who waits, open counts per assignee, and the soonest wake. */
export type InboxWork = {
  readonly waiting: readonly Wait[]
  /** Open conversations per assignee, counted by countsTowardCapacity. */
  readonly open: ReadonlyMap<string, number>
  /** The soonest time one of them wakes from a snooze by its time (null: none will), when waits and counts change. */
  readonly wake: number | null
}

export function inboxWork(conversations: readonly StoredConversation[], isMember: (userId: string) => boolean, now: number): InboxWork {
  const waiting: Wait[] = []
  const open = new Map<string, number>()
  let wake: number | null = null
  for (const c of conversations) {
    const state = foldAssignment(c.events, isMember)
    const wait = waitFrom(c, state, now)
    if (wait !== null) waiting.push(wait)
    if (state.assignee !== null && countsTowardCapacity(state, now, c.lastInboundAt)) open.set(state.assignee, (open.get(state.assignee) ?? 0) + 1)
    const wakes = wakeTime(state.snooze, now, c.lastInboundAt)
    if (wakes !== null && (wake === null || wakes < wake)) wake = wakes
  }
  return { waiting, open, wake }
}

/**
 * The id of the auto-assignment answering a wait: derived from its arrival
 * only, so deciding again after a crash writes the same event, never a second.
 * An arrival id too long for an event id is hashed to fit.
 */
export function autoAssignEventId(wait: Wait): string {
  const id = `auto-${wait.arrival}`
  return id.length <= MAX_EVENT_ID ? id : `auto-h-${hashHex(wait.arrival)}`
}

/** FNV-1a over the UTF-16 code units, twice with different offsets: 64 bits, as hex. */
function hashHex(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}

/** A member as the decision sees them. */
export type Candidate = AvailabilityStatus & {
  readonly user: string
  /** Open conversations of this inbox assigned to them (see countsTowardCapacity). */
  readonly open: number
}

/** The stamp of each member's latest auto-assignment in the inbox, from the events themselves. */
export function lastAutoAssigned(conversations: readonly StoredConversation[]): Map<string, string> {
  const last = new Map<string, string>()
  for (const c of conversations)
    for (const e of c.events) {
      if (e.kind !== 'auto-assign' || e.to === undefined) continue
      const seen = last.get(e.to)
      if (seen === undefined || e.at > seen) last.set(e.to, e.at)
    }
  return last
}

export type AutoAssignInput = {
  readonly setting: AutoAssignSetting
  readonly waiting: readonly Wait[]
  readonly candidates: readonly Candidate[]
  /** From lastAutoAssigned: who was auto-assigned when (absent: never). */
  readonly lastAssigned: ReadonlyMap<string, string>
}

export type AutoAssignment = { readonly wait: Wait; readonly to: string }

export function isEligible(candidate: Candidate, capacity: number): boolean {
  return candidate.availability === 'available' && candidate.online && candidate.open < capacity
}

/**
 * Which waiting conversation goes to whom, longest-waiting first, until
 * nobody eligible is left. Members queue by their last auto-assignment
 * (never-assigned first, ties by user id), and each one assigned goes to the
 * back: round robin takes the first eligible in the queue; fewest-open the
 * eligible with fewest open, ties by place in the queue (who waited longest).
 */
export function decideAutoAssignments(input: AutoAssignInput): AutoAssignment[] {
  if (input.setting.mode === 'off') return []
  const open = new Map(input.candidates.map((c) => [c.user, c.open]))
  const byUser = new Map(input.candidates.map((c) => [c.user, c]))
  const queue = [...input.candidates]
    .sort((a, b) => compareLast(input.lastAssigned.get(a.user), input.lastAssigned.get(b.user)) || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0))
    .map((c) => c.user)
  const waiting = [...input.waiting].sort((a, b) => a.since - b.since || (a.conversation < b.conversation ? -1 : a.conversation > b.conversation ? 1 : 0))
  const decided: AutoAssignment[] = []
  for (const wait of waiting) {
    const eligible = queue.filter((user) => isEligible({ ...byUser.get(user)!, open: open.get(user)! }, input.setting.capacity))
    if (eligible.length === 0) break
    const to = input.setting.mode === 'round-robin' ? eligible[0]! : fewestOpen(eligible, open)
    decided.push({ wait, to })
    open.set(to, open.get(to)! + 1)
    queue.splice(queue.indexOf(to), 1)
    queue.push(to)
  }
  return decided
}

/** Never-assigned (undefined) first, then the oldest stamp. */
function compareLast(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  return a < b ? -1 : 1
}

/** The first in queue order among those with the fewest open. */
function fewestOpen(eligible: readonly string[], open: ReadonlyMap<string, number>): string {
  let best = eligible[0]!
  for (const user of eligible) if (open.get(user)! < open.get(best)!) best = user
  return best
}
