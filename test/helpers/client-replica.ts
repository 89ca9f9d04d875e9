/** Library clients for tests: each user with a LevelDB replica in its own temporary folder. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HuddleClient, type HuddleClientOptions } from '../../cli/client/huddle-client.js'
import { LevelReplicaStore } from '../../cli/client/level-replica-store.js'
import { syncUrlOf } from '../../cli/client/replica-location.js'
export { until } from './until.js'

export type ReplicaHome = { readonly folder: string; remove(): Promise<void> }

export async function makeReplicaHome(label = 'replica'): Promise<ReplicaHome> {
  const folder = await mkdtemp(join(tmpdir(), `huddle-${label}-`))
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) }
}

/** Opens a client on the replica in `folder` for `token` at `server`. */
export async function openClient(
  server: string,
  token: string,
  folder: string,
  options: Partial<Omit<HuddleClientOptions, 'server' | 'token' | 'store' | 'syncUrl'>> = {},
): Promise<HuddleClient> {
  const store = await LevelReplicaStore.open(folder)
  return HuddleClient.open({ server, syncUrl: syncUrlOf(server), token, store, maxBackoffMs: 200, batchMs: 5, ...options })
}


/** Clients a test opens, each on a replica folder of its own, closed and removed together at the end. */
export class OpenClients {
  private readonly clients: HuddleClient[] = []
  private readonly homes: ReplicaHome[] = []

  /** A client of `token` on a fresh replica, settled once connected (or after `settleMs`). */
  async open(server: string, token: string, options: Parameters<typeof openClient>[3] = {}, settleMs = 5000): Promise<HuddleClient> {
    const home = await makeReplicaHome()
    this.homes.push(home)
    const client = await openClient(server, token, home.folder, options)
    this.clients.push(client)
    await client.settle(settleMs)
    return client
  }

  async closeAll(): Promise<void> {
    for (const client of this.clients.splice(0)) await client.close()
    for (const home of this.homes.splice(0)) await home.remove()
  }
}
