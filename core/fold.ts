/**
 * The fold: every replica sorts a conversation's assignment events in the same
 * total order and applies the merge rules of SPEC §4, so every replica reaches
 * the same state from the same set of events, whatever order they arrived in.
 *
 * - claim: applies only if, at its place, nobody (or the claimer) holds the
 *   conversation; otherwise it is a lost claim naming the holder. First claim wins.
 * - takeover, assign: always apply. Latest wins.
 * - unassign, archive, unarchive: apply in order.
 *
 * An assignee who is not (or no longer) a member of the inbox counts as nobody.
 */
import { compareEvents, type AssignmentEvent } from './assignment-event.js'

export type ConversationStatus = 'open' | 'archived'

export type HistoryEntry = {
  readonly event: AssignmentEvent
  /** `lost`: a claim that found the conversation held by `winner`. */
  readonly outcome: 'applied' | 'lost'
  readonly winner?: string
  readonly assignee: string | null
  readonly status: ConversationStatus
}

export type LostClaim = { readonly event: AssignmentEvent; readonly winner: string }

export type ConversationState = {
  readonly status: ConversationStatus
  readonly assignee: string | null
  readonly history: readonly HistoryEntry[]
  readonly lostClaims: readonly LostClaim[]
}

export const INITIAL_STATE: ConversationState = { status: 'open', assignee: null, history: [], lostClaims: [] }

/** Folds a conversation's events (any order, no duplicates by id) into its state. */
export function foldEvents(events: readonly AssignmentEvent[], isMember: (userId: string) => boolean): ConversationState {
  const sorted = [...events].sort(compareEvents)
  let status: ConversationStatus = 'open'
  let assignee: string | null = null
  const history: HistoryEntry[] = []
  const lostClaims: LostClaim[] = []
  const holder = (): string | null => (assignee !== null && isMember(assignee) ? assignee : null)
  for (const event of sorted) {
    let outcome: HistoryEntry['outcome'] = 'applied'
    let winner: string | undefined
    switch (event.kind) {
      case 'claim': {
        const current = holder()
        if (current === null || current === event.actor) assignee = event.actor
        else {
          outcome = 'lost'
          winner = current
          lostClaims.push({ event, winner })
        }
        break
      }
      case 'takeover':
        assignee = event.actor
        break
      case 'assign':
        assignee = event.to ?? null
        break
      case 'unassign':
        assignee = null
        break
      case 'archive':
        status = 'archived'
        break
      case 'unarchive':
        status = 'open'
        break
    }
    history.push(winner === undefined ? { event, outcome, assignee: holder(), status } : { event, outcome, winner, assignee: holder(), status })
  }
  return { status, assignee: holder(), history, lostClaims }
}
