/**
 * What a client may change in each kind of document, checked on the list of
 * changes a client's update makes (update-preview.ts). Anything not
 * explicitly allowed is refused: clients append events, replies and notes as
 * themselves and update conversation summaries; structure, meta data, delivery
 * status and the organisation directory are the server's.
 */
import { assignmentEventProblems, type AssignmentEvent } from './assignment-event.js'
import { CONVERSATION_ROOTS } from './conversation-doc.js'
import { heldDecisionProblems, type HeldDecision } from './held-decision.js'
import { INBOX_ROOT, summaryFieldProblems } from './inbox-doc.js'
import { decodeEvent, isEventsKey, mutableFieldOf, storedEventFormProblems } from './inbox-layout.js'
import { messageProblems, type Message } from './message.js'
import { noteProblems, type Note } from './note.js'
import { decide, isInboxMember, type InboxAccess } from './permissions.js'
import { parseHlc } from './hlc.js'
import type { PlainValue } from './plain-value.js'
import { forbidden, invalid, problemOf, type UpdateProblem } from './update-problem.js'
import { replyRefusal, type ReplyConditions } from './reply-rules.js'
import { foldSavedViews, SAVED_VIEWS_ROOT, savedViewEntryProblems, type SavedViewEntry } from './saved-views-doc.js'
import { savedViewsRefusal } from './sync-limits.js'
import { isDocId } from './doc-names.js'
import type { Change, ChangeLocation, LocatedChange } from './yjs-internals/update-change.js'
import type { Channel, User } from './users.js'

/** Who is writing, where, and the server's time. */
export type UpdateContext =
  | { readonly doc: 'org'; readonly user: User; readonly now: number }
  | { readonly doc: 'inbox'; readonly user: User; readonly inbox: InboxAccess; readonly now: number }
  /** A user's settings document: its owner, and the saved views' entries it holds now (for the count limits). */
  | { readonly doc: 'prefs'; readonly user: User; readonly owner: string; readonly entries: ReadonlyMap<string, SavedViewEntry>; readonly now: number }
  | {
      readonly doc: 'conversation'
      readonly user: User
      readonly inbox: InboxAccess
      readonly channel: Channel | null
      readonly now: number
      /** The channel's rules for replies (consent, WhatsApp window, templates), from the server's copy of the conversation. */
      readonly replies?: ReplyConditions & { readonly conversation: string }
    }

/** Stamps further ahead of the server's clock than this are refused. */
export const MAX_FUTURE_STAMP_MS = 24 * 60 * 60_000
/**
 * Stamps before 2020-01-01 UTC are refused: no huddle data is older, and such
 * a stamp comes from a clock that was reset (1970, 1971), not from a real time.
 */
export const MIN_STAMP_MS = Date.UTC(2020, 0, 1)

/** A change the rules judge: its value, if any, is plain data. */
type ReadableChange = Exclude<LocatedChange, { readonly kind: 'insert-unreadable' }>

function where(location: ChangeLocation): string {
  return [location.root, ...location.path, ...(location.key === null ? [] : [location.key])].join('/')
}

/** Why a client's stamp (milliseconds) is not believable against the server's clock, or null; `what` names the stamped thing. */
function stampProblems(what: string, ms: number, now: number): UpdateProblem[] {
  if (ms > now + MAX_FUTURE_STAMP_MS) return [invalid(`${what} is stamped more than a day in the future; check this machine's clock`)]
  if (ms < MIN_STAMP_MS) return [invalid(`${what} is stamped before 2020; check this machine's clock`)]
  return []
}

/** Problems of a value's shape (from the schema modules, as sentences): the update is malformed. */
function shapeProblems(sentences: readonly string[]): UpdateProblem[] {
  return sentences.map(invalid)
}

const APPEND_ONLY_EVENTS = forbidden('assignment history is append-only: events cannot be deleted')
const EVENT_NOT_PLAIN = invalid('an assignment event must be a plain object')

