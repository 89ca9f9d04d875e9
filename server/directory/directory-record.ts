/**
 * The directory as one server-side record (users, inboxes with descriptions
 * and members, routing policies). Written whole, in the same batch as any
 * index it changes, so a change is stored entirely or not at all.
 */
import { EMPTY_DIRECTORY, type Directory } from '../../core/directory.js'
import { HuddleError } from '../../core/errors.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'

export const DIRECTORY_KEY = 'directory'
const VERSION = 1

type StoredDirectory = { readonly version: number; readonly directory: Directory }

export async function loadDirectory(records: RecordStore): Promise<Directory> {
  const stored = await records.get<StoredDirectory>(DIRECTORY_KEY)
  if (stored === undefined) return EMPTY_DIRECTORY
  if (stored.version !== VERSION)
    throw new HuddleError(
      'unsupported-version',
      `The stored directory has format version ${String(stored.version)}, but this server reads version ${VERSION}. Run the huddle release that wrote this data folder.`,
    )
  // Directories stored before templates or labels existed lack them.
  return { ...EMPTY_DIRECTORY, ...stored.directory }
}

export function saveDirectoryOp(directory: Directory): RecordOp {
  return { type: 'put', key: DIRECTORY_KEY, value: { version: VERSION, directory } satisfies StoredDirectory }
}
