/** Shared fixtures for core tests: users, a small organisation, events and stamps, an inbox on a server and a client. */
import { namesAssignee, namesLabel, type AssignmentEvent, type AssignmentKind } from '../../core/assignment-event.js'
import { addUser, changeMembers, createInbox, EMPTY_DIRECTORY, type Directory } from '../../core/directory.js'
import { HuddleError, type ErrorCode } from '../../core/errors.js'
import { foldEvents, type ConversationState } from '../../core/fold.js'
import { formatHlc } from '../../core/hlc.js'
import * as Y from 'yjs'
import { InboxDoc, type ConversationSummary } from '../../core/inbox-doc.js'
import type { Priority } from '../../core/priority.js'
import type { Licence, Permission, User } from '../../core/users.js'

/** A fixed instant the tests count from: 2025-11-25 12:00 UTC. */
export const T0 = Date.UTC(2025, 10, 25, 12, 0, 0)

/** The state of a conversation no assignment event has touched yet: open and unassigned. */
export const NEW_STATE: ConversationState = foldEvents([], () => true)

export const ALL_LICENCES: readonly Licence[] = ['chat', 'sms', 'whatsapp']

export function makeUser(id: string, permission: Permission = 'basic', licences: readonly Licence[] = ALL_LICENCES): User {
  return { id, name: id[0]!.toUpperCase() + id.slice(1), permission, licences: [...licences].sort() }
}

/** A stamp `ms` milliseconds after T0, with a counter. */
export function stampAt(ms: number, counter = 0): string {
  return formatHlc({ ms: T0 + ms, counter })
}

let eventSequence = 0

/** An assignment event; `at` is milliseconds after T0 or a ready stamp. */
export function makeEvent(
  kind: AssignmentKind,
  actor: string,
  at: number | string,
  extra: { id?: string; saw?: string | null; to?: string; label?: string; priority?: Priority } = {},
): AssignmentEvent {
  const base = {
    id: extra.id ?? `e${String(++eventSequence).padStart(4, '0')}`,
    kind,
    actor,
    at: typeof at === 'number' ? stampAt(at) : at,
    saw: extra.saw ?? null,
  }
  if (namesAssignee(kind)) return { ...base, to: extra.to ?? actor }
  if (namesLabel(kind)) return { ...base, label: extra.label ?? 'vip' }
  return kind === 'priority' ? { ...base, priority: extra.priority ?? 'high' } : base
}

export function isMemberOf(members: readonly string[]): (userId: string) => boolean {
  return (userId) => members.includes(userId)
}

/**
 * A small organisation: `root` (admin, every licence), `alice` (basic: sms, chat),
 * `bob` (team-leader: whatsapp), `carol` (basic, no licence), and inbox `Sales`
 * (id `sales`) with members alice and bob.
 */
export function sampleDirectory(): Directory {
  let dir = EMPTY_DIRECTORY
  dir = addUser(dir, { id: 'root', name: 'Root', permission: 'admin', licences: ['sms', 'whatsapp', 'chat'] })
  dir = addUser(dir, { id: 'alice', name: 'Alice Martin', licences: ['sms', 'chat'] })
  dir = addUser(dir, { id: 'bob', name: 'Bob Stone', permission: 'team-leader', licences: ['whatsapp'] })
  dir = addUser(dir, { id: 'carol', name: 'Carol Reed' })
  dir = createInbox(dir, { name: 'Sales', description: 'Leads and quotes' }).directory
  return changeMembers(dir, 'sales', { add: ['alice', 'bob'], remove: [] }).directory
}

export function makeSummary(id: string, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    channel: 'sms',
    contact: '+447700900123',
    contactName: null,
    address: '+15550100',
    createdAt: T0,
    linkedTo: null,
    lastMessageAt: T0,
    lastInboundAt: T0,
    lastInboundId: `${id}-m1`,
    preview: 'Hello',
    ...overrides,
  }
}

/** Runs `fn` and returns the HuddleError it throws; fails when it throws nothing or something else. */
export function refusalOf(fn: () => unknown): HuddleError {
  try {
    fn()
  } catch (error) {
    if (error instanceof HuddleError) return error
    throw new Error(`expected a HuddleError, got ${String(error)}`)
  }
  throw new Error('expected a HuddleError, but nothing was thrown')
}

/** Asserts-by-return helper: the refusal's code, for table rows. */
export function refusalCode(fn: () => unknown): ErrorCode {
  return refusalOf(fn).code
}

/** A server's inbox with one conversation `c1`, and a client's replica of it. */
export function serverAndClientInbox(): { server: Y.Doc; client: InboxDoc } {
  const server = new InboxDoc(new Y.Doc())
  server.addConversation(makeSummary('c1'))
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc))
  return { server: server.doc, client: new InboxDoc(client) }
}

/** The update the client's `change` produces, for a server at the client's state before it. */
export function clientUpdate(client: InboxDoc, change: (client: InboxDoc) => void): Uint8Array {
  const before = Y.encodeStateVector(client.doc)
  change(client)
  return Y.encodeStateAsUpdate(client.doc, before)
}
