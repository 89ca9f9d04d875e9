/**
 * How every admin change to the settings is made: one at a time, by someone
 * who may (checked inside the queue), stored through the settings store, then
 * published to the `org` document; and what a lost membership does to
 * documents (membership-effects.ts). Shared by the admin services, so their
 * changes queue behind one another.
 *
 * Deps: `settings` (SettingsStore), `access` (DirectoryAccess: who may),
 * `hub` (DocumentHub: `org`, and the inboxes members lose), `now`.
 */
import type { Directory, LostMembership } from '../../core/directory.js'
import { HybridClock } from '../../core/hlc.js'
import { OrgDoc } from '../../core/org-doc.js'
import type { User } from '../../core/users.js'
import type { RecordOp } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { DirectoryAccess } from './directory-access.js'
import { applyLostMemberships } from './membership-effects.js'
import { SerialQueue } from './serial-queue.js'
import type { SettingsStore } from './settings-store.js'

export type SettingsWriterDeps = {
  readonly settings: SettingsStore
  readonly access: DirectoryAccess
  readonly hub: DocumentHub
  readonly now?: () => number
}

export class SettingsWriter {
  private readonly queue = new SerialQueue()
  private readonly clock: HybridClock

  private constructor(private readonly deps: SettingsWriterDeps) {
    this.clock = new HybridClock(deps.now ?? Date.now)
  }

  /** Makes the `org` document show the stored directory. */
  static async open(deps: SettingsWriterDeps): Promise<SettingsWriter> {
    const writer = new SettingsWriter(deps)
    // Heals an `org` document left behind by a crash between storing and publishing.
    if (!deps.settings.isEmpty()) await writer.publish()
    return writer
  }

  /** The directory as it stands (immutable); read inside a task, it is the one the change starts from. */
  get directory(): Directory {
    return this.deps.settings.directory
  }

  isEmpty(): boolean {
    return this.deps.settings.isEmpty()
  }

  /** Runs `task` after every change queued before it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task)
  }

  /** Runs `task` in the queue once `actor` is found to be a settings admin. */
  asAdmin<T>(actor: User, task: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // Checked inside the queue: an earlier change may have demoted or removed the actor.
      this.deps.access.assertAdmin(actor)
      return task()
    })
  }

  /** Stores the directory (with `ops`, atomically), then publishes it to `org`. */
  async save(directory: Directory, ops: readonly RecordOp[] = []): Promise<void> {
    await this.deps.settings.save(directory, ops)
    await this.publish()
  }

  /** Stores the organisation's first directory unless another node did (SettingsStore.saveFirst), then publishes what is stored. */
  async saveFirst(directory: Directory, ops: readonly RecordOp[] = []): Promise<boolean> {
    const created = await this.deps.settings.saveFirst(directory, ops)
    await this.publish()
    return created
  }

  /** Cuts off the memberships a saved change lost (`before` is the directory it started from). */
  async cutOff(before: Directory, lost: readonly LostMembership[], alreadyDisconnected?: ReadonlySet<string>): Promise<void> {
    if (lost.length === 0) return
    await applyLostMemberships(this.deps.hub, this.clock, before, this.directory, lost, alreadyDisconnected ? { alreadyDisconnected } : {})
  }

  private publish(): Promise<void> {
    const dir = this.directory
    return this.deps.hub.change('org', (doc) => new OrgDoc(doc).publish(dir))
  }
}
