/**
 * A cluster node's storage (docs/design.md, "Cluster mode"): the documents
 * and records every node shares in Redis, behind the same Storage as one
 * process's LevelDB. Opening it checks Redis's persistence settings, names
 * the node, starts its one log reader, its heartbeat and its subscription
 * to the other nodes' record changes. start.ts loads this module only when
 * `--redis` is given.
 */
import { randomBytes } from 'node:crypto'
import { HuddleError } from '../../core/errors.js'
import { REQUIRED_REDIS_SETTINGS, redisSettingProblems } from '../../core/redis-settings.js'
import { isCredentialKey } from '../auth/credentials.js'
import { DIRECTORY_KEY } from '../directory/directory-record.js'
import type { Storage } from '../store/storage.js'
import { AwarenessChannel } from './awareness-channel.js'
import { LogReader } from './log-reader.js'
import { RedisDocumentStore } from './redis-document-store.js'
import { REDIS_KEYS } from './redis-keys.js'
import { RedisLink } from './redis-link.js'
import { RedisRecordStore } from './redis-record-store.js'
import { fieldsOf } from './redis-reply.js'

/** How often a node renews its presence, and how long it counts as alive without renewing: a dead node's presences go within about 4 s. */
const HEARTBEAT_MS = 1000
const NODE_TTL_MS = 3000
/** Past this lag the reader counts as stalled and `/healthz` fails. */
const MAX_READER_LAG_MS = 5000

/** What `/healthz` says of the cluster. */
export type ClusterHealth = {
  readonly node: string
  readonly peers: readonly string[]
  readonly redis: 'reachable' | 'unreachable'
  readonly readerLagMs: number
  readonly isHealthy: boolean
}

export class ClusterStorage implements Storage {
  private readonly remoteListeners = new Set<() => void>()
  private readonly heartbeat: NodeJS.Timeout
  private peerIds: readonly string[] = []
  /** Presence across nodes, for the sync server. */
  readonly awareness: AwarenessChannel

