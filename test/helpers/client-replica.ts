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

