/**
 * The admin side of the directory, wired: the services that change users,
 * inboxes and membership, routing, templates and labels, and the first admin. They
 * touch documents, so they are built once the sync server (the hub) exists,
 * and write through the same settings store that DirectoryAccess reads.
 */
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import { AdminBootstrap } from './admin-bootstrap.js'
import type { DirectoryAccess } from './directory-access.js'
import { InboxAdmin } from './inbox-admin.js'
import { LabelAdmin } from './label-admin.js'
import { RoutingAdmin } from './routing-admin.js'
import type { SettingsStore } from './settings-store.js'
import { SlaAdmin } from './sla-admin.js'
import { SettingsWriter } from './settings-writer.js'
import { TemplateAdmin } from './template-admin.js'
import { UserAdmin } from './user-admin.js'

/** What the HTTP API's admin endpoints call. */
export type AdminServices = {
  readonly users: UserAdmin
  readonly inboxes: InboxAdmin
  readonly routing: RoutingAdmin
  readonly templates: TemplateAdmin
  readonly labels: LabelAdmin
  readonly sla: SlaAdmin
}

export type DirectoryAdmin = AdminServices & { readonly firstAdmin: AdminBootstrap }

export type DirectoryAdminDeps = {
  readonly records: RecordStore
  readonly settings: SettingsStore
  readonly access: DirectoryAccess
  readonly hub: DocumentHub
  readonly now?: () => number
}

/** Builds the admin services over one writer, so all their changes queue behind one another. */
export async function openDirectoryAdmin(deps: DirectoryAdminDeps): Promise<DirectoryAdmin> {
  const { records, access, hub } = deps
  const now = deps.now ?? Date.now
  const writer = await SettingsWriter.open({ settings: deps.settings, access, hub, now })
  return {
    firstAdmin: new AdminBootstrap({ writer, records, hub, now }),
    users: new UserAdmin({ writer, access, records, hub, now }),
    inboxes: new InboxAdmin({ writer, access, hub }),
    routing: new RoutingAdmin({ writer, access, now }),
    templates: new TemplateAdmin({ writer, access }),
    labels: new LabelAdmin({ writer, access }),
    sla: new SlaAdmin({ writer, access }),
  }
}
