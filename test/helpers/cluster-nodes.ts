/**
 * Several huddle nodes in this process sharing one real Redis, each on its
 * own port with its own data folder (its search index), all with a known
 * admin token; and a conversation to write to, made through node A's API.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { startServer } from '../../server/start.js'
import type { RunningServer, ServerOptions } from '../../server/server-options.js'

export const CLUSTER_ADMIN = 'hud_cluster-admin-token-0001'

export type ClusterNode = { readonly server: RunningServer; readonly port: number; readonly url: string; readonly lines: string[] }

/** Starts one node on `redisUrl`; `options` add to or replace its server options. */
export async function startNode(redisUrl: string, options: Partial<ServerOptions> = {}): Promise<ClusterNode & { stop(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'huddle-node-'))
  const lines: string[] = []
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(folder, 'data'),
    redisUrl,
    adminToken: CLUSTER_ADMIN,
    log: (line) => lines.push(line),
    ...options,
  })
  return {
    server,
    port: server.port,
    url: server.url,
    lines,
    async stop() {
      await server.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}

/** Calls the HTTP API of `base` as `token` (the admin by default), expecting 200. */
export async function api<T>(base: string, method: string, path: string, body?: unknown, token = CLUSTER_ADMIN): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as T
}

/** An inbox `Support` holding the admin, routed from `+15550100`, and a conversation in it; returns their ids. */
export async function makeConversation(base: string, members: readonly string[] = ['admin']): Promise<{ inbox: string; conversation: string }> {
  const inbox = await api<{ id: string }>(base, 'POST', '/api/v1/inboxes', { name: 'Support' })
  await api(base, 'POST', `/api/v1/inboxes/${inbox.id}/members`, { add: members, remove: [] })
  await api(base, 'POST', '/api/v1/routing/rules', { address: '+15550100', toInbox: inbox.id })
  const { conversation } = await api<{ conversation: string }>(base, 'POST', '/api/v1/inbound', {
    channel: 'sms',
    from: '+447700900001',
    to: '+15550100',
    body: 'My parcel is late',
  })
  return { inbox: inbox.id, conversation }
}
