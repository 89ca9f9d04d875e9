/**
 * Inboxes' SLA policies, as the HTTP API sets and clears them (admins, like
 * every setting). The policy lives on the inbox in the directory, so it is
 * published with the inbox to every replica.
 *
 * Deps: `writer` (SettingsWriter), `access` (DirectoryAccess: reads).
 */
import { findInbox, setSlaPolicy } from '../../core/directory.js'
import type { Inbox } from '../../core/inbox.js'
import type { SlaPolicy } from '../../core/sla-policy.js'
import type { User } from '../../core/users.js'
import type { DirectoryAccess } from './directory-access.js'
import type { SettingsWriter } from './settings-writer.js'

export type SlaAdminDeps = { readonly writer: SettingsWriter; readonly access: DirectoryAccess }

export class SlaAdmin {
  constructor(private readonly deps: SlaAdminDeps) {}

  /** The inbox with its policy; every user may read it, as `org` shows it to all already. */
  show(ref: string): Inbox {
    return findInbox(this.deps.access.directory, ref)
  }

  /** Replaces the inbox's policy, or removes it (`null`). */
  set(actor: User, ref: string, policy: SlaPolicy | null): Promise<Inbox> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, inbox } = setSlaPolicy(writer.directory, ref, policy)
      await writer.save(directory)
      return inbox
    })
  }
}
