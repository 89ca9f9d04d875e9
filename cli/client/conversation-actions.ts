/**
 * The agents' actions on conversations, as the client offers them: each finds
 * its conversation in the user's inboxes, is applied to the replica at once
 * (client-actions.ts) and is tracked until the server's durable
 * acknowledgement, which its receipt awaits. Sent when connected.
 */
import type { AssignmentRequest } from '../../core/actions.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import { HuddleError } from '../../core/errors.js'
import { labelRequests, type LabelChange } from '../../core/labelling.js'
import type { TemplateUse } from '../../core/template.js'
import type { AckTracker, ActionKind, PendingAction } from './ack-tracker.js'
import { applyAssignment, applyHeldDecision, applyNote, applyReply, historyPlace, livePlace, newId, type ActionTarget } from './client-actions.js'
import type { ClientClock } from './client-clock.js'
import type { ActionReceipt, BulkOutcome, HeldReply } from './client-types.js'
import type { ConversationLinks } from './conversation-links.js'
import type { HistoryLocated } from './history-records.js'
import type { InboxMembership } from './inbox-membership.js'
import type { ChangeMark, LocalDoc } from './local-doc.js'
import type { ReplicaDocuments } from './replica-documents.js'

/** What one conversation of an action gets: its events' requests, recorded as one action of `kind`. */
type Plan = { readonly kind: ActionKind; readonly requests: readonly AssignmentRequest[] }

export class ConversationActions {
  constructor(
    private readonly docs: ReplicaDocuments,
    private readonly inboxes: InboxMembership,
    private readonly links: ConversationLinks,
    private readonly clock: ClientClock,
    private readonly tracker: AckTracker,
    /** The user's replies the server held, among the conversations loaded. */
    private readonly heldReplies: () => HeldReply[],
    /** A conversation in none of the live inboxes whose history record the replica keeps, or null. */
    private readonly inHistory: (id: string) => HistoryLocated | null,
  ) {}

  /** Any assignment action. */
  async assignment(id: string, request: AssignmentRequest): Promise<ActionReceipt> {
    return onlyReceipt(await this.assignments([id], () => request))
  }

  /** An assignment action on each of several conversations (one alone is `assignment`); see `each`. */
  assignments(ids: readonly string[], requestOf: (id: string) => AssignmentRequest): Promise<BulkOutcome[]> {
    return this.each(ids, (target) => {
      const request = requestOf(target.id)
      return { kind: request.kind, requests: [request] }
    })
  }

  /** Adds and removes labels by name, one event each, as one action. */
  async label(id: string, change: LabelChange): Promise<ActionReceipt> {
    return onlyReceipt(await this.labels([id], change))
  }

  /** The same labels added and removed on each of several conversations; see `each`. */
  labels(ids: readonly string[], change: LabelChange): Promise<BulkOutcome[]> {
    const catalogue = this.docs.orgDoc.readLabels()
    return this.each(ids, (target) => ({ kind: 'label', requests: labelRequests(target.id, target.entry.state.labels, catalogue, change) }))
  }

  /**
   * An action on each of several conversations: each found, its events
   * built, checked and recorded on its own, so a refusal (an error of core's
   * table) is that conversation's outcome; those in one document are written
   * in one transaction, so one update carries them all to the server and to
   * everyone else.
   */
  private async each(ids: readonly string[], planOf: (target: ActionTarget) => Plan): Promise<BulkOutcome[]> {
    const found: Array<{ readonly id: string; readonly target: ActionTarget } | { readonly id: string; readonly error: HuddleError }> = []
    for (const id of new Set(ids)) {
      try {
        found.push({ id, target: await this.target(id) })
      } catch (error) {
        found.push(refusal(id, error))
      }
    }
    const outcomes = new Map<string, BulkOutcome>()
    const byDoc = new Map<LocalDoc, ActionTarget[]>()
    for (const f of found) if ('target' in f) byDoc.set(f.target.place.local, [...(byDoc.get(f.target.place.local) ?? []), f.target])
    for (const [local, targets] of byDoc)
      local.batch(() => {
        for (const target of targets) {
          try {
            outcomes.set(target.id, this.applyOne(target, planOf(target)))
          } catch (error) {
            outcomes.set(target.id, refusal(target.id, error))
          }
        }
      })
    return found.map((f) => ('error' in f ? f : outcomes.get(f.id)!))
  }

