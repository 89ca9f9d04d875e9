/**
 * What follows when users lose access to an inbox (removed from it, their
 * last licence dropped, or removed altogether): their open connections to the
 * inbox and its conversations close at once, and their open conversations
 * there get `unassign` events by `system`, so they do not come back assigned
 * if the user is re-added.
 */
import type { Directory, LostMembership } from '../../core/directory.js'
import { conversationDocName, inboxDocName } from '../../core/doc-names.js'
import type { HybridClock } from '../../core/hlc.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { isInboxMember, type InboxAccess } from '../../core/permissions.js'
import { SYSTEM_ACTOR } from '../../core/users.js'
import { CLOSE_CODES } from '../../core/wire.js'
import { randomId } from '../auth/random-id.js'
import type { DocumentHub } from '../sync/document-hub.js'

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123

/** Cuts a close reason to what fits a close frame. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= MAX_CLOSE_REASON_BYTES) return text
  let cut = text
  while (Buffer.byteLength(`${cut}…`) > MAX_CLOSE_REASON_BYTES) cut = cut.slice(0, -1)
  return `${cut}…`
}

/** The document names of an inbox and every conversation it holds. */
export async function inboxDocNames(hub: DocumentHub, inboxDoc: string): Promise<Set<string>> {
  const ids = await hub.read(inboxDoc, (doc) => new InboxDoc(doc).ids())
  return new Set([inboxDoc, ...ids.map(conversationDocName)])
}

/** How long after a change its disconnects are repeated. */
export const SECOND_PASS_MS = 250

/**
 * Closes `user`'s connections to the documents `matches` accepts, now and once
 * more shortly after: a connection authorised just before the change may only
 * register with the sync server after the first pass.
 */
export function disconnectUser(hub: DocumentHub, user: string, matches: (docName: string) => boolean, code: number, reason: string): void {
  const short = closeReason(reason)
  hub.disconnect(user, matches, code, short)
  setTimeout(() => hub.disconnect(user, matches, code, short), SECOND_PASS_MS).unref()
}

/** Closes `user`'s connections to an inbox document and its conversations. */
export async function disconnectFromInbox(hub: DocumentHub, user: string, inboxDoc: string, code: number, reason: string): Promise<void> {
  const names = await inboxDocNames(hub, inboxDoc)
  disconnectUser(hub, user, (name) => names.has(name), code, reason)
}

/**
 * Appends an `unassign` event (actor `system`) to every open conversation of
 * the inbox assigned to `user`. `members` are the inbox's members after the
 * change; the fold is run as if `user` still were one, to see what they hold.
 */
export async function unassignEverywhere(
  hub: DocumentHub,
  clock: HybridClock,
  inboxDoc: string,
  user: string,
  members: readonly string[],
): Promise<number> {
  const access: InboxAccess = { kind: 'shared', name: inboxDoc, members: [...members, user] }
  const isMember = (id: string): boolean => isInboxMember(access, id)
  const held = (doc: InboxDoc): string[] =>
    doc.ids().filter((id) => {
      const state = doc.state(id, isMember)
      return state.status === 'open' && state.assignee === user
    })
  const toRelease = await hub.read(inboxDoc, (doc) => held(new InboxDoc(doc)))
  if (toRelease.length === 0) return 0
  let released = 0
  await hub.change(inboxDoc, (doc) => {
    const inbox = new InboxDoc(doc)
    // Re-check inside the change: an event may have arrived since the read.
    for (const id of held(inbox)) {
      // Stamp after every event seen, so the unassign sorts after the claim it undoes.
      for (const event of inbox.events(id)) clock.observe(event.at)
      inbox.appendEvent(id, { id: randomId('e-'), kind: 'unassign', actor: SYSTEM_ACTOR, at: clock.tick(), saw: user })
      released++
    }
  })
  return released
}

/** Cuts off every lost membership: connections first (within the request), then assignments. */
export async function applyLostMemberships(
  hub: DocumentHub,
  clock: HybridClock,
  before: Directory,
  after: Directory,
  lost: readonly LostMembership[],
  options: { alreadyDisconnected?: ReadonlySet<string> } = {},
): Promise<void> {
  for (const { inbox, user } of lost) {
    const name = before.inboxes[inbox]?.name ?? inbox
    if (!options.alreadyDisconnected?.has(user))
      await disconnectFromInbox(hub, user, inboxDocName(inbox), CLOSE_CODES.forbidden, `You were removed from inbox \`${name}\`; ask an admin to add you back.`)
  }
  for (const { inbox, user } of lost) await unassignEverywhere(hub, clock, inboxDocName(inbox), user, after.inboxes[inbox]?.members ?? [])
}
