import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAckedClient } from '../../helpers/acked-client.js'
import { buildCliOnce } from '../../helpers/cli-binary.js'
import { CLUSTER_ADMIN, makeConversation, startNode, type ClusterNode } from '../../helpers/cluster-nodes.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis, type RedisProcess } from '../../helpers/redis-process.js'
import { startServerProcess, type ServerProcess } from '../../helpers/server-process.js'
import { until } from '../../helpers/until.js'

let redis: RedisProcess
let folder: string
let a: ServerProcess
let b: ClusterNode & { stop(): Promise<void> }

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('presence across nodes'), () => {
  beforeAll(async () => {
    await buildCliOnce()
    folder = await mkdtemp(join(tmpdir(), 'huddle-presence-'))
    redis = await startRedis()
    b = await startNode(redis.url)
    a = await startServerProcess(join(folder, 'a'), { flags: ['--redis', redis.url], env: { HUDDLE_ADMIN_TOKEN: CLUSTER_ADMIN } })
  }, 60_000)

  afterAll(async () => {
    await a?.stop('SIGKILL')
    await b?.stop()
    await redis?.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('a cursor set on A shows on B, and leaves B within 5 s of A being killed with SIGKILL', async () => {
    const { conversation } = await makeConversation(b.url)
    const onB = connectAckedClient(b.port, `conversation/${conversation}`, CLUSTER_ADMIN)
    await until(() => onB.provider.synced, 'the client on B syncs', 10_000)
    const onA = connectAckedClient(a.port, `conversation/${conversation}`, CLUSTER_ADMIN)
    await until(() => onA.provider.synced, 'the client on A syncs', 10_000)
    onA.provider.awareness.setLocalStateField('cursor', { message: 'm-1', offset: 3 })
    const fromA = onA.doc.clientID
    const cursorOnB = (): unknown => (onB.provider.awareness.getStates().get(fromA) as { cursor?: unknown } | undefined)?.cursor
    await until(() => cursorOnB() !== undefined, 'the cursor reaches B', 5000)
    expect(cursorOnB()).toEqual({ message: 'm-1', offset: 3 })
    // Stop the client first, so only the node's death can remove its presence.
    onA.provider.shouldConnect = false
    const killedAt = Date.now()
    await a.stop('SIGKILL')
    await until(() => !onB.provider.awareness.getStates().has(fromA), 'the presence leaves B', 8000)
    expect(Date.now() - killedAt).toBeLessThan(5000)
    onA.provider.destroy()
    onB.provider.destroy()
  })
})
