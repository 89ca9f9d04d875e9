import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ONLINE_GRACE_MS, type AvailabilityStatus } from '../../../core/availability.js'
import { OrgDoc } from '../../../core/org-doc.js'
import { AvailabilityService } from '../../../server/availability/availability-service.js'
import { Database } from '../../../server/store/database.js'
import { until } from '../../helpers/until.js'
import { connect, startSyncFixture, synced, type Client, type SyncFixture } from '../../helpers/sync-fixture.js'

let fixture: SyncFixture
let db: Database
let dataDir: string
let service: AvailabilityService
let clock: number
let changes: Array<[string, AvailabilityStatus]>
const clients: Client[] = []

beforeEach(async () => {
  clock = Date.UTC(2026, 0, 5, 9)
  fixture = await startSyncFixture()
  dataDir = await mkdtemp(join(tmpdir(), 'huddle-availability-'))
  db = await Database.open(dataDir)
  service = await AvailabilityService.open({
    records: db.records,
    hub: fixture.sync,
    sockets: fixture.sync,
    directory: () => fixture.directory,
    now: () => clock,
    sweepMs: 20,
  })
  changes = []
  service.onChange((user, status) => changes.push([user, status]))
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await service.close()
  await fixture.close()
  await db.close()
  await rm(dataDir, { recursive: true, force: true })
})

function open(user: 'alice' | 'bob'): Client {
  const client = connect(fixture, user, 'org')
  clients.push(client)
  return client
}

async function leave(client: Client, user: string): Promise<void> {
  client.destroy()
  clients.splice(clients.indexOf(client), 1)
  await until(() => fixture.sync.openSockets(user) === 0, `the server sees ${user}'s socket close`)
}

describe('AvailabilityService', () => {
  it('keeps a user online for two minutes of the server clock after their last socket closed, then tells listeners and org', async () => {
    const bob = open('bob')
    await synced(bob)
    const alice = open('alice')
    await until(() => service.status('alice').online, 'alice is online')
    await leave(alice, 'alice')
    clock += ONLINE_GRACE_MS - 1
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(service.status('alice').online).toBe(true)
    clock += 1
    await until(() => new OrgDoc(bob.doc).readAvailability().alice?.online === false, 'bob sees alice offline in org')
    // Listeners are told once the publication is stored, which may be a moment after bob has it.
    await until(() => changes.filter(([user]) => user === 'alice').length === 2, 'listeners are told')
    expect(changes.filter(([user]) => user === 'alice')).toEqual([
      ['alice', { availability: 'available', online: true }],
      ['alice', { availability: 'available', online: false }],
    ])
  })

  it('tells listeners nothing when a user reconnects within the grace', async () => {
    await synced(open('alice'))
    await until(() => changes.length === 1, 'alice came online')
    await leave(clients[0]!, 'alice')
    clock += ONLINE_GRACE_MS / 2
    await synced(open('alice'))
    clock += ONLINE_GRACE_MS
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(changes).toEqual([['alice', { availability: 'available', online: true }]])
  })

  it('tells listeners of a choice, and stores it', async () => {
    const alice = fixture.directory.users.alice!
    await service.set(alice, 'alice', 'busy')
    expect(changes).toEqual([['alice', { availability: 'busy', online: false }]])
    expect(await db.records.get('availability/alice')).toEqual({ availability: 'busy', at: clock })
  })
})