/** An event appended in either stored form (inbox-layout.ts) meets the same checks. */
function eventProblems(value: PlainValue, ctx: Extract<UpdateContext, { doc: 'inbox' | 'conversation' }>): UpdateProblem[] {
  const decoded = decodeEvent(value)
  const problems = [...storedEventFormProblems(value), ...assignmentEventProblems(decoded)]
  if (problems.length > 0) return shapeProblems(problems)
  const event = decoded as AssignmentEvent
  if (event.kind === 'auto-assign') return [forbidden(`event \`${event.id}\` is an automatic assignment, which only the server makes`)]
  if (event.actor !== ctx.user.id) return [forbidden(`event \`${event.id}\` claims actor \`${event.actor}\` but you are \`${ctx.user.id}\``)]
  // Invalid, as the same assignment is refused when built (core/actions.ts): the target is wrong, not the writer.
  if (event.kind === 'assign' && !isInboxMember(ctx.inbox, event.to!)) return [invalid(`\`${event.to}\` is not a member of this inbox and cannot be assigned`)]
  return stampProblems(`event \`${event.id}\``, parseHlc(event.at).ms, ctx.now)
}

function inboxChangeProblems(change: ReadableChange, ctx: Extract<UpdateContext, { doc: 'inbox' }>): UpdateProblem[] {
  const { location } = change
  if (location.root !== INBOX_ROOT) return [invalid(`\`${where(location)}\` is not part of an inbox document`)]
  const [conversation, inner, ...rest] = location.path
  if (conversation === undefined) return [forbidden('only the server creates or removes conversations')]
  const field = inner === undefined && location.key !== null ? mutableFieldOf(location.key) : undefined
  if (field !== undefined) {
    if (change.kind === 'insert-structure') return [invalid(`\`${where(location)}\` must be a plain value`)]
    return change.kind === 'insert' ? shapeProblems(summaryFieldProblems(field, change.value)) : []
  }
  if (inner !== undefined && isEventsKey(inner) && rest.length === 0 && location.key === null) {
    if (change.kind === 'delete') return [APPEND_ONLY_EVENTS]
    if (change.kind === 'insert-structure') return [EVENT_NOT_PLAIN]
    return eventProblems(change.value, ctx)
  }
  return [forbidden(`\`${where(location)}\` is written by the server only`)]
}

function replyProblems(message: Message, ctx: Extract<UpdateContext, { doc: 'conversation' }>): UpdateProblem[] {
  if (message.direction !== 'out') return [forbidden('only the server records customer messages')]
  if (message.author !== ctx.user.id) return [forbidden(`reply \`${message.id}\` claims author \`${message.author}\` but you are \`${ctx.user.id}\``)]
  const stamp = stampProblems(`reply \`${message.id}\``, message.at, ctx.now)
  if (stamp.length > 0) return stamp
  if (ctx.channel !== null) {
    const decision = decide(ctx.user, { kind: 'reply', inbox: ctx.inbox, channel: ctx.channel })
    if (!decision.allowed) return [problemOf(decision.error)]
    if (ctx.replies) {
      // Judged at the reply's own time: one written offline while the window was open is
      // accepted here, and the dispatcher fails it if the window closed before it could be sent.
      const draft = { conversation: ctx.replies.conversation, channel: ctx.channel, body: message.body, template: message.template ?? null, at: message.at }
      const refusal = replyRefusal(draft, ctx.replies)
      if (refusal) return [problemOf(refusal)]
    }
  }
  return []
}

