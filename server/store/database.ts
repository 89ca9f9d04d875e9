/** The server's one LevelDB database: documents and records in sublevels of it. */
import { mkdir } from 'node:fs/promises'
import { Level } from 'level'
import { HuddleError } from '../../core/errors.js'
import { LevelDocumentStore } from './level-document-store.js'
import { LevelHandle, recoveryWarnings } from './level-handle.js'
import { LevelRecordStore } from './level-record-store.js'
import type { Storage } from './storage.js'

/** An open database in a data folder; only one server may hold a folder at a time. */
export class Database implements Storage {
  private constructor(
    private readonly handle: LevelHandle,
    /** Synced documents: snapshots and their updates. */
    readonly documents: LevelDocumentStore,
    /** Server-side JSON records: directory, credentials, indexes. */
    readonly records: LevelRecordStore,
  ) {}

  /**
   * Opens (creating when missing) the database in `dataDir`. `log` hears what
   * needs an operator's eye: LevelDB dropping part of its log when it opened,
   * a failed write and the reopen that follows it.
   */
  static async open(dataDir: string, log: (line: string) => void = () => {}): Promise<Database> {
    try {
      await mkdir(dataDir, { recursive: true })
    } catch (error) {
      throw new HuddleError('storage', `Could not create the data folder \`${dataDir}\`: ${messageOf(error)}. Check the path and its permissions.`)
    }
    const db = new Level(dataDir)
    try {
      await db.open()
    } catch (error) {
      throw openError(dataDir, error)
    }
    const dropped = await recoveryWarnings(dataDir)
    if (dropped.length > 0)
      log(
        `WARNING: LevelDB found its log damaged when opening \`${dataDir}\` and dropped part of it, so changes written just before the last stop may be lost: ${dropped.join(' | ')}. Check the disk (space, errors) and the clients' pending changes, which they send again when they reconnect.`,
      )
    const handle = new LevelHandle(db, dataDir, log)
    return new Database(handle, new LevelDocumentStore(handle), new LevelRecordStore(handle))
  }

  /** Whether a failed write stopped writes until the database reopens (reported by `/healthz`). */
  isWriteStopped(): boolean {
    return this.handle.isBroken()
  }

  /** Waits for queued writes, then closes the stores and the database. */
  async close(): Promise<void> {
    await this.documents.close()
    await this.records.close()
    await this.handle.db.close()
  }
}

function openError(dataDir: string, error: unknown): HuddleError {
  const cause = error instanceof Error && 'cause' in error ? error.cause : undefined
  if (codeOf(error) === 'LEVEL_LOCKED' || codeOf(cause) === 'LEVEL_LOCKED')
    return new HuddleError(
      'storage',
      `The data folder \`${dataDir}\` is in use by another running huddle server. Stop that server first, or start this one with a different data folder.`,
    )
  return new HuddleError(
    'storage',
    `Could not open the database in \`${dataDir}\`: ${messageOf(cause ?? error)}. Check that the folder is readable and writable and holds a huddle database.`,
  )
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
