import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { connectAckedClient, type AckedClient } from '../../helpers/acked-client.js'
import { CLUSTER_ADMIN, makeConversation, startNode, type ClusterNode } from '../../helpers/cluster-nodes.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis, type RedisProcess } from '../../helpers/redis-process.js'
import { until } from '../../helpers/until.js'

let redis: RedisProcess
let a: ClusterNode & { stop(): Promise<void> }
let b: ClusterNode & { stop(): Promise<void> }
let conversation: string

const open = (node: ClusterNode, name: string): AckedClient => connectAckedClient(node.port, name, CLUSTER_ADMIN)
const noteIds = (client: AckedClient): string[] => new ConversationDoc(client.doc).readNotes().map((note) => note.id).sort()

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('two nodes on one Redis'), () => {
  beforeAll(async () => {
    redis = await startRedis()
    a = await startNode(redis.url)
    b = await startNode(redis.url)
    ;({ conversation } = await makeConversation(a.url))
  })

  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await redis?.stop()
  })

  it('a client on node A sees a note written through node B at once', async () => {
    const onA = open(a, `conversation/${conversation}`)
    const onB = open(b, `conversation/${conversation}`)
    await until(() => onA.provider.synced && onB.provider.synced, 'both clients sync', 10_000)
    new ConversationDoc(onB.doc).appendNote({ id: 'from-b', author: 'admin', body: 'Written on B', at: Date.now(), mentions: [] })
    await until(() => noteIds(onA).includes('from-b'), 'the note reaches the client on A', 5000)
    onA.provider.destroy()
    onB.provider.destroy()
  })

  it('500 notes written on each node at once converge on both and on a fresh client', async () => {
    const onA = open(a, `conversation/${conversation}`)
    const onB = open(b, `conversation/${conversation}`)
    await until(() => onA.provider.synced && onB.provider.synced, 'both clients sync', 10_000)
    const write = (client: AckedClient, side: string): void => {
      const doc = new ConversationDoc(client.doc)
      for (let i = 0; i < 500; i++) doc.appendNote({ id: `${side}-${i}`, author: 'admin', body: `Note ${i}`, at: Date.now(), mentions: [] })
    }
    write(onA, 'a')
    write(onB, 'b')
    await until(() => onA.acked() >= Y.getState(onA.doc.store, onA.doc.clientID), 'A acknowledges its 500', 20_000)
    await until(() => onB.acked() >= Y.getState(onB.doc.store, onB.doc.clientID), 'B acknowledges its 500', 20_000)
    await until(() => noteIds(onA).length >= 1001 && noteIds(onB).length >= 1001, 'both clients hold every note', 20_000)
    expect(noteIds(onA)).toEqual(noteIds(onB))
    const fresh = open(b, `conversation/${conversation}`)
    await until(() => fresh.provider.synced, 'a fresh client syncs', 10_000)
    expect(noteIds(fresh)).toEqual(noteIds(onA))
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(onA.doc))
    for (const client of [onA, onB, fresh]) client.provider.destroy()
  })

  it('each node logs its id and the peers it sees', async () => {
    await until(() => a.lines.some((line) => /cluster: peer node-[0-9a-f]{8} joined/.test(line)), 'A sees B join', 5000)
    expect(b.lines.some((line) => /^Cluster node node-[0-9a-f]{8} on redis:\/\/127\.0\.0\.1:\d+; peers: node-[0-9a-f]{8}$/.test(line))).toBe(true)
  })

  it('/healthz says cluster, node, Redis reachable and the reader lag', async () => {
    const response = await fetch(`${b.url}/healthz`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { ok: boolean; cluster: { node: string; peers: string[]; redis: string; readerLagMs: number } }
    expect(body.ok).toBe(true)
    expect(body.cluster.node).toMatch(/^node-[0-9a-f]{8}$/)
    expect(body.cluster.peers).toHaveLength(1)
    expect(body.cluster.redis).toBe('reachable')
    expect(body.cluster.readerLagMs).toBeLessThan(1000)
  })
})
