/**
 * Whose replica this is, of which server, and when it was last fully in sync
 * with it (`meta/server`, `meta/user`, `meta/synced-at`). A replica belongs
 * to one server from its first use and to one user from the server's first
 * `hello`.
 */
import { HuddleError } from '../../core/errors.js'
import { META, type ReplicaStore } from './replica-store.js'

/** What a server's `hello` naming a user means for this replica. */
type HelloUser = { readonly kind: 'learnt' } | { readonly kind: 'known' } | { readonly kind: 'other'; readonly reason: string }

export class ReplicaIdentity {
  private constructor(
    private readonly store: ReplicaStore,
    private readonly wallClock: () => number,
    private user: string | null,
    private syncedAt: number | null,
  ) {}

  /** Reads the identity of the replica in `store`; throws when it belongs to another server than `server`. */
  static async load(store: ReplicaStore, server: string, wallClock: () => number): Promise<ReplicaIdentity> {
    const stored = await store.getMeta<string>(META.server)
    if (stored !== undefined && stored !== server)
      throw new HuddleError('invalid', `This local copy belongs to the server ${stored}, not ${server}. Use another HUDDLE_HOME for each server.`)
    if (stored === undefined) store.putMeta(META.server, server)
    const [user, syncedAt] = await Promise.all([store.getMeta<string>(META.user), store.getMeta<number>(META.syncedAt)])
    return new ReplicaIdentity(store, wallClock, user ?? null, syncedAt ?? null)
  }

  /** The user this replica belongs to (null until a server first said who the token is). */
  get userId(): string | null {
    return this.user
  }

  /** Takes the user a server's `hello` names: learnt when the replica did not know yet, refused when it is another user's. */
  meet(user: string): HelloUser {
    if (this.user === null) {
      this.user = user
      this.store.putMeta(META.user, user)
      return { kind: 'learnt' }
    }
    if (user === this.user) return { kind: 'known' }
    return {
      kind: 'other',
      reason: `This local copy belongs to \`${this.user}\`, but the token is \`${user}\`'s. Use another HUDDLE_HOME (or XDG_DATA_HOME) for \`${user}\`.`,
    }
  }

  /** When this replica was last fully in sync with the server (null: never). */
  get lastSyncedAt(): number | null {
    return this.syncedAt
  }

  /** The replica is in sync now (recorded at most once a second). */
  noteInSync(): void {
    const now = this.wallClock()
    if (this.syncedAt !== null && now - this.syncedAt < 1000) return
    this.syncedAt = now
    this.store.putMeta(META.syncedAt, now)
  }
}
