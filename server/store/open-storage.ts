/**
 * Opens what the server stores in: its LevelDB folder, or with a Redis URL
 * a cluster node's shared storage. The cluster code is imported only then,
 * so a single process never loads the Redis client nor opens a connection.
 */
import { mkdir } from 'node:fs/promises'
import type { ClusterStorage } from '../cluster/cluster-storage.js'
import { Database } from './database.js'
import type { Storage } from './storage.js'

export type OpenedStorage = { readonly storage: Storage; readonly cluster: ClusterStorage | null }

export async function openStorage(dataDir: string, redisUrl: string | undefined, log: (line: string) => void): Promise<OpenedStorage> {
  if (redisUrl === undefined) return { storage: await Database.open(dataDir, log), cluster: null }
  // The folder still holds this node's own search index.
  await mkdir(dataDir, { recursive: true })
  const { ClusterStorage } = await import('../cluster/cluster-storage.js')
  const cluster = await ClusterStorage.open(redisUrl, log)
  return { storage: cluster, cluster }
}
