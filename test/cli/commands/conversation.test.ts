import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LevelReplicaStore } from '../../../cli/client/level-replica-store.js'
import { replicaFolder } from '../../../cli/client/replica-location.js'
import { formatTime } from '../../../cli/output.js'
import { WHATSAPP_WINDOW_MS } from '../../../core/whatsapp-window.js'
import { ADDRESS, customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'

const HOUR = 3_600_000
let server: TestServer
let team: Team
let base: string
/** How far the server's clock is ahead of this machine's; clients correct theirs by it. */
let serverAhead = 0

beforeEach(async () => {
  serverAhead = 0
  server = await startTestServer({ now: () => Date.now() + serverAhead })
  team = await seedTeam(server, ['alice', 'bob', 'carol'], ['alice', 'bob'])
  base = await mkdtemp(join(tmpdir(), 'huddle-conversation-commands-'))
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

/** A customer message on WhatsApp to ADDRESS; answers the conversation's id. */
async function customerWritesOnWhatsApp(from: string, body: string): Promise<string> {
  return (await server.api('POST', '/inbound', { channel: 'whatsapp', from, to: ADDRESS, body })).conversation
}

function envOf(user: string): Record<string, string> {
  return {
    HOME: base,
    XDG_CONFIG_HOME: join(base, 'config'),
    XDG_DATA_HOME: join(base, `data-${user}`),
    HUDDLE_SERVER: server.url,
    HUDDLE_TOKEN: team.tokens[user] ?? 'hud_unknown-token',
  }
}

/** Runs `huddle …` in-process as `user`, with their own data folder. */
function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  return runInProcess(argv, { env: envOf(user) })
}

describe('huddle conversation list', () => {
  it('prints the conversations of the user’s inboxes as JSON', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const result = await huddle('alice', 'conversation', 'list', '--json')
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(rows).toEqual([
      {
        id: c1,
        inbox: 'sales',
        channel: 'sms',
        contact: '+15555550001',
        status: 'open',
        assignee: null,
        view: 'unassigned',
        priority: 'normal',
        labels: [],
        snoozedUntil: null,
        lastMessageAt: expect.any(Number),
        window: { kind: 'none' },
        sla: null,
      },
    ])
  })

  it('shows on WhatsApp rows the time left to reply freely, and that the window closed 24 hours after the customer’s last message, by the server’s clock', async () => {
    const onWhatsApp = await customerWritesOnWhatsApp('+447700900001', 'Is it in stock?')
    await customerWrites(server, '+15555550001', 'Hello')
    const open = await huddle('alice', 'conversation', 'list')
    expect(open.code).toBe(0)
    expect(open.stdout).toMatch(/^ID +INBOX +CHANNEL +CONTACT +VIEW +ASSIGNEE +PRIORITY +LABELS +LAST MESSAGE +WINDOW +PREVIEW\n/)
    expect(open.stdout).toMatch(new RegExp(`${onWhatsApp} .* whatsapp .* 23h 5\\dm left +Is it in stock\\?`))
    expect(open.stdout).toMatch(/ sms .* - +Hello/)
    const rows = JSON.parse((await huddle('alice', 'conversation', 'list', '--json')).stdout) as Array<{ id: string; lastMessageAt: number; window: unknown }>
    const whatsapp = rows.find((r) => r.id === onWhatsApp)!
    expect(whatsapp.window).toEqual({ kind: 'open', closesAt: whatsapp.lastMessageAt + WHATSAPP_WINDOW_MS })

    // Only the server's clock moves: a client that read its own clock would still show the window open.
    serverAhead = 25 * HOUR
    const closed = await huddle('alice', 'conversation', 'list')
    expect(closed.stdout).toMatch(new RegExp(`${onWhatsApp} .* whatsapp .* window closed +Is it in stock\\?`))
    const later = JSON.parse((await huddle('alice', 'conversation', 'list', '--json')).stdout) as Array<{ id: string; window: unknown }>
    expect(later.find((r) => r.id === onWhatsApp)!.window).toEqual({ kind: 'closed', closedAt: whatsapp.lastMessageAt + WHATSAPP_WINDOW_MS })
  })

  it('filters by view and inbox, and prints a table with the counts', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await customerWrites(server, '+15555550002', 'Hi')
    expect((await huddle('alice', 'conversation', 'claim', c1)).code).toBe(0)
    const mine = await huddle('alice', 'conversation', 'list', '--inbox', 'sales', '--view', 'mine')
    expect(mine.code).toBe(0)
    expect(mine.stdout).toMatch(/^ID +INBOX +CHANNEL +CONTACT +VIEW +ASSIGNEE +PRIORITY +LABELS +LAST MESSAGE +WINDOW +PREVIEW\n/)
    expect(mine.stdout.trim().split('\n')).toHaveLength(2)
    expect(mine.stdout).toContain(c1)
    expect(mine.stderr).toContain('Sales: 1 mine, 0 others, 1 unassigned, 0 archived, 0 snoozed.')
  })

  it('refuses an inbox the user is not a member of, listing theirs', async () => {
    const result = await huddle('alice', 'conversation', 'list', '--inbox', 'Support')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/not a member of an inbox `Support`. Your inboxes: Sales, personal\./)
  })

  it('refuses a view that does not exist as a usage error', async () => {
    const result = await huddle('alice', 'conversation', 'list', '--view', 'all')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/not one of mine, others, unassigned, archived/)
  })

  it('exits 4 for a token the server does not know', async () => {
    const result = await huddle('mallory', 'conversation', 'list')
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/token is not valid/)
  })

  it('exits 1 when the server cannot be reached and this computer has no copy yet', async () => {
    await server.stop()
    const result = await huddle('alice', 'conversation', 'list')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/not reachable.*no local copy/)
  })

  it('shows the last known state offline, and says so', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('alice', 'conversation', 'list')
    await server.stop()
    const result = await huddle('alice', 'conversation', 'list', '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).map((r: { id: string }) => r.id)).toEqual([c1])
    expect(result.stderr).toMatch(/^Offline: .* is not reachable; showing this computer's copy \(last in sync /)
  })
})

