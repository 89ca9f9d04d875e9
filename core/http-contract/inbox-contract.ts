/**
 * The HTTP contract of `/api/v1/inboxes…`: the bodies the server takes,
 * parsed into domain values, and the answers it gives, read back by the CLI.
 */
import { AUTO_ASSIGN_MODES, AUTO_ASSIGN_OFF, autoAssignModeProblems, capacityProblems, isAutoAssignMode, type AutoAssignMode, type AutoAssignSetting } from '../auto-assign.js'
import type { InboxPatch, NewInbox } from '../directory.js'
import { assertNoProblems } from '../errors.js'
import { readSlaPolicy } from '../sla-policy.js'
import { DEFAULT_KEEP_ARCHIVED_DAYS, keepArchivedDaysProblems } from '../history.js'
import { inboxDescriptionProblems, inboxNameProblems, type Inbox } from '../inbox.js'
import type { PlainValue } from '../plain-value.js'
import type { User } from '../users.js'
import { answerFields, answerList, answerNumber, answerText, answerTexts, misunderstood, optionalAnswerText } from './answer-fields.js'
import { field, fieldsOf, optionalBoolean, optionalTextList } from './request-fields.js'
import { readUsers } from './user-contract.js'

/** `GET /api/v1/inboxes/:ref`: the inbox and how many conversations it holds. */
export type InboxWithCounts = Inbox & { readonly counts: { readonly open: number; readonly archived: number } }

/** The body of `POST /api/v1/inboxes/:ref/members`: the users to tick and untick, saved as one change. */
export type MembersChangeRequest = { readonly add: readonly string[]; readonly remove: readonly string[] }

/** The answer to a membership change: the members now, and who was added and removed. */
export type MembersChange = { readonly members: readonly User[]; readonly added: readonly string[]; readonly removed: readonly string[] }

/** The body of `POST /api/v1/inboxes`: `{name, description?}`. */
export function parseNewInbox(body: PlainValue): NewInbox {
  const fields = fieldsOf(body, ['name', 'description'])
  const name = field(fields, 'name')
  const description = field(fields, 'description')
  assertNoProblems([...inboxNameProblems(name), ...(description === undefined ? [] : inboxDescriptionProblems(description))], 'The inbox is not valid:')
  return { name: String(name), ...(description === undefined ? {} : { description: String(description) }) }
}

/** The body of `PATCH /api/v1/inboxes/:ref`: `{name?, description?, reopenArchived?, keepArchivedDays?, autoAssign?, capacity?}`. */
export function parseInboxPatch(body: PlainValue): InboxPatch {
  const fields = fieldsOf(body, ['name', 'description', 'reopenArchived', 'keepArchivedDays', 'autoAssign', 'capacity'])
  const name = field(fields, 'name')
  const description = field(fields, 'description')
  const problems = [...(name === undefined ? [] : inboxNameProblems(name)), ...(description === undefined ? [] : inboxDescriptionProblems(description))]
  const reopenArchived = optionalBoolean(fields, 'reopenArchived', problems, `Setting reopen-archived to \`${String(field(fields, 'reopenArchived'))}\` is not valid: use true or false.`)
  const keepArchivedDays = field(fields, 'keepArchivedDays')
  if (keepArchivedDays !== undefined) problems.push(...keepArchivedDaysProblems(keepArchivedDays))
  const autoAssign = field(fields, 'autoAssign')
  if (autoAssign !== undefined) problems.push(...autoAssignModeProblems(autoAssign))
  const capacity = field(fields, 'capacity')
  if (capacity !== undefined) problems.push(...capacityProblems(capacity))
  assertNoProblems(problems, 'The inbox is not valid:')
  return {
    ...(name === undefined ? {} : { name: String(name) }),
    ...(description === undefined ? {} : { description: String(description) }),
    ...(reopenArchived === undefined ? {} : { reopenArchived }),
    ...(keepArchivedDays === undefined ? {} : { keepArchivedDays: keepArchivedDays as number }),
    ...(autoAssign === undefined ? {} : { autoAssign: autoAssign as AutoAssignMode }),
    ...(capacity === undefined ? {} : { capacity: capacity as number }),
  }
}

/** The auto-assignment setting in an answer (absent from an older server: off). */
function readAutoAssign(value: unknown): AutoAssignSetting {
  if (value === undefined) return AUTO_ASSIGN_OFF
  const r = answerFields(value, 'inbox auto-assign')
  const mode = answerText(r, 'mode', 'inbox auto-assign')
  if (!isAutoAssignMode(mode)) throw misunderstood('inbox auto-assign', `the mode \`${mode}\` is not one of ${AUTO_ASSIGN_MODES.join(', ')}`)
  return { mode, capacity: answerNumber(r, 'capacity', 'inbox auto-assign') }
}

/** The body of `POST /api/v1/inboxes/:ref/members`: `{add?, remove?}`. */
export function parseMembersChange(body: PlainValue): MembersChangeRequest {
  const fields = fieldsOf(body, ['add', 'remove'])
  const problems: string[] = []
  const add = optionalTextList(fields, 'add', problems)
  const remove = optionalTextList(fields, 'remove', problems)
  assertNoProblems(problems, 'The membership change is not valid:')
  return { add: add ?? [], remove: remove ?? [] }
}

/** An inbox as the server answers it. */
export function readInbox(value: unknown): Inbox {
  const r = answerFields(value, 'inbox')
  return {
    id: answerText(r, 'id', 'inbox'),
    name: answerText(r, 'name', 'inbox'),
    description: optionalAnswerText(r, 'description', 'inbox') ?? '',
    reopenArchived: r.reopenArchived === true,
    keepArchivedDays: typeof r.keepArchivedDays === 'number' ? r.keepArchivedDays : DEFAULT_KEEP_ARCHIVED_DAYS,
    autoAssign: readAutoAssign(r.autoAssign),
    members: answerTexts(r, 'members', 'inbox'),
    ...(r.sla === undefined ? {} : { sla: readSlaPolicy(r.sla) }),
  }
}

export function readInboxes(value: unknown): Inbox[] {
  return answerList(value, 'inboxes').map(readInbox)
}

export function readInboxWithCounts(value: unknown): InboxWithCounts {
  const counts = answerFields(answerFields(value, 'inbox').counts, 'inbox counts')
  return { ...readInbox(value), counts: { open: answerNumber(counts, 'open', 'inbox counts'), archived: answerNumber(counts, 'archived', 'inbox counts') } }
}

export function readMembersChange(value: unknown): MembersChange {
  const r = answerFields(value, 'members change')
  return { members: readUsers(r.members), added: answerTexts(r, 'added', 'members change'), removed: answerTexts(r, 'removed', 'members change') }
}
