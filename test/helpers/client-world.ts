/**
 * A real server with a seeded team, and the clients and replica folders a
 * test opens on it, all closed and removed by `dispose`.
 */
import type { HuddleClient } from '../../cli/client/huddle-client.js'
import { makeReplicaHome, openClient, type ReplicaHome } from './client-replica.js'
import { seedTeam, startTestServer, type Team, type TestServer } from './client-server.js'

export type ClientWorld = {
  readonly server: TestServer
  readonly team: Team
  /** A fresh replica folder. */
  home(): Promise<string>
  open(user: string, folder: string, options?: Parameters<typeof openClient>[3]): Promise<HuddleClient>
  close(client: HuddleClient): Promise<void>
  dispose(): Promise<void>
}

export async function startClientWorld(...team: Parameters<typeof seedTeam> extends [unknown, ...infer Rest] ? Rest : never): Promise<ClientWorld> {
  const server = await startTestServer()
  const seeded = await seedTeam(server, ...team)
  const homes: ReplicaHome[] = []
  const clients: HuddleClient[] = []
  return {
    server,
    team: seeded,
    async home() {
      const made = await makeReplicaHome()
      homes.push(made)
      return made.folder
    },
    async open(user, folder, options = {}) {
      const client = await openClient(server.url, seeded.tokens[user]!, folder, options)
      clients.push(client)
      return client
    },
    async close(client) {
      clients.splice(clients.indexOf(client), 1)
      await client.close()
    },
    async dispose() {
      for (const client of clients.splice(0)) await client.close()
      await server.close()
      for (const home of homes.splice(0)) await home.remove()
    },
  }
}
