/**
 * The server's LevelDB handle. Every write goes through it, and after any
 * failed write it writes nothing more until the database has been reopened.
 *
 * Why: when a write to LevelDB's log fails half-way (a full disk, say), the
 * log holds a torn record, and LevelDB goes on appending after it. Those later
 * writes succeed and are synced, but the next open stops reading the log at the
 * torn record and drops everything after it. Reopening recovers the log up to
 * the tear and starts a fresh one, so writes after a reopen are safe again.
 */
import { open as openFile, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Level } from 'level'
import { HuddleError } from '../../core/errors.js'
import { reasonOf } from './store-checks.js'

/** How much free space a reopen wants to see first: LevelDB writes a new log and manifest. */
const SPACE_PROBE_BYTES = 1 << 20
const PROBE_FILE = '.huddle-space-probe'

export class LevelHandle {
  private broken: Error | null = null
  private recovering: Promise<void> | null = null
  private active = 0
  private idleWaiters: Array<() => void> = []
  private readonly sublevels: Array<{ open(): Promise<void> }> = []

  constructor(
    readonly db: Level,
    private readonly location: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Returns `sublevel`, reopened whenever the database is (sublevels stay closed otherwise). */
  adopt<S extends { open(): Promise<void> }>(sublevel: S): S {
    this.sublevels.push(sublevel)
    return sublevel
  }

  /** Runs a synced write; a failure refuses every later write until the database reopened. */
  async write(write: (db: Level) => Promise<void>): Promise<void> {
    await this.writable()
    await this.track(async () => {
      try {
        await write(this.db)
      } catch (error) {
        if (!this.broken) {
          this.broken = error instanceof Error ? error : new Error(String(error))
          this.log(`A write to the database failed (${reasonOf(error)}); nothing more is written or acknowledged until it has been reopened.`)
        }
        throw error
      }
    })
  }

  /** Runs a read, after any reopen under way. */
  async read<T>(read: (db: Level) => Promise<T>): Promise<T> {
    await this.recovering?.catch(() => {})
    return this.track(() => read(this.db))
  }

  /** Whether a failed write has stopped writes until the database reopens. */
  isBroken(): boolean {
    return this.broken !== null
  }

  private async writable(): Promise<void> {
    if (!this.broken) return
    this.recovering ??= this.reopen().finally(() => (this.recovering = null))
    await this.recovering
  }

  private async reopen(): Promise<void> {
    const cause = reasonOf(this.broken)
    try {
      // Check for room before closing, so that reads keep working from the
      // open handle while the disk stays full.
      await probeSpace(this.location)
      await this.whenIdle()
      if (this.db.status === 'open') await this.db.close()
      await this.db.open()
      for (const sublevel of this.sublevels) await sublevel.open()
    } catch (error) {
      throw new HuddleError(
        'storage',
        `The database stopped writing after a failed write (${cause}) and cannot reopen yet (${reasonOf(error)}). Free disk space in \`${this.location}\`; huddle reopens it before the next write, and nothing was stored meanwhile.`,
      )
    }
    this.broken = null
    const dropped = await recoveryWarnings(this.location)
    this.log(
      dropped.length > 0
        ? `The database was reopened after a failed write; LevelDB dropped the torn end of its log, which held only changes never acknowledged: ${dropped.join(' | ')}`
        : 'The database was reopened after a failed write; writes resume.',
    )
  }

  private async track<T>(run: () => Promise<T>): Promise<T> {
    this.active += 1
    try {
      return await run()
    } finally {
      this.active -= 1
      if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake()
    }
  }

  private whenIdle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve))
  }
}

/** Throws unless `SPACE_PROBE_BYTES` can be written in `dir` (the probe is removed again). */
async function probeSpace(dir: string): Promise<void> {
  const path = join(dir, PROBE_FILE)
  try {
    const file = await openFile(path, 'w')
    try {
      await file.write(new Uint8Array(SPACE_PROBE_BYTES))
      await file.sync()
    } finally {
      await file.close()
    }
  } finally {
    await rm(path, { force: true })
  }
}

/**
 * Lines of LevelDB's own log (`LOG`, rewritten at every open) saying that the
 * last open dropped or found corrupt data: LevelDB goes on silently otherwise.
 */
export async function recoveryWarnings(dir: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(join(dir, 'LOG'), 'utf8')
  } catch (error) {
    // No LOG: nothing was recovered (a new database, or one LevelDB never logged for).
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return []
    throw error
  }
  return text
    .split('\n')
    .filter((line) => /corruption|dropping|ignoring error/i.test(line))
    .map((line) => line.replace(/^\S+ \S+ /, '').trim())
}