describe('huddle conversation show', () => {
  it('prints messages, notes and the history with a lost claim marked', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('alice', 'conversation', 'list')
    await huddle('bob', 'conversation', 'list')
    await server.stop()
    expect((await huddle('alice', 'conversation', 'claim', c1)).code).toBe(0)
    expect((await huddle('bob', 'conversation', 'claim', c1)).code).toBe(0)
    await server.start()
    expect((await huddle('alice', 'sync')).code).toBe(0)
    expect((await huddle('bob', 'conversation', 'note', c1, '--body', 'lost it')).code).toBe(0)
    const result = await huddle('bob', 'conversation', 'show', c1, '--json')
    expect(result.code).toBe(0)
    const detail = JSON.parse(result.stdout)
    expect(detail).toMatchObject({ id: c1, assignee: 'alice', view: 'others', status: 'open' })
    expect(detail.messages).toEqual([{ id: expect.any(String), direction: 'in', author: '+15555550001', body: 'Hello', at: expect.any(Number), status: null }])
    expect(detail.notes.map((n: { body: string }) => n.body)).toEqual(['lost it'])
    expect(detail.history.map((h: { actor: string; outcome: string; winner?: string }) => [h.actor, h.outcome, h.winner])).toEqual([
      ['alice', 'applied', undefined],
      ['bob', 'lost', 'alice'],
    ])
    const text = await huddle('bob', 'conversation', 'show', c1)
    expect(text.stdout).toMatch(/Bob: claim  LOST: Alice held it/)
  })

  it('shows the WhatsApp window open with its closing time, then closed, pointing to templates', async () => {
    const c1 = await customerWritesOnWhatsApp('+447700900001', 'Is it in stock?')
    const open = await huddle('alice', 'conversation', 'show', c1)
    expect(open.code).toBe(0)
    const detail = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout)
    const closesAt = detail.messages[0].at + WHATSAPP_WINDOW_MS
    expect(detail).toMatchObject({ channel: 'whatsapp', window: { kind: 'open', closesAt }, consent: null })
    expect(open.stdout).toMatch(new RegExp(`^WhatsApp window +23h 5\\dm left to reply freely \\(closes ${formatTime(closesAt)}\\)$`, 'm'))
    expect(open.stdout).not.toMatch(/^Consent/m)

    serverAhead = 25 * HOUR
    const closed = await huddle('alice', 'conversation', 'show', c1)
    expect(closed.stdout).toMatch(
      new RegExp(`^WhatsApp window +closed at ${formatTime(closesAt)}; only a structured template can be sent \\(\`huddle template list\`\\)$`, 'm'),
    )
    expect(JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout).window).toEqual({ kind: 'closed', closedAt: closesAt })
  })

  it('shows that an SMS contact who texted STOP is opted out until they text START', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const before = await huddle('alice', 'conversation', 'show', c1)
    expect(before.stdout).not.toMatch(/^(Consent|WhatsApp window)/m)
    expect(JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout)).toMatchObject({ window: { kind: 'none' }, consent: null })

    expect(await customerWrites(server, '+15555550001', 'Stop.')).toBe(c1)
    const out = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout)
    expect(out.consent).toEqual({ status: 'opted-out', keyword: 'STOP', at: out.messages[1].at })
    const text = await huddle('alice', 'conversation', 'show', c1)
    expect(text.stdout).toMatch(new RegExp(`^Consent +opted out — texted STOP at ${formatTime(out.consent.at)}; replies are refused until they text START$`, 'm'))

    await customerWrites(server, '+15555550001', 'START')
    const back = await huddle('alice', 'conversation', 'show', c1)
    expect(back.stdout).toMatch(/^Consent +opted in — texted START at /m)
    expect(JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout).consent).toMatchObject({ status: 'opted-in', keyword: 'START' })
  })

  it('says when there is no such conversation', async () => {
    const result = await huddle('alice', 'conversation', 'show', 'c-nope')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/no conversation `c-nope` in your inboxes/)
  })
})

