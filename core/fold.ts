/**
 * The fold: every replica sorts a conversation's assignment events in the same
 * total order and applies the merge rules (docs/design.md, "Assignment events
 * and the fold"), so every replica reaches the same state from the same set
 * of events, whatever order they arrived in.
 *
 * - claim: applies only if, at its place, nobody (or the claimer) holds the
 *   conversation; otherwise it is a lost claim naming the holder. First claim wins.
 * - auto-assign (by the server): claim semantics for its `to`, applying only if
 *   nobody holds the conversation at its place; when it does not apply it is
 *   no lost claim (nobody asked for it) and leaves no history entry.
 * - takeover, assign: always apply. Latest wins.
 * - unassign, archive, unarchive: apply in order.
 * - snooze, unsnooze: apply in order on an open conversation; assignment
 *   changes keep a snooze, archive clears it, a snooze of an archived
 *   conversation changes nothing (whether it sleeps now is snooze.ts's).
 * - label, unlabel: per label, the last add or remove wins; priority: the
 *   last event wins (default normal). Both apply open or archived, whoever
 *   holds the conversation, and change nothing else.
 *
 * An assignee who is not (or no longer) a member of the inbox counts as nobody.
 */
import { compareEvents, type AssignmentEvent, type SnoozeUntil } from './assignment-event.js'
import { isHlcString, parseHlc } from './hlc.js'
import { DEFAULT_PRIORITY, type Priority } from './priority.js'

export type ConversationStatus = 'open' | 'archived'

/** The snooze in force: when it wakes, and the physical ms of its stamp (a customer message after it wakes it). */
export type Snooze = { readonly until: SnoozeUntil; readonly at: number }

export type HistoryEntry = {
  readonly event: AssignmentEvent
  /** `lost`: a claim that found the conversation held by `winner`. */
  readonly outcome: 'applied' | 'lost'
  readonly winner?: string
  readonly assignee: string | null
  readonly status: ConversationStatus
  readonly snooze: Snooze | null
}

export type LostClaim = { readonly event: AssignmentEvent; readonly winner: string }

export type ConversationState = {
  readonly status: ConversationStatus
  readonly assignee: string | null
  readonly snooze: Snooze | null
  /** Label ids (the catalogue's, core/label.ts), sorted; a label since removed from the catalogue stays here and is hidden by readers. */
  readonly labels: readonly string[]
  readonly priority: Priority
  readonly history: readonly HistoryEntry[]
  readonly lostClaims: readonly LostClaim[]
}

export type Assignment = Pick<ConversationState, 'status' | 'assignee' | 'snooze' | 'labels' | 'priority'>

/** What decides the view a conversation is in (views.ts) and whether it counts toward capacity: labels and priority do not. */
export type Placement = Pick<Assignment, 'status' | 'assignee' | 'snooze'>

const NO_LABELS: readonly string[] = []

/** Events in fold order; most lists arrive already sorted, so check before sorting. */
function inFoldOrder(events: readonly AssignmentEvent[]): readonly AssignmentEvent[] {
  for (let i = 1; i < events.length; i++) if (compareEvents(events[i - 1]!, events[i]!) > 0) return [...events].sort(compareEvents)
  return events
}

/** What one event did: applied, lost to the holder (a claim), or nothing (an auto-assignment that found it held). */
type StepOutcome = { readonly kind: 'applied' } | { readonly kind: 'lost'; readonly winner: string } | { readonly kind: 'skipped' }

const APPLIED: StepOutcome = { kind: 'applied' }
const SKIPPED: StepOutcome = { kind: 'skipped' }

/**
 * The merge rules, applied to events in fold order. `onStep` sees each event
 * with its outcome and the state after it; the one implementation of the rules.
 */
function applyRules(
  sorted: readonly AssignmentEvent[],
  isMember: (userId: string) => boolean,
  // The state after the step comes as its parts: this runs for every event of every row, and an object per step is garbage at once.
  onStep?: (event: AssignmentEvent, outcome: StepOutcome, status: ConversationStatus, assignee: string | null, snooze: Snooze | null) => void,
): Assignment {
  let status: ConversationStatus = 'open'
  let assignee: string | null = null
  let snooze: Snooze | null = null
  let priority: Priority = DEFAULT_PRIORITY
  // Made only for a conversation that has label events: most have none, and this runs for every row.
  let labels: Set<string> | null = null
  const holder = (): string | null => (assignee !== null && isMember(assignee) ? assignee : null)
  for (const event of sorted) {
    let outcome = APPLIED
    switch (event.kind) {
      case 'claim': {
        const current = holder()
        if (current === null || current === event.actor) assignee = event.actor
        else outcome = { kind: 'lost', winner: current }
        break
      }
      case 'auto-assign':
        if (holder() === null) assignee = event.to ?? null
        else outcome = SKIPPED
        break
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
        snooze = null
        break
      case 'unarchive':
        status = 'open'
        break
      case 'snooze':
        if (status === 'open') snooze = { until: event.until ?? 'reply', at: isHlcString(event.at) ? parseHlc(event.at).ms : 0 }
        break
      case 'unsnooze':
        snooze = null
        break
      case 'label':
        ;(labels ??= new Set()).add(event.label ?? '')
        break
      case 'unlabel':
        labels?.delete(event.label ?? '')
        break
      case 'priority':
        priority = event.priority ?? DEFAULT_PRIORITY
        break
    }
    onStep?.(event, outcome, status, holder(), snooze)
  }
  return { status, assignee: holder(), snooze, labels: labels === null || labels.size === 0 ? NO_LABELS : [...labels].sort(), priority }
}

/** Folds a conversation's events (any order, no duplicates by id) into its state and full history. */
export function foldEvents(events: readonly AssignmentEvent[], isMember: (userId: string) => boolean): ConversationState {
  const history: HistoryEntry[] = []
  const lostClaims: LostClaim[] = []
  const final = applyRules(inFoldOrder(events), isMember, (event, outcome, status, assignee, snooze) => {
    if (outcome.kind === 'applied') history.push({ event, outcome: 'applied', assignee, status, snooze })
    else if (outcome.kind === 'lost') {
      history.push({ event, outcome: 'lost', winner: outcome.winner, assignee, status, snooze })
      lostClaims.push({ event, winner: outcome.winner })
    }
  })
  // Spelled out, not spread: a spread here gives every state its own hidden class, and a
  // client keeps one state per conversation (25,000 maps and descriptor arrays, ~5 MiB).
  return { status: final.status, assignee: final.assignee, snooze: final.snooze, labels: final.labels, priority: final.priority, history, lostClaims }
}

/** Only the resulting status and assignee, for views and counts (same rules, no history kept). */
export function foldAssignment(events: readonly AssignmentEvent[], isMember: (userId: string) => boolean): Assignment {
  return applyRules(inFoldOrder(events), isMember)
}
