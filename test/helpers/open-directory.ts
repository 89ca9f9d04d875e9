/** The directory's read side and its admin services over a record store and hub, wired as the server wires them. */
import { DirectoryAccess } from '../../server/directory/directory-access.js'
import { openDirectoryAdmin, type DirectoryAdmin } from '../../server/directory/directory-admin.js'
import { SettingsStore } from '../../server/directory/settings-store.js'
import type { RecordStore } from '../../server/store/record-store.js'
import type { DocumentHub } from '../../server/sync/document-hub.js'

export type OpenDirectory = { readonly settings: SettingsStore; readonly access: DirectoryAccess; readonly admin: DirectoryAdmin }

export async function openDirectory(records: RecordStore, hub: DocumentHub, now?: () => number): Promise<OpenDirectory> {
  const settings = await SettingsStore.open(records)
  const access = new DirectoryAccess({ records, settings })
  const admin = await openDirectoryAdmin({ records, settings, access, hub, ...(now ? { now } : {}) })
  return { settings, access, admin }
}
