/** Shared inboxes: names, descriptions, the reopen, retention and auto-assignment settings, and members. */
import { AUTO_ASSIGN_OFF, type AutoAssignSetting } from './auto-assign.js'
import { assertNoProblems } from './errors.js'
import { idForName } from './doc-names.js'
import { nameProblems } from './names.js'
import type { SlaPolicy } from './sla-policy.js'

export type Inbox = {
  readonly id: string
  readonly name: string
  /** Shown to admins only; never synced to agents. */
  readonly description: string
  /** A message after an archived conversation reopens it (true) or starts a new, linked one (false). */
  readonly reopenArchived: boolean
  /** Days an archived conversation stays live before it moves to history (absent: the default, see history.ts). */
  readonly keepArchivedDays?: number
  /** Who the server assigns waiting conversations to (absent: off, see auto-assign.ts). */
  readonly autoAssign?: AutoAssignSetting
  /** The SLA policy (absent: none); published with the inbox so every replica computes the same due times. */
  readonly sla?: SlaPolicy
  readonly members: readonly string[]
}

export const MAX_INBOX_NAME = 80
export const MAX_INBOX_DESCRIPTION = 500

export function inboxNameProblems(name: unknown): string[] {
  return nameProblems(name, 'Inbox name', MAX_INBOX_NAME, '`--name Sales`')
}

export function inboxDescriptionProblems(description: unknown): string[] {
  if (typeof description !== 'string' || description.length > MAX_INBOX_DESCRIPTION)
    return [`Inbox description is not valid: give at most ${MAX_INBOX_DESCRIPTION} characters.`]
  return []
}

/** The inbox's auto-assignment setting, off unless set. */
export function autoAssignSettingOf(inbox: Inbox): AutoAssignSetting {
  return inbox.autoAssign ?? AUTO_ASSIGN_OFF
}

/** An id derived from the name: `Billing & Refunds` → `billing-refunds`, unique among `taken`. */
export function inboxIdFor(name: string, taken: (id: string) => boolean): string {
  return idForName(name, 'inbox', taken)
}

/** Validates the editable fields of an inbox, all problems at once. */
export function assertInboxFields(fields: { readonly name?: string; readonly description?: string }): void {
  assertNoProblems(
    [
      ...(fields.name === undefined ? [] : inboxNameProblems(fields.name)),
      ...(fields.description === undefined ? [] : inboxDescriptionProblems(fields.description)),
    ],
    'The inbox is not valid:',
  )
}
