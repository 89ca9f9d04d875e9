/**
 * The 10,000-conversation inbox that the client and dashboard benchmarks
 * load: its users and tokens, its conversations, and a real sync server on
 * LevelDB (run in a child process) that holds it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AssignmentEvent } from '../core/assignment-event.js'
import { addUser, changeMembers, createInbox, EMPTY_DIRECTORY, type Directory } from '../core/directory.js'
import { formatHlc } from '../core/hlc.js'
import { InboxDoc } from '../core/inbox-doc.js'
import { OrgDoc } from '../core/org-doc.js'
import type { Channel } from '../core/users.js'
import { grantFor } from '../server/directory/document-access.js'
import { Database } from '../server/store/database.js'
import { SyncServer } from '../server/sync/sync-server.js'

export const BIG_INBOX = 'inbox/big'
export const BIG_CONVERSATIONS = 10_000
export const VIEWER = 'viewer'
export const T0 = Date.UTC(2025, 10, 3, 8, 0, 0)

export const benchToken = (user: string): string => `bench-token-${user}`
export const conversationId = (i: number): string => `c-${String(i).padStart(5, '0')}`

/** An event of conversation i, stamped after its creation. */
export function benchEvent(i: number, n: number, kind: AssignmentEvent['kind'], actor: string): AssignmentEvent {
  return { id: `e-${i}-${n}`, kind, actor, at: formatHlc({ ms: T0 + i * 10 + n, counter: 0 }), saw: null }
}

/** The organisation: `agents` (the viewer among them), all members of the inbox `Big`. */
export function bigInboxDirectory(agents: readonly string[], nameOf: (id: string) => string = (id) => id): Directory {
  let dir = EMPTY_DIRECTORY
  for (const id of agents) dir = addUser(dir, { id, name: nameOf(id), licences: ['sms'] })
  dir = createInbox(dir, { name: 'Big' }).directory
  return changeMembers(dir, 'big', { add: [...agents], remove: [] }).directory
}

export type BigInboxShape = {
  readonly directory: Directory
  readonly eventsOf: (i: number) => AssignmentEvent[]
  readonly channelOf?: (i: number) => Channel
  readonly contactNameOf?: (i: number) => string | null
}

/**
 * Serves the inbox from a sync server on LevelDB in `dataDir`, prints
 * `<label> listening on port N`, and stops on SIGTERM. `onRequest` answers
 * plain HTTP requests (404 when absent).
 */
export async function serveBigInbox(
  dataDir: string,
  shape: BigInboxShape,
  label: string,
  onRequest?: (sync: SyncServer, request: IncomingMessage, response: ServerResponse) => void,
): Promise<void> {
  const dir = shape.directory
  const db = await Database.open(dataDir)
  const sync = new SyncServer({
    store: db.documents,
    access: {
      authenticate: async (given) => Object.values(dir.users).find((u) => benchToken(u.id) === given) ?? null,
      authorize: async (user, doc) => grantFor(dir, user, doc, null),
      revision: () => dir,
    },
  })
  await sync.change('org', (doc) => new OrgDoc(doc).publish(dir))
  await sync.change(BIG_INBOX, (doc) => {
    const inbox = new InboxDoc(doc)
    for (let i = 0; i < BIG_CONVERSATIONS; i++) {
      const id = conversationId(i)
      inbox.addConversation({
        id,
        channel: shape.channelOf?.(i) ?? 'sms',
        contact: `+1555${String(i).padStart(7, '0')}`,
        contactName: shape.contactNameOf?.(i) ?? null,
        address: '+15550100',
        createdAt: T0 + i * 10,
        linkedTo: null,
        lastMessageAt: T0 + i * 10,
        lastInboundAt: T0 + i * 10,
        lastInboundId: `m-${i}`,
        preview: `Hello, this is customer number ${i}; I have a question about my order.`,
      })
      for (const event of shape.eventsOf(i)) inbox.appendEvent(id, event)
    }
  })
  const http = createServer((request, response) => (onRequest ? onRequest(sync, request, response) : response.writeHead(404).end()))
  http.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const address = http.address()
  console.log(`${label} listening on port ${typeof address === 'object' && address ? address.port : 0}`)
  process.once('SIGTERM', () => {
    void (async () => {
      await sync.close()
      http.close()
      await db.close()
      process.exit(0)
    })()
  })
}