  private applyOne(target: ActionTarget, plan: Plan): BulkOutcome {
    const applied = plan.requests.map((request) => applyAssignment(target, request, this.clock))
    const receipt = this.record(plan.kind, target.id, applied.map((a) => a.mark))
    return { id: target.id, receipt: applied[0] ? { ...receipt, event: applied[0].event } : receipt }
  }

  /** A free reply, or one from a template: its rendered (or, if flexible, edited) text and its use. */
  async reply(id: string, body: string, template?: TemplateUse): Promise<ActionReceipt> {
    const target = await this.target(id)
    const text = template ? { body, template } : { body }
    return this.record('reply', id, [applyReply(target, await this.links.doc(id), text, this.docs.orgDoc.readTemplates(), this.clock)])
  }

  async note(id: string, body: string): Promise<ActionReceipt> {
    const target = await this.target(id)
    return this.record('note', id, [applyNote(target, await this.links.doc(id), body, this.clock)])
  }

  /** Sends a held reply of the user after all, or discards it. */
  async decideHeld(messageId: string, decision: 'send' | 'discard'): Promise<ActionReceipt> {
    await this.docs.ready()
    await this.docs.loadAllConversations()
    const held = this.heldReplies().find((h) => h.message === messageId)
    if (!held) {
      const isKnown = [...this.docs.conversations.values()].some((l) => new ConversationDoc(l.doc).hasMessage(messageId))
      throw new HuddleError(
        isKnown ? 'conflict' : 'not-found',
        isKnown
          ? `Reply \`${messageId}\` is not one of your held replies. See them with \`huddle held list\`.`
          : `There is no reply \`${messageId}\` on this computer. See your held replies with \`huddle held list\` (run \`huddle sync\` first).`,
      )
    }
    if (held.decision !== null)
      throw new HuddleError('conflict', `You already chose to ${held.decision} reply \`${messageId}\`; the server will act on it when it receives it.`)
    const target = await this.target(held.conversation)
    const mark = applyHeldDecision(target, await this.links.doc(held.conversation), messageId, decision, this.clock)
    return this.record(decision === 'send' ? 'send-held' : 'discard-held', held.conversation, [mark])
  }

  private async target(id: string): Promise<ActionTarget> {
    await this.docs.ready()
    const user = this.docs.me()
    if (!user) throw new HuddleError('unavailable', 'This computer has not yet learnt who you are from the server; connect once (`huddle sync`) and try again.')
    if (this.inboxes.locate(id) === null && this.inHistory(id) !== null) {
      // In history, its actions go to its own document, whose events the fold needs loaded first.
      const conversation = await this.links.doc(id)
      const kept = this.inHistory(id)
      if (kept) return { id, place: historyPlace(conversation), entry: kept.entry, access: kept.access, user }
    }
    const { slot, entry, access } = this.inboxes.locateOrThrow(id)
    return { id, place: livePlace(slot, id), entry, access, user }
  }

  private record(kind: ActionKind, conversation: string, marks: readonly ChangeMark[]): ActionReceipt {
    const action: PendingAction = { id: newId('a-'), kind, conversation, at: this.clock.now(), marks }
    this.tracker.record(action)
    return { id: action.id, kind, conversation, acknowledged: this.tracker.whenAcked(action.id) }
  }
}

/** The receipt of an action on one conversation, or its refusal thrown. */
export function onlyReceipt(outcomes: readonly BulkOutcome[]): ActionReceipt {
  const outcome = outcomes[0]!
  if ('error' in outcome) throw outcome.error
  return outcome.receipt
}

/** A refusal (an error of core's table) as the conversation's outcome; anything else is no refusal and goes on up. */
function refusal(id: string, error: unknown): { readonly id: string; readonly error: HuddleError } {
  if (!(error instanceof HuddleError)) throw error
  return { id, error }
}