  private constructor(
    private readonly link: RedisLink,
    readonly node: string,
    readonly documents: RedisDocumentStore,
    readonly records: RedisRecordStore,
    private readonly reader: LogReader,
    private readonly log: (line: string) => void,
  ) {
    this.awareness = new AwarenessChannel(node, (message) => void link.call(['PUBLISH', REDIS_KEYS.awareness, message]).catch(() => {}))
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  /** Connects to Redis at `url`; refuses, naming the setting, when Redis could lose an acknowledged update. */
  static async open(url: string, log: (line: string) => void): Promise<ClusterStorage> {
    let reported = false
    const onError = (error: Error): void => {
      // Once per outage: the client retries every second and would repeat it.
      if (reported) return
      reported = true
      log(`cluster: lost Redis at ${url} (${error.message}); reconnecting, acknowledgements wait until it is back.`)
    }
    const link = await RedisLink.open(url, onError)
    try {
      await checkSettings(link, url)
      const node = `node-${randomBytes(4).toString('hex')}`
      // The store tells the reader when the documents held change; the reader is made with the store.
      let reader: LogReader | null = null
      const documents = new RedisDocumentStore(link, node, () => reader?.refresh(), log)
      // What other nodes keep in memory (the directory) or judge open sockets by (credentials).
      const isWatched = (key: string): boolean => key === DIRECTORY_KEY || isCredentialKey(key)
      const records = new RedisRecordStore(link, isWatched, () => void link.call(['PUBLISH', REDIS_KEYS.recordsChanged, node]).catch(() => {}))
      reader = new LogReader(
        await link.dedicated(onError, (isUp) => isUp && (reported = false)),
        documents,
        (id) => link.call(['CLIENT', 'UNBLOCK', id]),
        log,
      )
      const storage = new ClusterStorage(link, node, documents, records, reader, log)
      await storage.beat()
      await storage.subscribe(onError)
      reader.start()
      log(`Cluster node ${node} on ${url}; peers: ${storage.peerIds.length > 0 ? storage.peerIds.join(', ') : 'none yet'}`)
      return storage
    } catch (error) {
      await link.close()
      throw error
    }
  }

  /** The other live nodes, as of the last heartbeat. */
  peers(): readonly string[] {
    return this.peerIds
  }

  /**
   * Calls `listener` when another node changed records (and once this node's
   * subscription is back after a cut, since pub/sub may have lost a message):
   * what is kept in memory from them is to be read again.
   */
  onRemoteChange(listener: () => void): () => void {
    this.remoteListeners.add(listener)
    return () => this.remoteListeners.delete(listener)
  }

  health(): ClusterHealth {
    const readerLagMs = this.reader.lagMs()
    const redis = this.link.isReachable() ? 'reachable' : 'unreachable'
    return { node: this.node, peers: this.peerIds, redis, readerLagMs, isHealthy: redis === 'reachable' && readerLagMs <= MAX_READER_LAG_MS }
  }

  isWriteStopped(): boolean {
    return !this.link.isReachable()
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    await this.documents.close()
    await this.records.close()
    await this.reader.stop()
    await this.link.call(['DEL', REDIS_KEYS.node(this.node)]).catch(() => {})
    await this.link.close()
  }

  private async subscribe(onError: (error: Error) => void): Promise<void> {
    let isFirst = true
    const subscriber = await this.link.dedicated(onError, (isUp) => {
      if (!isUp) return
      if (isFirst) isFirst = false
      else this.remoteChanged()
    })
    await subscriber.subscribe(REDIS_KEYS.recordsChanged, (writer) => writer !== this.node && this.remoteChanged())
    await subscriber.subscribe(REDIS_KEYS.awareness, (message) => this.awareness.receive(message))
  }

  private remoteChanged(): void {
    for (const listener of this.remoteListeners) listener()
  }

  /** Renews this node's key and reads who else is alive; logs nodes that joined or left. */
  private async beat(): Promise<void> {
    try {
      await this.link.call(['SET', REDIS_KEYS.node(this.node), String(Date.now()), 'PX', String(NODE_TTL_MS)])
      const found: string[] = []
      let cursor = '0'
      do {
        const reply = (await this.link.call(['SCAN', cursor, 'MATCH', REDIS_KEYS.nodePattern, 'COUNT', '100'])) as [unknown, unknown[]]
        cursor = String(reply[0])
        for (const key of reply[1]) found.push(String(key).slice(REDIS_KEYS.node('').length))
      } while (cursor !== '0')
      const peers = found.filter((id) => id !== this.node).sort()
      const joined = peers.filter((id) => !this.peerIds.includes(id))
      const left = this.peerIds.filter((id) => !peers.includes(id))
      if (this.peerIds.length > 0 || joined.length > 0) {
        if (joined.length > 0) this.log(`cluster: peer ${joined.join(', ')} joined`)
        if (left.length > 0) this.log(`cluster: peer ${left.join(', ')} left`)
      }
      for (const node of left) this.awareness.nodeGone(node)
      this.peerIds = peers
    } catch {
      // Reported by the connection's error handler; the next beat tries again.
    }
  }
}

async function checkSettings(link: RedisLink, url: string): Promise<void> {
  const current: Record<string, string> = {}
  for (const { name } of REQUIRED_REDIS_SETTINGS) {
    let reply: unknown
    try {
      reply = await link.call(['CONFIG', 'GET', name])
    } catch (error) {
      throw new HuddleError(
        'unavailable',
        `Redis at \`${url}\` refused \`CONFIG GET ${name}\` (${error instanceof Error ? error.message : String(error)}), so huddle cannot check that it keeps acknowledged updates. Allow CONFIG for huddle's user, then start again.`,
      )
    }
    const value = fieldsOf(reply).get(name)
    if (value !== undefined) current[name] = value.toString()
  }
  const problems = redisSettingProblems(current)
  if (problems.length > 0) throw new HuddleError('invalid', `Redis at \`${url}\` could lose acknowledged updates, so huddle will not start on it. ${problems.join(' ')}`)
}
