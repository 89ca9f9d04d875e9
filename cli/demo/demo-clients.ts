/** The demo's simulated agents: one client library instance each, as themselves, with its replica in memory. */
import { HuddleClient } from '../client/huddle-client.js'
import { MemoryReplicaStore } from '../client/memory-replica-store.js'
import { syncUrlOf } from '../client/replica-location.js'

export type DemoClients = ReadonlyMap<string, HuddleClient>

export async function openDemoClient(server: string, token: string): Promise<HuddleClient> {
  return HuddleClient.open({ server, syncUrl: syncUrlOf(server), token, store: new MemoryReplicaStore(), maxBackoffMs: 1000 })
}

/** Opens a client per user and waits until each has its inboxes. */
export async function openDemoClients(server: string, tokens: Readonly<Record<string, string>>, users: readonly string[]): Promise<Map<string, HuddleClient>> {
  const clients = new Map<string, HuddleClient>()
  for (const user of users) clients.set(user, await openDemoClient(server, tokens[user]!))
  await Promise.all([...clients.values()].map((client) => untilReady(client)))
  return clients
}

/** Waits until the client is in sync and knows its inboxes (or `timeoutMs` passed). */
export async function untilReady(client: HuddleClient, timeoutMs = 15_000): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const state = await client.settle(Math.max(1, timeoutMs - (Date.now() - started)))
    if (state.kind === 'online' && client.me() !== null && client.inboxList().length > 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function closeDemoClients(clients: DemoClients): Promise<void> {
  await Promise.allSettled([...clients.values()].map((client) => client.close()))
}
