import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { connectAckedClient } from '../../helpers/acked-client.js'
import { api, CLUSTER_ADMIN, startNode, type ClusterNode } from '../../helpers/cluster-nodes.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis, type RedisProcess } from '../../helpers/redis-process.js'
import { until } from '../../helpers/until.js'

let redis: RedisProcess
let a: ClusterNode & { stop(): Promise<void> }
let b: ClusterNode & { stop(): Promise<void> }

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('webhooks across nodes'), () => {
  beforeAll(async () => {
    redis = await startRedis()
    a = await startNode(redis.url)
    b = await startNode(redis.url)
  })

  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await redis?.stop()
  })

  it('the same MessageSid posted 10 times at once across A and B makes one conversation, every answer 2xx', async () => {
    const inbox = await api<{ id: string }>(a.url, 'POST', '/api/v1/inboxes', { name: 'Support' })
    await api(a.url, 'POST', `/api/v1/inboxes/${inbox.id}/members`, { add: ['admin'], remove: [] })
    await api(a.url, 'POST', '/api/v1/routing/rules', { address: '+15550100', toInbox: inbox.id })
    const form = new URLSearchParams({ From: '+447700900001', To: '+15550100', Body: 'Where is my order?', MessageSid: 'SM-cluster-1' }).toString()
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${(i % 2 === 0 ? a : b).url}/webhooks/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }),
      ),
    )
    expect(answers.map((answer) => Math.floor(answer.status / 100))).toEqual(Array(10).fill(2))
    const client = connectAckedClient(b.port, `inbox/${inbox.id}`, CLUSTER_ADMIN)
    await until(() => client.provider.synced, 'the inbox syncs', 10_000)
    const ids = new InboxDoc(client.doc).ids()
    expect(ids).toHaveLength(1)
    client.provider.destroy()
    const conversation = connectAckedClient(a.port, `conversation/${ids[0]}`, CLUSTER_ADMIN)
    await until(() => conversation.provider.synced, 'the conversation syncs', 10_000)
    expect(new ConversationDoc(conversation.doc).readMessages()).toHaveLength(1)
    conversation.provider.destroy()
  })
})
