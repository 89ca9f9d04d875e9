/** The server's one LevelDB database: documents and records in sublevels of it. */
import { mkdir } from 'node:fs/promises'
import { Level } from 'level'
import { HuddleError } from '../../core/errors.js'
import { LevelDocumentStore } from './level-document-store.js'
import { LevelRecordStore } from './level-record-store.js'

/** An open database in a data folder; only one server may hold a folder at a time. */
export class Database {
  private constructor(
    private readonly db: Level,
    /** Synced documents: snapshots and their updates. */
    readonly documents: LevelDocumentStore,
    /** Server-side JSON records: directory, credentials, indexes. */
    readonly records: LevelRecordStore,
  ) {}

  /** Opens (creating when missing) the database in `dataDir`. */
  static async open(dataDir: string): Promise<Database> {
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
    return new Database(db, new LevelDocumentStore(db), new LevelRecordStore(db))
  }

  /** Waits for queued writes, then closes the stores and the database. */
  async close(): Promise<void> {
    await this.documents.close()
    await this.records.close()
    await this.db.close()
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
