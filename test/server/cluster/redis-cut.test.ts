import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { connectAckedClient, type AckedClient } from '../../helpers/acked-client.js'
import { CLUSTER_ADMIN, makeConversation, startNode, type ClusterNode } from '../../helpers/cluster-nodes.js'
import { startCuttableProxy, type CuttableProxy } from '../../helpers/cuttable-proxy.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis, type RedisProcess } from '../../helpers/redis-process.js'
import { until } from '../../helpers/until.js'

let redis: RedisProcess
let proxy: CuttableProxy
let a: ClusterNode & { stop(): Promise<void> }
let b: ClusterNode & { stop(): Promise<void> }

const noteIds = (client: AckedClient): Set<string> => new Set(new ConversationDoc(client.doc).readNotes().map((note) => note.id))

function writeEvery(client: AckedClient, prefix: string, ms: number): { readonly written: string[]; stop(): void } {
  const written: string[] = []
  const doc = new ConversationDoc(client.doc)
  const timer = setInterval(() => {
    const id = `${prefix}-${written.length}`
    doc.appendNote({ id, author: 'admin', body: id, at: Date.now(), mentions: [] })
    written.push(id)
  }, ms)
  return { written, stop: () => clearInterval(timer) }
}

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('a node cut off from Redis'), () => {
  beforeAll(async () => {
    redis = await startRedis()
    proxy = await startCuttableProxy(redis.port)
    a = await startNode(redis.url)
    b = await startNode(`redis://127.0.0.1:${proxy.port}`)
  })

  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await proxy?.close()
    await redis?.stop()
  })

  it('B cut off from Redis for 5 s during edits holds every note within a second after, and acknowledges its own', async () => {
    const { conversation } = await makeConversation(a.url)
    const onA = connectAckedClient(a.port, `conversation/${conversation}`, CLUSTER_ADMIN)
    const onB = connectAckedClient(b.port, `conversation/${conversation}`, CLUSTER_ADMIN)
    await until(() => onA.provider.synced && onB.provider.synced, 'both clients sync', 10_000)
    const fromA = writeEvery(onA, 'a', 20)
    const fromB = writeEvery(onB, 'b', 20)
    const cut = proxy.cut(5000)
    await until(() => b.lines.some((line) => line.startsWith('cluster: lost Redis')), 'B notices the cut', 5000)
    const health = await fetch(`${b.url}/healthz`)
    expect(health.status).toBe(503)
    expect(((await health.json()) as { cluster: { redis: string } }).cluster.redis).toBe('unreachable')
    await cut
    const backAt = Date.now()
    fromA.stop()
    const sentByA = [...fromA.written]
    await until(() => sentByA.every((id) => noteIds(onB).has(id)), "A's notes reach the client on B", 5000)
    expect(Date.now() - backAt).toBeLessThan(1000)
    fromB.stop()
    const wanted = Y.getState(onB.doc.store, onB.doc.clientID)
    await until(() => onB.acked() >= wanted, "B acknowledges its client's notes", 10_000)
    await until(() => fromB.written.every((id) => noteIds(onA).has(id)), "B's notes reach the client on A", 5000)
    expect(noteIds(onA)).toEqual(noteIds(onB))
    onA.provider.destroy()
    onB.provider.destroy()
  })
})