function conversationChangeProblems(change: ReadableChange, ctx: Extract<UpdateContext, { doc: 'conversation' }>): UpdateProblem[] {
  const { location } = change
  const isElement = location.path.length === 0 && location.key === null
  if ((location.root === CONVERSATION_ROOTS.messages || location.root === CONVERSATION_ROOTS.notes) && isElement) {
    const what = location.root === CONVERSATION_ROOTS.messages ? 'messages' : 'notes'
    if (change.kind === 'delete') return [forbidden(`${what} are append-only: they cannot be deleted`)]
    if (change.kind === 'insert-structure') return [invalid(`${what} must be plain objects`)]
    if (location.root === CONVERSATION_ROOTS.messages) {
      const problems = messageProblems(change.value)
      return problems.length > 0 ? shapeProblems(problems) : replyProblems(change.value as Message, ctx)
    }
    const problems = noteProblems(change.value)
    if (problems.length > 0) return shapeProblems(problems)
    const note = change.value as Note
    if (note.author !== ctx.user.id) return [forbidden(`note \`${note.id}\` claims author \`${note.author}\` but you are \`${ctx.user.id}\``)]
    return stampProblems(`note \`${note.id}\``, note.at, ctx.now)
  }
  if (location.root === CONVERSATION_ROOTS.events && isElement) {
    // Actions on a conversation in history land here, under the same rules as in an inbox document.
    if (change.kind === 'delete') return [APPEND_ONLY_EVENTS]
    if (change.kind === 'insert-structure') return [EVENT_NOT_PLAIN]
    return eventProblems(change.value, ctx)
  }
  if (location.root === CONVERSATION_ROOTS.decisions && isElement) {
    if (change.kind === 'delete') return [forbidden('decisions on held replies are append-only')]
    if (change.kind === 'insert-structure') return [invalid('decisions must be plain objects')]
    const problems = heldDecisionProblems(change.value)
    if (problems.length > 0) return shapeProblems(problems)
    const decision = change.value as HeldDecision
    return decision.actor === ctx.user.id ? [] : [forbidden(`decision \`${decision.id}\` claims actor \`${decision.actor}\` but you are \`${ctx.user.id}\``)]
  }
  return [forbidden(`\`${where(location)}\` is written by the server only`)]
}

/** A change to the owner's saved views: an entry written under its id (saved-views-doc.ts), or one deleted. */
function prefsChangeProblems(change: ReadableChange, ctx: Extract<UpdateContext, { doc: 'prefs' }>): UpdateProblem[] {
  const { location } = change
  if (ctx.owner !== ctx.user.id) return [forbidden(`only \`${ctx.owner}\` writes their saved views`)]
  if (location.root !== SAVED_VIEWS_ROOT || location.path.length > 0 || location.key === null || !isDocId(location.key))
    return [invalid(`\`${where(location)}\` is not part of a settings document: saved views are entries of \`${SAVED_VIEWS_ROOT}\` under ids`)]
  if (change.kind === 'delete') return []
  if (change.kind === 'insert-structure') return [invalid('a saved view must be a plain object')]
  const problems = savedViewEntryProblems(change.value)
  if (problems.length > 0) return shapeProblems(problems)
  return stampProblems(`saved view \`${(change.value as SavedViewEntry).name}\``, parseHlc((change.value as SavedViewEntry).at).ms, ctx.now)
}

/** The limits on how many views and entries the document would hold once the changes are in (core/sync-limits.ts). */
function prefsCountProblems(changes: readonly Change[], ctx: Extract<UpdateContext, { doc: 'prefs' }>): UpdateProblem[] {
  const after = new Map(ctx.entries)
  for (const change of changes) {
    if (change.kind === 'pending' || change.location.key === null) continue
    if (change.kind === 'delete') after.delete(change.location.key)
    else if (change.kind === 'insert' && savedViewEntryProblems(change.value).length === 0) after.set(change.location.key, change.value as SavedViewEntry)
  }
  const refusal = savedViewsRefusal(foldSavedViews(after).length, after.size)
  return refusal === null ? [] : [invalid(refusal.message)]
}

/** Every problem with a client's changes, each with its code (empty: accept the update). */
export function updateProblems(changes: readonly Change[], ctx: UpdateContext): UpdateProblem[] {
  const problems: UpdateProblem[] = []
  for (const change of changes) {
    if (change.kind === 'pending') {
      problems.push(invalid('it builds on changes the server does not have; reconnect so the client syncs from the start'))
      continue
    }
    if (change.kind === 'insert-unreadable') {
      problems.push(invalid(`the value written at \`${where(change.location)}\` ${change.problem}`))
      continue
    }
    switch (ctx.doc) {
      case 'org':
        problems.push(forbidden('the organisation directory is changed by admins through the API, not by sync'))
        break
      case 'inbox':
        problems.push(...inboxChangeProblems(change, ctx))
        break
      case 'conversation':
        problems.push(...conversationChangeProblems(change, ctx))
        break
      case 'prefs':
        problems.push(...prefsChangeProblems(change, ctx))
        break
    }
    if (problems.length >= 10) break
  }
  if (ctx.doc === 'prefs' && problems.length === 0) problems.push(...prefsCountProblems(changes, ctx))
  // A message always comes with the same code, so one per message is enough.
  return [...new Map(problems.map((p) => [p.message, p])).values()]
}
