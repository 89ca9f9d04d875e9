/**
 * Each user's availability on the server (docs/design.md, "Availability"):
 * the choice, stored as a record; whether they are online, from the sync
 * server's socket reports and the two-minute grace; both published in the
 * `org` document and reported to listeners (the auto-assigner) on change.
 *
 * Deps: `records` (the choices), `hub` (publishes `org`), `sockets` (the sync
 * server's socket reports), `directory` (who the users are), `now`.
 */
import {
  DEFAULT_AVAILABILITY,
  isOnline,
  type Availability,
  type AvailabilityEntry,
  type AvailabilityStatus,
  type SocketPresence,
} from '../../core/availability.js'
import { findInbox, findUser, type Directory } from '../../core/directory.js'
import { OrgDoc } from '../../core/org-doc.js'
import { authorize } from '../../core/permissions.js'
import type { User } from '../../core/users.js'
import { SerialQueue } from '../directory/serial-queue.js'
import type { RecordStore } from '../store/record-store.js'
import type { DocumentHub } from '../sync/document-hub.js'

const PREFIX = 'availability/'

type StoredChoice = { readonly availability: Availability; readonly at: number }

export type AvailabilityListener = (userId: string, status: AvailabilityStatus) => void

export type AvailabilityDeps = {
  readonly records: RecordStore
  readonly hub: Pick<DocumentHub, 'change'>
  readonly sockets: { onUserSockets(listener: (userId: string, isConnected: boolean) => void): () => void }
  readonly directory: () => Directory
  readonly now: () => number
  /** How often `online` is derived again from `now`, so a grace ends (default 10 s). */
  readonly sweepMs?: number
  readonly log?: (line: string) => void
}

export class AvailabilityService {
  private readonly presence = new Map<string, SocketPresence>()
  private readonly listeners = new Set<AvailabilityListener>()
  private readonly queue = new SerialQueue()
  private published: Record<string, AvailabilityStatus> = {}
  private readonly stopSockets: () => void
  private readonly sweeper: NodeJS.Timeout

  private constructor(
    private readonly deps: AvailabilityDeps,
    private readonly choices: Map<string, StoredChoice>,
  ) {
    this.stopSockets = deps.sockets.onUserSockets((userId, isConnected) => {
      this.presence.set(userId, { connected: isConnected, lastSeenMs: isConnected ? (this.presence.get(userId)?.lastSeenMs ?? null) : deps.now() })
      void this.refresh()
    })
    this.sweeper = setInterval(() => void this.refresh(), deps.sweepMs ?? 10_000)
    this.sweeper.unref()
  }

  /** Loads the stored choices and publishes everyone's status. */
  static async open(deps: AvailabilityDeps): Promise<AvailabilityService> {
    const stored = await deps.records.list<StoredChoice>(PREFIX)
    const service = new AvailabilityService(deps, new Map(stored.map(({ key, value }) => [key.slice(PREFIX.length), value])))
    await service.refresh()
    return service
  }

  /** A user's status now. */
  status(userId: string): AvailabilityStatus {
    return {
      availability: this.choices.get(userId)?.availability ?? DEFAULT_AVAILABILITY,
      online: isOnline(this.presence.get(userId) ?? { connected: false, lastSeenMs: null }, this.deps.now()),
    }
  }

  /** Everyone's entries in user-id order, or an inbox's members'. */
  list(actor: User, inboxRef: string | null): AvailabilityEntry[] {
    // The `org` document shows every user all of this already, inboxes' members included.
    authorize(actor, { kind: 'read-directory' })
    const dir = this.deps.directory()
    const ids = inboxRef === null ? Object.keys(dir.users) : [...findInbox(dir, inboxRef).members]
    return ids.sort().map((id) => this.entry(findUser(dir, id)))
  }

  /** Stores a user's choice, then publishes it; answers their entry. */
  async set(actor: User, userId: string, availability: Availability): Promise<AvailabilityEntry> {
    authorize(actor, { kind: 'set-availability', user: userId })
    const user = findUser(this.deps.directory(), userId)
    const choice: StoredChoice = { availability, at: this.deps.now() }
    await this.deps.records.batch([{ type: 'put', key: PREFIX + user.id, value: choice }])
    this.choices.set(user.id, choice)
    await this.refresh()
    return this.entry(user)
  }

  /** Calls `listener` whenever a user's availability or online state changes. Returns an unsubscribe. */
  onChange(listener: AvailabilityListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops following sockets and the clock; waits for a publication in progress. */
  async close(): Promise<void> {
    this.stopSockets()
    clearInterval(this.sweeper)
    await this.queue.idle()
  }

  private entry(user: User): AvailabilityEntry {
    return { user: user.id, name: user.name, ...this.status(user.id) }
  }

  /** Derives everyone's status, tells listeners what changed and publishes it (one at a time, in order). */
  private refresh(): Promise<void> {
    return this.queue
      .run(async () => {
        const users = this.deps.directory().users
        const removed = [...this.choices.keys()].filter((id) => !Object.hasOwn(users, id))
        if (removed.length > 0) {
          await this.deps.records.batch(removed.map((id) => ({ type: 'del', key: PREFIX + id })))
          for (const id of removed) this.choices.delete(id)
        }
        const wanted = Object.fromEntries(Object.keys(users).map((id) => [id, this.status(id)]))
        const changed = Object.keys(wanted).filter((id) => !sameStatus(this.published[id], wanted[id]!))
        const gone = Object.keys(this.published).some((id) => !Object.hasOwn(wanted, id))
        if (changed.length === 0 && !gone) return
        await this.deps.hub.change('org', (doc) => new OrgDoc(doc).publishAvailability(wanted))
        this.published = wanted
        for (const id of changed) for (const listener of this.listeners) listener(id, wanted[id]!)
      })
      .catch((error: unknown) => this.deps.log?.(`availability: publishing failed and is retried at the next change: ${error instanceof Error ? error.message : String(error)}`))
  }
}

function sameStatus(a: AvailabilityStatus | undefined, b: AvailabilityStatus): boolean {
  return a !== undefined && a.availability === b.availability && a.online === b.online
}
