import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'
import { until, untilAnswered } from '../../helpers/until.js'

let server: TestServer
let team: Team
let base: string

beforeEach(async () => {
  server = await startTestServer({ historySweepMs: 100 })
  team = await seedTeam(server, ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-history-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  const home = join(base, user)
  return runInProcess(argv, {
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), HUDDLE_SERVER: server.url, HUDDLE_TOKEN: team.tokens[user]! },
  })
}

type Shown = { status: string; messages: Array<{ body: string }>; notes: Array<{ body: string }>; history: Array<{ kind: string }> }

async function moveToHistory(id: string): Promise<void> {
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  await until(() => server.logs.some((l) => l.includes(`history: inbox/${team.inbox} moved 1 conversations`)), `${id} moves to history`, 15_000)
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 30 })
}

it('shows, notes and unarchives a conversation that is only in history, which unarchiving brings back to the live inbox', async () => {
  const c1 = await customerWrites(server, '+15550701000', 'Where is my refund?')
  expect((await huddle('alice', 'conversation', 'archive', c1)).code).toBe(0)
  await moveToHistory(c1)

  // Bob's computer never held it: it is found through the server.
  const shown = await huddle('bob', 'conversation', 'show', c1, '--json')
  expect(shown.stderr).toBe('')
  const detail = JSON.parse(shown.stdout) as Shown
  expect(detail.status).toBe('archived')
  expect(detail.messages.map((m) => m.body)).toEqual(['Where is my refund?'])
  expect(detail.history.map((h) => h.kind)).toEqual(['archive'])

  const noted = await huddle('bob', 'conversation', 'note', c1, '--body', 'Refund sent on Monday')
  expect(noted.stderr).toContain(`Added a note to conversation ${c1}.`)
  const unarchived = await huddle('bob', 'conversation', 'unarchive', c1)
  expect(unarchived.stderr).toContain(`Unarchived conversation ${c1}.`)

  // The server brings it back once it has applied the unarchive: poll its history with a deadline.
  await untilAnswered(async () => ((await server.api('GET', `/history?inbox=${team.inbox}`, undefined, team.tokens.bob)).records.length === 0 ? true : null), 'c1 leaves history', 15_000)
  const back = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout) as Shown
  expect(back.status).toBe('open')
  expect(back.notes.map((n) => n.body)).toEqual(['Refund sent on Monday'])
  expect(back.history.map((h) => h.kind)).toEqual(['archive', 'unarchive'])
})

it('right after the move, a conversation in history is shown on a computer whose replica still holds the old epoch', async () => {
  const c1 = await customerWrites(server, '+15550701001', 'Is the shop open on Sunday?')
  expect((await huddle('alice', 'conversation', 'archive', c1)).code).toBe(0)
  await moveToHistory(c1)
  const shown = await huddle('alice', 'conversation', 'show', c1, '--json')
  expect(shown.stderr).toBe('')
  expect((JSON.parse(shown.stdout) as Shown).messages.map((m) => m.body)).toEqual(['Is the shop open on Sunday?'])
})

it('offline, a conversation in history shown before is shown and noted from the replica; the note reaches the server later', async () => {
  const c1 = await customerWrites(server, '+15550701002', 'My parcel is damaged')
  expect((await huddle('alice', 'conversation', 'archive', c1)).code).toBe(0)
  await moveToHistory(c1)
  expect((await huddle('bob', 'conversation', 'show', c1)).code).toBe(0)

  await server.stop()
  const offline = await huddle('bob', 'conversation', 'show', c1)
  expect(offline.code).toBe(0)
  expect(offline.stderr).toContain('Offline:')
  expect(offline.stdout).toContain('My parcel is damaged')
  const noted = await huddle('bob', 'conversation', 'note', c1, '--body', 'Photo asked for')
  expect(noted.stderr).toContain(`Offline: added a note to conversation ${c1} on this computer`)

  await server.start()
  expect((await huddle('bob', 'sync')).code).toBe(0)
  const seen = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout) as Shown
  expect(seen.status).toBe('archived')
  expect(seen.notes.map((n) => n.body)).toEqual(['Photo asked for'])
})

it('says a conversation is neither live nor in history, quoting its id, once the server has been asked', async () => {
  const result = await huddle('bob', 'conversation', 'show', 'c-nosuchthing')
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('There is no conversation `c-nosuchthing` in your inboxes. List them with `huddle conversation list`.')
})
