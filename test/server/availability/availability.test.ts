import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HuddleClient } from '../../../cli/client/huddle-client.js'
import { OpenClients, until } from '../../helpers/client-replica.js'
import { seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'

let server: TestServer
let team: Team
const opened = new OpenClients()

beforeEach(async () => {
  server = await startTestServer()
  team = await seedTeam(server, ['alice', 'bob', 'carol'], ['alice', 'bob'])
})

afterEach(async () => {
  await opened.closeAll()
  await server.close()
})

function open(user: string): Promise<HuddleClient> {
  return opened.open(server.url, team.tokens[user]!)
}

async function entryOf(user: string): Promise<{ availability: string; online: boolean }> {
  const list: Array<{ user: string; availability: string; online: boolean }> = await server.api('GET', '/availability')
  return list.find((entry) => entry.user === user)!
}

describe('availability on the server', () => {
  it('lists everyone available and offline before anyone connects, with names, in user-id order', async () => {
    const list = await server.api('GET', '/availability')
    expect(list.map((e: { user: string }) => e.user)).toEqual(['admin', 'alice', 'bob', 'carol'])
    expect(list[1]).toEqual({ user: 'alice', name: 'Alice', availability: 'available', online: false })
  })

  it("lists only an inbox's members when asked for one, by name", async () => {
    const list = await server.api('GET', '/availability?inbox=Sales', undefined, team.tokens.carol)
    expect(list.map((e: { user: string }) => e.user)).toEqual(['alice', 'bob'])
  })

  it("shows a colleague's choice and online state in their org document", async () => {
    const bob = await open('bob')
    const alice = await open('alice')
    await until(() => bob.availabilityOf('alice')?.online === true, 'bob sees alice online')
    expect(await alice.setAvailability('busy')).toEqual({ user: 'alice', name: 'Alice', availability: 'busy', online: true })
    await until(() => bob.availabilityOf('alice')?.availability === 'busy', 'bob sees alice busy')
  })

  it('keeps the choice across a restart', async () => {
    await server.api('PUT', '/availability/bob', { availability: 'away' }, team.tokens.bob)
    await server.stop()
    await server.start()
    expect(await entryOf('bob')).toMatchObject({ availability: 'away', online: false })
  })

  it("refuses a colleague's availability to a non-admin, and lets an admin set it", async () => {
    await expect(server.api('PUT', '/availability/alice', { availability: 'busy' }, team.tokens.bob)).rejects.toThrow(/403.*Only `alice` or an admin/)
    await server.api('PUT', '/availability/alice', { availability: 'away' })
    expect(await entryOf('alice')).toMatchObject({ availability: 'away' })
  })

  it('refuses a state that is not one, naming the choices', async () => {
    await expect(server.api('PUT', '/availability/bob', { availability: 'lunch' }, team.tokens.bob)).rejects.toThrow(
      /400.*Availability `lunch` is not one of available, busy, away/,
    )
  })
})
