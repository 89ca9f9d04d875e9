/**
 * The organisation's settings (core/directory.ts), held in memory and stored as
 * one record (directory-record.ts). The access part reads them from here and
 * the admin services write them through here, so both see the same directory.
 */
import type { Directory } from '../../core/directory.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'
import { DIRECTORY_KEY, loadDirectory, saveDirectoryOp } from './directory-record.js'

export class SettingsStore {
  private constructor(
    private readonly records: RecordStore,
    private dir: Directory,
  ) {}

  static async open(records: RecordStore): Promise<SettingsStore> {
    return new SettingsStore(records, await loadDirectory(records))
  }

  /** The current directory (immutable). */
  get directory(): Directory {
    return this.dir
  }

  /** True before the organisation's first admin is created. */
  isEmpty(): boolean {
    return Object.keys(this.dir.users).length === 0
  }

  /** Stores `directory` with `ops` in one batch; readers see it only once it is stored. */
  async save(directory: Directory, ops: readonly RecordOp[] = []): Promise<void> {
    await this.records.batch([saveDirectoryOp(directory), ...ops])
    this.dir = directory
  }

  /**
   * Stores the organisation's first directory (with `ops`) unless one is
   * stored already, which it then reads: several cluster nodes starting
   * together create it once. Says whether this call created it.
   */
  async saveFirst(directory: Directory, ops: readonly RecordOp[] = []): Promise<boolean> {
    const created = await this.records.batchIfAbsent(DIRECTORY_KEY, [saveDirectoryOp(directory), ...ops])
    if (created) this.dir = directory
    else await this.reload()
    return created
  }

  /** Reads the stored directory again: another cluster node changed it. */
  async reload(): Promise<void> {
    this.dir = await loadDirectory(this.records)
  }
}
