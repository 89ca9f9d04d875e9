/**
 * The inboxes the user works in: those the replica of `org` lists them in
 * (and their personal inbox), less those the server refused this session.
 * Lists them for the commands and the dashboard, and finds a conversation in
 * them.
 */
import { HuddleError } from '../../core/errors.js'
import type { InboxAccess } from '../../core/permissions.js'
import type { InboxInfo } from './client-types.js'
import type { ConversationEntry } from './inbox-view.js'
import type { InboxSlot, ReplicaDocuments } from './replica-documents.js'

/** A conversation in one of the user's loaded inboxes. */
type LocatedConversation = { readonly slot: InboxSlot; readonly entry: ConversationEntry }

export class InboxMembership {
  private listed = new Set<string>()
  /** Inboxes the server refused this session, not reconnected until the org lists the user again. */
  private readonly refused = new Set<string>()

  constructor(private readonly docs: ReplicaDocuments) {}

  /** The inbox documents the org lists the user in. */
  get names(): ReadonlySet<string> {
    return this.listed
  }

  /** Reads the membership again from the replica of `org`. */
  refresh(): void {
    const listed = this.docs.memberships()
    // Added back after a removal: connecting again may now succeed.
    for (const name of listed) if (!this.listed.has(name)) this.refused.delete(name)
    this.listed = listed
  }

  /** The inboxes listed whose documents are not loaded, refused ones aside. */
  toLoad(): string[] {
    return [...this.listed].filter((name) => !this.docs.inboxes.has(name) && !this.refused.has(name))
  }

  /** The server refused the user this inbox: it is not connected again this session unless the org lists them again. */
  refuse(name: string): void {
    this.refused.add(name)
  }

  isRefused(name: string): boolean {
    return this.refused.has(name)
  }

  /** Their shared inboxes by name, then their personal inbox. */
  list(): InboxInfo[] {
    const list: InboxInfo[] = []
    for (const name of this.listed) {
      const access = this.docs.access(name)
      if (!access) continue
      const counts = this.docs.counts(name)
      const sla = this.docs.slaPolicy(name)
      if (access.kind === 'shared') list.push({ doc: name, id: name.slice('inbox/'.length), kind: 'shared', name: access.name, members: access.members, counts, sla })
      else list.push({ doc: name, id: `@${access.owner}`, kind: 'personal', name: 'Personal', members: [access.owner], counts, sla })
    }
    return list.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'shared' ? -1 : 1))
  }

  /** An inbox by id, name (any case), `@user` or `personal`, or null. */
  find(ref: string): InboxInfo | null {
    const wanted = ref.trim().toLocaleLowerCase('en')
    const matches = (i: InboxInfo): boolean =>
      i.id === ref || i.doc === ref || i.name.toLocaleLowerCase('en') === wanted || (i.kind === 'personal' && wanted === 'personal')
    return this.list().find(matches) ?? null
  }

  /** The loaded inbox of the user's holding conversation `id`, with its entry, or null. */
  locate(id: string): LocatedConversation | null {
    return this.docs.locate(id, this.listed)
  }

  /** Like `locate`, with how permissions see the inbox; throws a not-found error saying where to look when no inbox of the user's holds it. */
  locateOrThrow(id: string): LocatedConversation & { readonly access: InboxAccess } {
    const found = this.locate(id)
    const access = found && this.docs.access(found.slot.local.name)
    if (!found || !access) throw notFound(id)
    return { ...found, access }
  }
}

function notFound(id: string): HuddleError {
  return new HuddleError(
    'not-found',
    `There is no conversation \`${id}\` in your inboxes on this computer. List them with \`huddle conversation list\`; if it is new, run \`huddle sync\` first.`,
  )
}