describe('huddle conversation actions', () => {
  it('claims online and says the server stored it', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    const result = await huddle('alice', 'conversation', 'claim', c1)
    expect(result).toMatchObject({ code: 0, stdout: '' })
    expect(result.stderr).toBe(`Claimed conversation ${c1}.\n`)
  })

  it('acts offline, says how many changes wait, and exits 0', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('alice', 'conversation', 'list')
    await server.stop()
    const claim = await huddle('alice', 'conversation', 'claim', c1)
    expect(claim.code).toBe(0)
    expect(claim.stderr).toMatch(/^Offline: claimed conversation .* on this computer; waiting to sync \(1 change\)\./)
    const note = await huddle('alice', 'conversation', 'note', c1, '--body', 'later')
    expect(note.stderr).toMatch(/waiting to sync \(2 changes\)/)
    const sync = await huddle('alice', 'sync')
    expect(sync.code).toBe(1)
    expect(sync.stderr).toMatch(/not reachable\. 2 changes wait on this computer/)
    await server.start()
    const synced = await huddle('alice', 'sync', '--json')
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject({ sent: 2, pending: 0, notices: [] })
  })

  it('assigns to a member, and refuses a non-member', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    expect((await huddle('alice', 'conversation', 'assign', c1, '--to', 'bob')).stderr).toBe(`Assigned conversation ${c1} to bob.\n`)
    const refused = await huddle('alice', 'conversation', 'assign', c1, '--to', 'carol')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/`carol` is not a member of Sales/)
  })

  it('takes over, unassigns, archives and unarchives', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('bob', 'conversation', 'claim', c1)
    for (const verb of ['takeover', 'unassign', 'archive', 'unarchive']) expect((await huddle('alice', 'conversation', verb, c1)).code).toBe(0)
    const detail = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout)
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['claim', 'takeover', 'unassign', 'archive', 'unarchive'])
    expect(detail).toMatchObject({ status: 'open', assignee: null })
  })

  it('refuses an action the state does not allow, saying what to do', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    await huddle('bob', 'conversation', 'claim', c1)
    const result = await huddle('alice', 'conversation', 'claim', c1)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/assigned to bob; take it over with `huddle conversation takeover/)
  })

  it('needs --body for a reply and --to for an assignment', async () => {
    expect((await huddle('alice', 'conversation', 'reply', 'c-1')).code).toBe(2)
    expect((await huddle('alice', 'conversation', 'assign', 'c-1')).code).toBe(2)
  })

  it('replies, and the reply shows with its delivery status', async () => {
    const c1 = await customerWrites(server, '+15555550001', 'Hello')
    expect((await huddle('alice', 'conversation', 'reply', c1, '--body', 'Hi!')).stderr).toBe(`Replied in conversation ${c1}.\n`)
    const detail = JSON.parse((await huddle('alice', 'conversation', 'show', c1, '--json')).stdout)
    expect(detail.messages.map((m: { body: string }) => m.body)).toEqual(['Hello', 'Hi!'])
    expect(['queued', 'sent']).toContain(detail.messages[1].status)
  })
})

/** Bob replies offline to a new conversation from `phone` that alice claims meanwhile, so the server holds his reply; its id. */
async function replyHeldByAlicesClaim(phone: string, body: string): Promise<string> {
  const conversation = await customerWrites(server, phone, 'Hello')
  await huddle('bob', 'conversation', 'show', conversation)
  await server.stop()
  await huddle('bob', 'conversation', 'reply', conversation, '--body', body)
  await server.start()
  await huddle('alice', 'conversation', 'claim', conversation)
  return conversation
}

describe('huddle sync and held replies', () => {
  it('reports a mention and a held reply once, and lists the held reply until the server has discarded it', async () => {
    const c1 = await replyHeldByAlicesClaim('+15555550001', 'On my way')
    await huddle('alice', 'conversation', 'note', c1, '--body', '@bob mine, sorry')
    // The server holds the reply just after storing it: the next sync reports it if this one did not.
    const syncs = [await huddle('bob', 'sync'), await huddle('bob', 'sync'), await huddle('bob', 'sync')]
    expect(syncs.map((r) => r.code)).toEqual([0, 0, 0])
    const reported = syncs.map((r) => r.stdout).join('')
    expect(reported.match(/Alice mentioned you in conversation .*: “@bob mine, sorry”/g)).toHaveLength(1)
    expect(reported.match(/Your reply “On my way” in conversation .* is held: the conversation is now assigned to alice/g)).toHaveLength(1)
    expect(syncs[2]!.stdout).toBe('')
    const held = await huddle('bob', 'held', 'list', '--json')
    const list = JSON.parse(held.stdout)
    expect(list).toEqual([
      { conversation: c1, message: expect.any(String), body: 'On my way', reason: expect.stringMatching(/now assigned to alice/), at: expect.any(Number), decision: null },
    ])
    const discard = await huddle('bob', 'held', 'discard', list[0].message)
    expect(discard.code).toBe(0)
    expect(discard.stderr).toMatch(/^Discarded reply /)
    // The server drops the discarded reply; once bob's copy has heard so, it is no longer listed.
    let remaining: unknown[] = list
    for (let attempt = 0; attempt < 10 && remaining.length > 0; attempt++) {
      await huddle('bob', 'sync')
      remaining = JSON.parse((await huddle('bob', 'held', 'list', '--json')).stdout)
    }
    expect(remaining).toEqual([])
    const shown = JSON.parse((await huddle('bob', 'conversation', 'show', c1, '--json')).stdout)
    expect(shown.messages.find((m: { body: string }) => m.body === 'On my way').status).toBe('discarded')
  })
})

describe('huddle held send', () => {
  it('says the held reply is released to be sent', async () => {
    await replyHeldByAlicesClaim('+15555550002', 'Coming')
    let held: Array<{ message: string }> = []
    for (let attempt = 0; attempt < 10 && held.length === 0; attempt++) {
      await huddle('bob', 'sync')
      held = JSON.parse((await huddle('bob', 'held', 'list', '--json')).stdout)
    }
    expect(held).toHaveLength(1)
    const send = await huddle('bob', 'held', 'send', held[0]!.message)
    expect(send.code).toBe(0)
    expect(send.stderr).toMatch(new RegExp(`^Held reply ${held[0]!.message} released to be sent`))
  })
})

describe('while another huddle process (the dashboard) holds the local copy', () => {
  /** Holds alice's replica open as her dashboard would, for the length of `body`. */
  async function whileHeld(body: () => Promise<void>): Promise<void> {
    expect((await huddle('alice', 'sync')).code).toBe(0)
    const held = await LevelReplicaStore.open(replicaFolder(envOf('alice'), server.url, 'alice'))
    try {
      await body()
    } finally {
      await held.close()
    }
  }

  it('a command works from the server directly, and reports a change only once the server confirmed it', async () => {
    const id = await customerWrites(server, '+15555550001', 'Hello')
    await whileHeld(async () => {
      const listed = await huddle('alice', 'conversation', 'list', '--json')
      expect(listed.code).toBe(0)
      expect(listed.stderr).toContain('The local copy is in use by another huddle process (your dashboard?); this command works from the server directly.')
      expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((r) => r.id)).toEqual([id])
      const claimed = await huddle('alice', 'conversation', 'claim', id)
      expect(claimed.code).toBe(0)
      expect(claimed.stderr).toMatch(/^Claimed .*\.$/m)
    })
    const seenByBob = JSON.parse((await huddle('bob', 'conversation', 'list', '--json')).stdout) as Array<{ id: string; assignee: string | null }>
    expect(seenByBob).toEqual([expect.objectContaining({ id, assignee: 'alice' })])
  })

  it('refuses, saying why, when the server is not reachable either', async () => {
    await customerWrites(server, '+15555550001', 'Hello')
    await whileHeld(async () => {
      await server.stop()
      const listed = await huddle('alice', 'conversation', 'list')
      expect(listed.code).toBe(1)
      expect(listed.stderr).toContain('Another huddle process (your dashboard?) is using this computer’s local copy')
      expect(listed.stderr).toContain('Use the dashboard, or close it and try again.')
    })
  })
})
