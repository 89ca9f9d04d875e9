import * as decoding from 'lib0/decoding'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { MESSAGE } from '../../../core/wire.js'
import { connectAckedClient, type AckedClient } from '../../helpers/acked-client.js'
import { api, CLUSTER_ADMIN, makeConversation, startNode, type ClusterNode } from '../../helpers/cluster-nodes.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis, type RedisProcess } from '../../helpers/redis-process.js'
import { until } from '../../helpers/until.js'

let redis: RedisProcess
let a: ClusterNode & { stop(): Promise<void> }
let b: ClusterNode & { stop(): Promise<void> }
let inbox: string
let conversation: string
let bobToken: string

const noteIds = (client: AckedClient): string[] => new ConversationDoc(client.doc).readNotes().map((note) => note.id)

/** Every byte Redis holds for a document's log, as text, to look for a marker in. */
async function storedText(url: string, name: string): Promise<string> {
  const client = await createClient({ url }).connect()
  const entries = await client.sendCommand(['XRANGE', `huddle:doc:{${name}}:log`, '-', '+'])
  await client.close()
  return JSON.stringify(entries)
}

/** A client whose socket closing is recorded with its close code. */
function watchClose(client: AckedClient): { code: number | null; at: number | null } {
  const closed = { code: null as number | null, at: null as number | null }
  client.provider.on('connection-close', (event: { code: number } | null) => {
    if (closed.code === null && event) Object.assign(closed, { code: event.code, at: Date.now() })
  })
  return closed
}

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('access across nodes'), () => {
  beforeAll(async () => {
    redis = await startRedis()
    a = await startNode(redis.url)
    b = await startNode(redis.url)
    const bob = await api<{ token: string }>(a.url, 'POST', '/api/v1/users', { id: 'bob', name: 'Bob', licences: ['sms'] })
    bobToken = bob.token
    ;({ inbox, conversation } = await makeConversation(a.url, ['admin', 'bob']))
  })

  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await redis?.stop()
  })

  it('an update refused on A reaches neither Redis nor a client on B', async () => {
    const onA = connectAckedClient(a.port, `conversation/${conversation}`, CLUSTER_ADMIN)
    const onB = connectAckedClient(b.port, `conversation/${conversation}`, CLUSTER_ADMIN)
    let refusals = 0
    onA.provider.messageHandlers[MESSAGE.rejected] = (_encoder, decoder: decoding.Decoder) => {
      decoding.readVarString(decoder)
      refusals += 1
    }
    await until(() => onA.provider.synced && onB.provider.synced, 'both clients sync', 10_000)
    // A note in someone else's name: the server refuses it as forbidden.
    new ConversationDoc(onA.doc).appendNote({ id: 'forged', author: 'bob', body: 'forged-note-marker', at: Date.now(), mentions: [] })
    await until(() => refusals === 1, 'A refuses the update', 5000)
    new ConversationDoc(onB.doc).appendNote({ id: 'after', author: 'admin', body: 'after the forgery', at: Date.now(), mentions: [] })
    await until(() => noteIds(onA).includes('after'), 'a later note from B reaches A', 5000)
    expect(noteIds(onB)).not.toContain('forged')
    expect(await storedText(redis.url, `conversation/${conversation}`)).not.toContain('forged-note-marker')
    onA.provider.destroy()
    onB.provider.destroy()
  })

  it('removing a member through A closes their socket on B within a second', async () => {
    const carol = await api<{ token: string }>(a.url, 'POST', '/api/v1/users', { id: 'carol', name: 'Carol', licences: ['sms'] })
    await api(a.url, 'POST', `/api/v1/inboxes/${inbox}/members`, { add: ['carol'], remove: [] })
    const onB = connectAckedClient(b.port, `conversation/${conversation}`, carol.token)
    await until(() => onB.provider.synced, 'carol syncs on B', 10_000)
    const closed = watchClose(onB)
    const removedAt = Date.now()
    await api(a.url, 'POST', `/api/v1/inboxes/${inbox}/members`, { add: [], remove: ['carol'] })
    await until(() => closed.code !== null, 'carol is cut off on B', 5000)
    expect(closed.code).toBe(4403)
    expect(closed.at! - removedAt).toBeLessThan(1000)
    onB.provider.destroy()
  })

  it('a token replaced through A closes its socket on B within a second and is refused on every node', async () => {
    const onB = connectAckedClient(b.port, `conversation/${conversation}`, bobToken)
    await until(() => onB.provider.synced, 'bob syncs on B', 10_000)
    const closed = watchClose(onB)
    const rotatedAt = Date.now()
    const rotated = await api<{ token: string }>(a.url, 'POST', '/api/v1/users/bob/token')
    await until(() => closed.code !== null, 'bob is cut off on B', 5000)
    expect(closed.code).toBe(4401)
    expect(closed.at! - rotatedAt).toBeLessThan(1000)
    onB.provider.destroy()
    for (const node of [a, b]) {
      expect((await fetch(`${node.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${bobToken}` } })).status).toBe(401)
      expect((await fetch(`${node.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${rotated.token}` } })).status).toBe(200)
    }
  })
})

describe.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('starting on Redis'), () => {
  it('three nodes starting together on an empty Redis create the organisation and its admin once', async () => {
    const empty = await startRedis()
    const nodes = await Promise.all([0, 1, 2].map(() => startNode(empty.url, { adminToken: undefined })))
    try {
      const tokens = nodes.map((node) => node.server.createdAdminToken).filter((token) => token !== null)
      expect(tokens).toHaveLength(1)
      expect(nodes.flatMap((node) => node.lines.filter((line) => line.startsWith('Admin token:')))).toHaveLength(1)
      for (const node of nodes) {
        const users = await api<Array<{ id: string }>>(node.url, 'GET', '/api/v1/users', undefined, tokens[0]!)
        expect(users.map((user) => user.id)).toEqual(['admin'])
      }
    } finally {
      for (const node of nodes) await node.stop()
      await empty.stop()
    }
  })

  it.each([
    [['--appendonly', 'no', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'], 'appendonly no'],
    [['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'], 'appendfsync everysec'],
    [['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'allkeys-lru'], 'maxmemory-policy allkeys-lru'],
  ])('a node refuses a Redis with %j, naming `%s`', async (flags, setting) => {
    const unsafe = await startRedis(flags)
    try {
      await expect(startNode(unsafe.url)).rejects.toThrow(`\`${setting}\``)
    } finally {
      await unsafe.stop()
    }
  })
})
