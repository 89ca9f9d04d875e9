/**
 * The dashboard through ink-testing-library at a given terminal size, on a
 * source in memory: what each view shows, every key binding, the help, the
 * composer, the filter, notices, status, windowing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { hintsFor, KEY_BINDINGS, type Action, type Mode, type Pane } from '../../../../cli/dashboard/key-table.js'
import { themeFor } from '../../../../cli/dashboard/theme.js'
import { textWidth } from '../../../../cli/dashboard/text-width.js'
import { HuddleError } from '../../../../core/errors.js'
import { until } from '../../../helpers/until.js'
import { FakeSource, slaSource, T0, teamSource } from '../fake-source.js'
import { KEYS, renderDashboard, type Rendered } from '../render-dashboard.js'

const HOUR = 3_600_000
const open: Rendered[] = []

afterEach(() => {
  for (const r of open.splice(0)) r.unmount()
})

/** Sales: Omar (mine), Mei (Bob's), Jane and Amara (unassigned), Lucas (archived); Support: Noah (unassigned). */
function world(): FakeSource {
  const source = teamSource()
  source.addConversation({ id: 'c-lucas', inbox: 'inbox/sales', contactName: 'Lucas Moreau', preview: 'Thanks, all sorted', status: 'archived', assignee: 'carol', lastMessageAt: T0 })
  source.addConversation({ id: 'c-mei', inbox: 'inbox/sales', contactName: 'Mei Chen', channel: 'chat', preview: 'Can I book a test ride?', assignee: 'bob', lastMessageAt: T0 + 60_000 })
  source.addConversation({ id: 'c-omar', inbox: 'inbox/sales', contactName: 'Omar Haddad', preview: 'Is the Cargo Pro in stock?', assignee: 'alice', lastMessageAt: T0 + 120_000 })
  source.addConversation({ id: 'c-amara', inbox: 'inbox/sales', contact: '+15555550177', preview: 'Price for two bikes?', lastMessageAt: T0 + 180_000 })
  source.addConversation({ id: 'c-jane', inbox: 'inbox/sales', contactName: 'Jane Cooper', channel: 'whatsapp', preview: 'Where is my order?', lastMessageAt: T0 + 240_000 })
  source.addConversation({ id: 'c-noah', inbox: 'inbox/support', contactName: 'Noah Williams', preview: 'My chain snapped', lastMessageAt: T0 + 300_000 })
  return source
}

async function show(source: FakeSource, options: Parameters<typeof renderDashboard>[1] = {}): Promise<Rendered> {
  const rendered = await renderDashboard(source, options)
  open.push(rendered)
  return rendered
}

/** The text of the list pane (the middle column at 120 columns). */
function listText(r: Rendered): string {
  return r
    .lines()
    .map((line) => [...line].slice(28, 71).join(''))
    .join('\n')
}

function conversationText(r: Rendered): string {
  return r
    .lines()
    .map((line) => [...line].slice(71).join(''))
    .join('\n')
}

/** Text as a terminal in bracketed paste mode sends it. */
const paste = (text: string): string => `\u001b[200~${text}\u001b[201~`

const noticeLine = (r: Rendered): string => r.lines().at(-2) ?? ''
const statusLine = (r: Rendered): string => r.lines().at(-1) ?? ''
/** The notice line's text over all its lines (it takes several while read whole), without its lead and keys. */
const noticeText = (r: Rendered): string => {
  const lines = r.lines()
  const bottom = lines.findLastIndex((line) => /^[╰┗]/.test(line))
  return lines
    .slice(bottom + 1, -1)
    .map((line) => line.replace(/ {2}\[[^\]]*\]\s*$/, '').replace(/^ [!✓✗?](?: \(\d+ of \d+\))? /, '').trim())
    .join(' ')
}

/** Actions each test below exercises; the last test checks the table has no binding left untested. */
const covered = new Set<Action>()
const covers = (...actions: Action[]): void => actions.forEach((a) => covered.add(a))

describe('what the dashboard shows', () => {
  it('lists every inbox with its five views and counts, the personal inbox last', async () => {
    const r = await show(world())
    const sidebar = r.lines().map((l) => [...l].slice(0, 28).join('')).join('\n')
    expect(sidebar).toMatch(/Sales[\s\S]*1 Assigned to me +1[\s\S]*2 Assigned to other +1[\s\S]*3 Unassigned +2[\s\S]*4 Archived +1[\s\S]*5 Snoozed +0/)
    expect(sidebar).toMatch(/Support[\s\S]*3 Unassigned +1[\s\S]*Personal/)
    expect(sidebar.indexOf('Personal')).toBeGreaterThan(sidebar.indexOf('Support'))
  })

  it('starts on the first inbox holding conversations assigned to the agent', async () => {
    const r = await show(world())
    expect(r.lines()[0]).toContain('Sales · Assigned to me')
    expect(listText(r)).toContain('Omar Haddad')
    expect(listText(r)).not.toContain('Jane Cooper')
  })

  it('shows in each view its rows: channel as a word, contact or number, preview, assignee, age, unread marker', async () => {
    const source = world()
    const r = await show(source)
    covers('view-mine', 'view-others', 'view-unassigned', 'view-archived')
    await r.press('2')
    expect(r.lines()[0]).toContain('Sales · Assigned to other')
    expect(listText(r)).toMatch(/● Mei Chen +Bob +\d+m/)
    expect(listText(r)).toMatch(/Chat +Can I book a test ride\?/)
    await r.press('3')
    expect(listText(r)).toMatch(/● Jane Cooper[\s\S]*WhatsApp +23h 57m left · Where is my[\s\S]*\+15555550177[\s\S]*SMS +Price for two bikes\?/)
    await r.press('4')
    expect(listText(r)).toMatch(/Lucas Moreau +Carol/)
    await r.press('1')
    expect(listText(r)).toMatch(/Omar Haddad +you/)
  })

  it('shows on WhatsApp rows the time left to reply freely, or that the window has closed', async () => {
    const source = world()
    source.addConversation({ id: 'c-ines', inbox: 'inbox/sales', contactName: 'Ines Duarte', channel: 'whatsapp', preview: 'Still there?', lastMessageAt: T0 + 250_000, lastInboundAt: T0 - 25 * 3_600_000 })
    const r = await show(source)
    await r.press('3')
    expect(listText(r)).toMatch(/WhatsApp +window closed · Still there\?/)
    expect(listText(r)).toMatch(/WhatsApp +23h 57m left · Where is my/)
    expect(listText(r)).toMatch(/SMS +Price for two bikes\?/)
  })

  it('marks a conversation read once opened, and unread again when the customer writes', async () => {
    const source = world()
    const r = await show(source)
    await r.press('3')
    expect(listText(r)).toContain('● Jane Cooper')
    await r.press('enter', 'esc')
    expect(listText(r)).not.toContain('● Jane Cooper')
    source.change('c-jane', (c) => {
      c.lastInboundAt = c.lastMessageAt = Date.now() + 60_000
      c.preview = 'Hello?'
    })
    await r.settle()
    expect(listText(r)).toContain('● Jane Cooper')
  })

  it('shows the conversation: messages with direction, author and delivery, notes set apart, history with lost claims', async () => {
    const source = world()
    source.change('c-mei', (c) => {
      c.messages = [
        { id: 'm1', direction: 'in', author: 'visitor', body: 'Can I book a test ride?', at: T0, status: null },
        { id: 'm2', direction: 'out', author: 'bob', body: 'Sure, Saturday at 10?', at: T0 + 60_000, status: 'delivered' },
      ]
      c.notes = [{ id: 'n1', author: 'carol', body: 'Bring the large frame', at: T0 + 30_000, mentions: [] }]
      c.history = [
        { id: 'e1', kind: 'claim', actor: 'bob', at: T0 + 10_000, stamp: 'a', outcome: 'applied', assignee: 'bob', status: 'open' },
        { id: 'e2', kind: 'claim', actor: 'alice', at: T0 + 11_000, stamp: 'b', outcome: 'lost', winner: 'bob', assignee: 'bob', status: 'open' },
      ]
    })
    const r = await show(source)
    await r.press('2')
    const pane = conversationText(r)
    expect(pane).toContain('Mei Chen · Chat')
    expect(pane).toContain('Sales · Assigned to Bob Jones')
    expect(pane).toMatch(/← Mei Chen · \d\d:\d\d/)
    expect(pane).toMatch(/→ Bob Jones · \d\d:\d\d · delivered/)
    expect(pane).toMatch(/┃ Note · Carol Diaz[\s\S]*┃ Bring the large frame/)
    expect(pane).toContain('Your claim lost: Bob Jones was first')
  })

  it('shows who else is viewing and who is typing', async () => {
    const source = world()
    const r = await show(source)
    await r.press('enter')
    source.setPresence('c-omar', [
      { user: { id: 'bob', name: 'Bob Jones' }, isTyping: true },
      { user: { id: 'carol', name: 'Carol Diaz' }, isTyping: false },
    ])
    await r.settle()
    expect(conversationText(r)).toContain('Also here: Bob Jones (typing…), Carol Diaz')
  })

  it("shows the availability of who else is here in words beside their names", async () => {
    const source = world()
    source.setAvailability('bob', { availability: 'busy', online: true })
    source.setAvailability('carol', { availability: 'away', online: true })
    const r = await show(source, { columns: 160 })
    await r.press('enter')
    source.setPresence('c-omar', [
      { user: { id: 'bob', name: 'Bob Jones' }, isTyping: true },
      { user: { id: 'carol', name: 'Carol Diaz' }, isTyping: false },
    ])
    await r.settle()
    expect(conversationText(r)).toContain('Also here: Bob Jones · busy (typing…), Carol Diaz · away')
  })

  it('shows the user, server, connection and changes waiting to sync in the status bar, given the room', async () => {
    const source = world()
    const r = await show(source, { columns: 160 })
    expect(statusLine(r)).toMatch(/alice@127\.0\.0\.1:8787 +● online │ all changes synced │/)
    source.setStatus({ connection: { kind: 'offline', since: 0 }, pending: 2 })
    await r.settle()
    expect(statusLine(r)).toContain('○ offline, retrying │ 2 changes waiting to sync')
    source.setStatus({ connection: { kind: 'syncing' }, pending: 1 })
    await r.settle()
    expect(statusLine(r)).toContain('◐ syncing │ 1 change waiting to sync')
    expect(statusLine(r)).toMatch(/\? help +q quit$/)
  })

  it.each([
    [60, 20],
    [80, 24],
    [120, 40],
  ] as const)('at %i×%i gives the status bar’s room to the key hints first, each shown whole, and never cuts the sync count', async (columns, rows) => {
    const source = world()
    source.setStatus({ connection: { kind: 'offline', since: 0 }, pending: 12 })
    const r = await show(source, { columns, rows })
    const hintsShown = (): string[] => statusLine(r).split('│ ').at(-1)!.trim().split(/ {2,}/)
    const whole = (mode: Mode, pane: Pane): string[] => hintsFor(mode, pane).map((h) => `${h.label} ${h.hint}`)
    for (const [mode, pane, keys, kept] of [
      ['browse', 'list', [], ['? help', 'q quit']],
      ['compose', 'conversation', ['r'], ['Enter send', 'Esc keep draft']],
      ['browse', 'conversation', ['esc'], ['Esc back', '? help', 'q quit']],
    ] as const) {
      await r.press(...keys)
      const line = statusLine(r)
      expect(textWidth(line), line).toBeLessThanOrEqual(columns)
      expect(line).toMatch(/│ 12 (to sync|changes waiting to sync) │/)
      for (const hint of kept) expect(hintsShown(), line).toContain(hint)
      for (const hint of hintsShown()) expect(whole(mode, pane), line).toContain(hint)
      // Hints give way only once the user and the server have.
      if (hintsShown().length < whole(mode, pane).length) expect(line).not.toContain('alice')
      if (line.includes('127.0.0.1')) expect(hintsShown()).toEqual(whole(mode, pane))
    }
  })

  it('follows remote changes by itself: a conversation claimed elsewhere moves views and counts', async () => {
    const source = world()
    const r = await show(source)
    await r.press('3')
    source.change('c-jane', (c) => (c.assignee = 'bob'))
    await r.settle()
    expect(listText(r)).not.toContain('Jane Cooper')
    expect(r.frame()).toMatch(/2 Assigned to other +2/)
    await r.press('2')
    expect(listText(r)).toContain('Jane Cooper')
  })
})

describe('keys', () => {
  it('moves through the list with j k, arrows, g G, PgDn PgUp', async () => {
    covers('down', 'up', 'top', 'bottom', 'page-down', 'page-up')
    const source = teamSource()
    for (let i = 0; i < 60; i++) source.addConversation({ id: `c${i}`, inbox: 'inbox/sales', contactName: `Customer ${i}` })
    const r = await show(source)
    const position = (): string => /(\d+)\/60/.exec(r.lines()[0]!)?.[1] ?? ''
    expect(position()).toBe('1')
    await r.press('j', 'j', 'down')
    expect(position()).toBe('4')
    await r.press('k', 'up')
    expect(position()).toBe('2')
    await r.press('G')
    expect(position()).toBe('60')
    expect(listText(r)).toContain('› ● Customer 0 ')
    await r.press('g')
    expect(position()).toBe('1')
    await r.press('pageDown')
    expect(Number(position())).toBeGreaterThan(10)
    await r.press('pageUp')
    expect(position()).toBe('1')
    await r.press('end', 'home')
    expect(position()).toBe('1')
  })

  it('moves between panes with Tab, Shift-Tab, h and l, opening the conversation as it gets the focus', async () => {
    covers('next-pane', 'previous-pane')
    const source = world()
    const r = await show(source)
    await r.press('tab')
    expect(r.lines()[0]).toContain('▸ Omar Haddad · SMS')
    expect(source.open.has('c-omar')).toBe(true)
    await r.press('tab')
    expect(r.lines()[0]).toContain('▸ Inboxes')
    expect(source.open.has('c-omar')).toBe(false)
    await r.press('shiftTab')
    expect(r.lines()[0]).toContain('▸ Omar Haddad')
    await r.press('h', 'h')
    expect(r.lines()[0]).toContain('▸ Inboxes')
    await r.press('l')
    expect(r.lines()[0]).toContain('▸ Sales · Assigned to me')
  })

  it('moves through inboxes and views in the Inboxes pane, Enter going to the list', async () => {
    const r = await show(world())
    await r.press('shiftTab')
    expect(r.lines()[0]).toContain('▸ Inboxes')
    await r.press('j', 'j')
    expect(r.frame()).toContain('Sales · Unassigned')
    await r.press('G')
    expect(r.frame()).toContain('Personal · Snoozed')
    await r.press('g', 'enter')
    expect(r.lines()[0]).toContain('▸ Sales · Assigned to me')
  })

  it('switches inboxes with [ and ], and with the picker (i), which narrows as you type', async () => {
    covers('previous-inbox', 'next-inbox', 'pick-inbox')
    const r = await show(world())
    await r.press(']')
    expect(r.lines()[0]).toContain('Support · Assigned to me')
    await r.press(']')
    expect(r.lines()[0]).toContain('Personal · Assigned to me')
    await r.press('[', '[')
    expect(r.lines()[0]).toContain('Sales · Assigned to me')
    await r.press('i')
    expect(r.frame()).toContain('Go to inbox')
    await r.type('sup')
    expect(conversationText(r)).toContain('› Support')
    expect(conversationText(r)).not.toContain('Sales')
    await r.press('enter')
    expect(r.lines()[0]).toContain('Support · Assigned to me')
    await r.press('i', 'down', 'up', 'esc')
    expect(r.lines()[0]).toContain('Support · Assigned to me')
  })

  it('opens with Enter and goes back with Esc', async () => {
    covers('open', 'back')
    const source = world()
    const r = await show(source)
    expect(conversationText(r)).toContain('Preview · Enter opens it')
    await r.press('enter')
    expect(conversationText(r)).toContain('Nobody else is here')
    expect(source.open.has('c-omar')).toBe(true)
    await r.press('esc')
    expect(source.open.has('c-omar')).toBe(false)
    expect(r.lines()[0]).toContain('▸ Sales · Assigned to me')
  })

  it('scrolls a long conversation with j k g G, keeping the latest message in sight by default', async () => {
    const source = world()
    source.change('c-omar', (c) => {
      c.messages = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, direction: 'in' as const, author: 'x', body: `Message number ${i}`, at: T0 + i * 1000, status: null }))
    })
    const r = await show(source)
    await r.press('enter')
    expect(conversationText(r)).toContain('Message number 39')
    expect(conversationText(r)).not.toContain('Message number 0\n')
    await r.press('g')
    expect(conversationText(r)).toContain('Message number 0 ')
    expect(conversationText(r)).toContain('newer lines · G jumps to the latest')
    await r.press('G')
    expect(conversationText(r)).toContain('Message number 39')
    await r.press('k', 'k', 'k', 'k')
    expect(conversationText(r)).toContain('↓ 5 newer lines')
    await r.press('j')
    expect(conversationText(r)).toContain('↓ 4 newer lines')
  })

  it('claims with c; a conversation held by someone else is not claimed but offered to take over', async () => {
    covers('claim')
    const source = world()
    const r = await show(source)
    await r.press('3')
    await r.press('c')
    expect(source.calls.at(-1)).toEqual({ kind: 'claim', conversation: 'c-jane' })
    expect(noticeLine(r)).toContain('✓ Claimed Jane Cooper.')
    expect(listText(r)).not.toContain('Jane Cooper')
    expect(listText(r)).toContain('› ● +15555550177')
    await r.press('2', 'c')
    expect(noticeLine(r)).toContain('Mei Chen is assigned to Bob Jones; t takes it over.')
    expect(source.calls.filter((c) => c.kind === 'claim')).toHaveLength(1)
  })

  it('shows Snoozed with 5, each row saying when it wakes, and leaves snoozed ones out of the other views', async () => {
    covers('view-snoozed')
    const source = world()
    source.addConversation({ id: 'c-ivy', inbox: 'inbox/sales', contactName: 'Ivy Park', preview: 'Call me Friday', assignee: 'alice', snooze: { until: T0 + 5 * HOUR, at: T0 + 60_000 }, lastMessageAt: T0 + 30_000 })
    source.addConversation({ id: 'c-ray', inbox: 'inbox/sales', contactName: 'Ray Stone', preview: 'Will check', snooze: { until: 'reply', at: T0 + 400_000 }, lastMessageAt: T0 + 20_000 })
    const r = await show(source, { now: () => T0 + 420_000 })
    expect(listText(r)).not.toContain('Ivy Park')
    await r.press('5')
    expect(r.lines()[0]).toContain('Sales · Snoozed')
    expect(listText(r)).toMatch(/Ivy Park +you[\s\S]*wakes (today|\w{3} \d+ \w{3}) \d\d:\d\d/)
    expect(listText(r)).toMatch(/Ray Stone[\s\S]*until the customer writes/)
    const sidebar = r.lines().map((l) => [...l].slice(0, 28).join('')).join('\n')
    expect(sidebar).toMatch(/5 Snoozed +2/)
  })

  it('snoozes with z from a picker of quick choices or a typed time, and wakes a snoozed one with z', async () => {
    covers('snooze')
    const source = world()
    const now = T0 + 420_000
    const r = await show(source, { now: () => now })
    await r.press('3', 'z')
    expect(r.frame()).toContain('Snooze Jane Cooper…')
    expect(r.frame()).toMatch(/for an hour[\s\S]*for 3 hours[\s\S]*until tomorrow 09:00[\s\S]*until Monday 09:00[\s\S]*until next week[\s\S]*until the customer replies/)
    await r.press('down', 'enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'snooze', conversation: 'c-jane' })
    expect(source.conversations.get('c-jane')?.snooze?.until).toBe(now + 3 * HOUR)
    expect(noticeLine(r)).toContain('✓ Snoozed Jane Cooper for 3 hours.')
    expect(listText(r)).not.toContain('Jane Cooper')
    await r.press('z')
    await r.type('2h')
    expect(r.frame()).toContain('as typed')
    await r.press('enter')
    expect(source.conversations.get('c-amara')?.snooze?.until).toBe(now + 2 * HOUR)
    await r.press('z')
    await r.type('someday')
    await r.press('enter')
    expect(source.calls.filter((c) => c.kind === 'snooze')).toHaveLength(2)
    await r.press('esc', '5')
    expect(listText(r)).toMatch(/Jane Cooper[\s\S]*\+15555550177/)
    await r.press('z')
    expect(source.calls.at(-1)).toEqual({ kind: 'unsnooze', conversation: source.calls.at(-1)?.conversation })
    expect(source.conversations.get(source.calls.at(-1)!.conversation!)?.snooze).toBeNull()
    expect(noticeLine(r)).toMatch(/✓ Woke /)
  })

  it('takes over with t after asking; n leaves it as it was', async () => {
    covers('takeover', 'yes', 'no')
    const source = world()
    const r = await show(source)
    await r.press('2', 't')
    expect(noticeLine(r)).toContain('? Take over Mei Chen from Bob Jones?')
    expect(noticeLine(r)).toContain('y yes · n no')
    await r.press('n')
    expect(noticeLine(r)).toContain('Nothing changed.')
    expect(source.calls).toEqual([])
    await r.press('t', 'y')
    expect(source.calls.at(-1)).toEqual({ kind: 'takeover', conversation: 'c-mei' })
    expect(noticeLine(r)).toContain('Took over Mei Chen.')
  })

  it('cycles your availability with A and shows it in words in the status bar', async () => {
    covers('availability')
    const source = world()
    source.setAvailability('alice', { availability: 'available', online: true })
    const r = await show(source, { columns: 160 })
    expect(statusLine(r)).toMatch(/alice@127\.0\.0\.1:8787 · available +● online/)
    await r.press('A')
    await r.settle()
    expect(source.calls.at(-1)).toEqual({ kind: 'availability', detail: 'busy' })
    expect(statusLine(r)).toContain('alice@127.0.0.1:8787 · busy')
    expect(noticeLine(r)).toContain('You are now busy.')
    await r.press('A')
    await r.settle()
    expect(statusLine(r)).toContain('· away')
  })

  it('sets you away after the idle time without a key press, and available again at the next key', async () => {
    const source = world()
    source.setAvailability('alice', { availability: 'available', online: true })
    const r = await show(source, { columns: 160, idleAwayMs: 30 })
    await until(() => statusLine(r).includes('· away'), 'the idle sets away')
    expect(source.calls.at(-1)).toEqual({ kind: 'availability', detail: 'away' })
    expect(noticeLine(r)).toContain('Idle: you are now away. Press any key to be available again.')
    await r.press('j')
    // With so short an idle time it may go away again right after: look at what was set, in order.
    const set = (): unknown[] => source.calls.filter((c) => c.kind === 'availability').map((c) => c.detail)
    await until(() => set().length >= 2, 'the key sets available')
    expect(set().slice(0, 2)).toEqual(['away', 'available'])
  })

  it('leaves busy alone when idle, and a choice made meanwhile stands at the next key', async () => {
    const busy = world()
    busy.setAvailability('alice', { availability: 'busy', online: true })
    await show(busy, { idleAwayMs: 20 })
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(busy.calls).toEqual([])

    const source = world()
    source.setAvailability('alice', { availability: 'available', online: true })
    const r = await show(source, { columns: 160, idleAwayMs: 30 })
    await until(() => statusLine(r).includes('· away'), 'the idle sets away')
    // From another client, the agent says busy; the key press here must not undo it.
    source.setAvailability('alice', { availability: 'busy', online: true })
    await r.press('j')
    await r.settle()
    expect(source.calls.map((c) => c.detail)).toEqual(['away'])
  })

  it('refuses to change your availability offline, since the server keeps it', async () => {
    const source = world()
    source.setStatus({ connection: { kind: 'offline', since: 0 }, pending: 0 })
    const r = await show(source, { columns: 160 })
    await r.press('A')
    expect(source.calls).toEqual([])
    expect(noticeLine(r)).toContain('Your availability is kept by the server')
  })

  it("shows each member's availability in words in the assign picker, offline for one not connected", async () => {
    const source = world()
    source.setAvailability('bob', { availability: 'busy', online: true })
    source.setAvailability('carol', { availability: 'available', online: false })
    const r = await show(source)
    await r.press('3', 'a')
    expect(conversationText(r)).toMatch(/Bob Jones +@bob · busy/)
    expect(conversationText(r)).toMatch(/Carol Diaz +@carol · offline/)
  })

  it('assigns with a, choosing a member in the picker', async () => {
    covers('assign', 'submit', 'cancel')
    const source = world()
    const r = await show(source)
    await r.press('3', 'a')
    const picker = conversationText(r)
    expect(picker).toContain('Assign Jane Cooper to…')
    expect(picker).toMatch(/Alice Martin +@alice · you/)
    expect(picker).toContain('Bob Jones')
    expect(picker).toContain('Carol Diaz')
    await r.type('car')
    expect(conversationText(r)).not.toContain('Bob Jones')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'assign', conversation: 'c-jane', detail: 'carol' })
    expect(noticeLine(r)).toContain('Assigned Jane Cooper to Carol Diaz.')
    await r.press('a', 'esc')
    expect(source.calls).toHaveLength(1)
  })

  it('unassigns with u and archives or reopens with e', async () => {
    covers('unassign', 'archive')
    const source = world()
    const r = await show(source)
    await r.press('u')
    expect(source.calls.at(-1)).toEqual({ kind: 'unassign', conversation: 'c-omar' })
    await r.press('3', 'u')
    expect(noticeLine(r)).toContain('is not assigned to anyone')
    await r.press('e')
    expect(source.calls.at(-1)).toMatchObject({ kind: 'archive' })
    await r.press('4')
    await r.press('e')
    expect(source.calls.at(-1)).toMatchObject({ kind: 'unarchive' })
    expect(noticeLine(r)).toContain('Reopened')
  })

  it('says why an action failed, in the dashboard’s words: no backticks, no command to type', async () => {
    const source = world()
    const r = await show(source)
    source.failNext = new HuddleError('forbidden', 'You (`alice`) are not a member of inbox `Sales`. Ask an admin: `huddle inbox members "Sales" --add alice`.')
    await r.press('3', 'c')
    expect(noticeLine(r)).toContain('✗ You (alice) are not a member of inbox Sales. Ask an admin.')
    expect(noticeLine(r)).not.toContain('huddle')
    source.failNext = new HuddleError('conflict', 'Conversation `c-amara` is assigned to bob; take it over with `huddle conversation takeover c-amara`.')
    await r.press('c')
    expect(noticeLine(r)).toContain('✗ +15555550177 is assigned to bob.')
    expect(noticeLine(r)).not.toContain('c-amara')
  })

  it('shows help with ?, listing the bindings from the key table, and closes it with Esc, ? or q', async () => {
    covers('help')
    const r = await show(world())
    await r.press('?')
    expect(r.frame()).toContain('j ↓ for more')
    let frame = r.frame()
    for (let page = 0; page < 5; page++) {
      await r.press('pageDown')
      frame += r.frame()
    }
    expect(r.frame()).toContain('k ↑ back up')
    for (const b of KEY_BINDINGS.filter((b) => !b.modes.includes('help') || b.modes.length > 1)) expect(frame, b.help).toContain(b.help.slice(0, 30))
    expect(frame).toContain('while writing or filtering, keys are text')
    await r.press('esc')
    expect(r.frame()).not.toContain('keys are text')
    await r.press('?', '?')
    expect(r.frame()).not.toContain('keys are text')
    await r.press('?', 'q')
    expect(r.frame()).not.toContain('keys are text')
    expect(r.onQuit).not.toHaveBeenCalled()
  })

  it('quits with q and with Ctrl-C', async () => {
    covers('quit')
    const a = await show(world())
    await a.press('q')
    expect(a.onQuit).toHaveBeenCalledTimes(1)
    const b = await show(world())
    await b.press('ctrlC')
    expect(b.onQuit).toHaveBeenCalledTimes(1)
  })
})

describe('the composer', () => {
  it('refuses a reply on a channel the agent has no licence for, saying why', async () => {
    covers('reply')
    const source = world()
    const r = await show(source)
    await r.press('3', 'r')
    await r.press('m')
    expect(noticeText(r)).toBe('Replying on whatsapp needs the whatsapp licence, which alice does not hold; you can still read, note and assign. Ask an admin for it.')
    expect(conversationText(r)).not.toContain('Reply on')
  })

  it('writes a reply: while typing no binding fires, presence says typing, Enter sends', async () => {
    covers('delete-back', 'delete-word', 'clear-text')
    const source = world()
    const r = await show(source)
    await r.press('r')
    expect(conversationText(r)).toContain('Reply on SMS to Omar Haddad')
    expect(source.open.has('c-omar')).toBe(true)
    await r.type('quick check: jkl')
    await r.press('q', 'c', '?', '1', '/', 'G', 'tab')
    expect(r.onQuit).not.toHaveBeenCalled()
    expect(source.calls).toEqual([])
    expect(conversationText(r)).toContain('> quick check: jklqc?1/G█')
    expect(source.open.get('c-omar')).toBe(true)
    await r.press('backspace', 'ctrlW')
    expect(conversationText(r)).toContain('> quick check: █')
    await r.press('ctrlU')
    expect(conversationText(r)).toContain('> █')
    expect(source.open.get('c-omar')).toBe(false)
    await r.type('It is in stock, shall I reserve one?')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'reply', conversation: 'c-omar', detail: 'It is in stock, shall I reserve one?' })
    expect(conversationText(r)).not.toContain('Reply on SMS')
    expect(conversationText(r)).toMatch(/→ You · \d\d:\d\d · not yet on the server/)
    expect(noticeLine(r)).toContain('Reply to Omar Haddad saved and sending.')
  })

  it('writes a note with n, completing @members with Tab and the arrows, switching kind with Ctrl-T, keeping the draft on Esc', async () => {
    covers('note', 'complete', 'completion-next', 'completion-previous', 'switch-kind')
    const source = world()
    const r = await show(source)
    await r.press('n')
    expect(conversationText(r)).toContain('Internal note (only your team sees it)')
    await r.type('ask @')
    expect(conversationText(r)).toMatch(/@ ›bob \(Bob Jones\) + carol \(Carol Diaz\)/)
    await r.press('down')
    expect(conversationText(r)).toMatch(/@ +bob \(Bob Jones\) +›carol/)
    await r.press('up', 'tab')
    expect(conversationText(r)).toContain('┃ ask @bob █')
    await r.press('ctrlT')
    expect(conversationText(r)).toContain('Reply on SMS to Omar Haddad')
    await r.press('ctrlT')
    await r.type('about stock')
    await r.press('esc')
    expect(conversationText(r)).not.toContain('Internal note')
    await r.press('n')
    expect(conversationText(r)).toContain('┃ ask @bob about stock█')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'note', conversation: 'c-omar', detail: 'ask @bob about stock' })
    expect(conversationText(r)).toMatch(/┃ Note · You[\s\S]*┃ ask @bob about stock/)
  })

  it('edits anywhere in the text: the cursor moves by character, word and to either end, and typing goes where it is', async () => {
    covers('cursor-left', 'cursor-right', 'word-left', 'word-right', 'cursor-start', 'cursor-end')
    const source = world()
    const r = await show(source)
    await r.press('r')
    await r.type('Hello world')
    await r.press('left', 'left', 'left', 'left', 'left')
    expect(conversationText(r)).toContain('> Hello █world')
    await r.type('big ')
    expect(conversationText(r)).toContain('> Hello big █world')
    await r.press('ctrlLeft')
    expect(conversationText(r)).toContain('> Hello █big world')
    await r.press('metaB', 'ctrlF', 'ctrlB')
    expect(conversationText(r)).toContain('> █Hello big world')
    await r.press('metaF', 'right', 'ctrlRight')
    expect(conversationText(r)).toContain('> Hello big█ world')
    await r.press('backspace', 'backspace', 'backspace')
    expect(conversationText(r)).toContain('> Hello █ world')
    await r.type('new')
    await r.press('home')
    await r.type('Oh, ')
    await r.press('ctrlA', 'end', 'ctrlE')
    await r.type('!')
    expect(conversationText(r)).toContain('> Oh, Hello new world!█')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'reply', conversation: 'c-omar', detail: 'Oh, Hello new world!' })
  })

  it('completes an @member typed in the middle of a note, keeping the text after it', async () => {
    const source = world()
    const r = await show(source)
    await r.press('n')
    await r.type('ask  about stock')
    await r.press('metaB', 'metaB', 'left')
    await r.type('@ca')
    expect(conversationText(r)).toMatch(/@ ›carol \(Carol Diaz\)/)
    await r.press('tab')
    expect(conversationText(r)).toContain('┃ ask @carol █ about stock')
  })

  it('says how many lines are out of sight above and below, and counts an SMS reply’s characters and segments as it is written', async () => {
    const source = world()
    const r = await show(source)
    await r.press('r')
    expect(conversationText(r)).toContain('0 chars · 0 segments')
    const text = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n')
    await r.type(paste(text))
    expect(conversationText(r)).toContain('line 10█')
    expect(conversationText(r)).not.toContain('line 6')
    expect(conversationText(r)).toContain(`↑ 6 more lines · ${text.length} chars · 1 segment`)
    await r.press('home')
    expect(conversationText(r)).toContain('> █line 1')
    expect(conversationText(r)).toContain(`↓ 6 below · ${text.length} chars · 1 segment`)
    await r.press('end')
    // € is in GSM-7's extension table: the reply stays GSM-7, 160 septets to a single message.
    await r.type(` €${'x'.repeat(140)}`)
    expect(conversationText(r)).toContain(`${text.length + 142} chars · 2 segments`)
    // ç is not GSM-7: the whole reply becomes UCS-2, 67 characters a part.
    await r.type('ç')
    expect(conversationText(r)).toContain(`${text.length + 143} chars · 4 segments`)
  })

  it('shows no counter on a note, nor on a reply on another channel than SMS', async () => {
    const source = world()
    const r = await show(source)
    await r.press('n')
    await r.type('a note')
    expect(conversationText(r)).not.toContain('chars')
    await r.press('esc', '2', 'enter', 'r')
    expect(conversationText(r)).toContain('Reply on Chat to')
    await r.type('hello')
    expect(conversationText(r)).not.toContain('chars')
  })

  it('does not send an empty reply', async () => {
    const source = world()
    const r = await show(source)
    await r.press('r', 'enter')
    expect(source.calls.filter((c) => c.kind === 'reply')).toEqual([])
    expect(noticeLine(r)).toContain('Write the reply first; Esc stops writing.')
  })
})

/** Ines wrote on WhatsApp 25 hours ago (window closed); Jane wrote minutes ago (open); alice holds every licence; templates for WhatsApp and SMS. */
function templateWorld(): FakeSource {
  const source = world()
    .addUser('alice', 'Alice Martin', ['sms', 'whatsapp', 'chat'])
    .addTemplate({ name: 'order_shipped', channel: 'whatsapp', body: 'Hi {{name}}, order {{order}} has shipped.' })
    .addTemplate({ name: 'follow_up', channel: 'whatsapp', body: 'Hi {{name}}, is there anything else?', kind: 'flexible' })
    .addTemplate({ name: 'sms_hello', channel: 'sms', body: 'Hello from Northwind!' })
  source.addConversation({ id: 'c-ines', inbox: 'inbox/sales', contactName: 'Ines Duarte', channel: 'whatsapp', preview: 'Still there?', lastMessageAt: T0 + 250_000, lastInboundAt: T0 - 25 * 3_600_000 })
  return source
}

describe('templates in the composer', () => {
  it('outside WhatsApp’s window offers structured templates only, fills each placeholder, and sends the rendered text as a template reply', async () => {
    covers('next-field', 'previous-field')
    const source = templateWorld()
    const r = await show(source)
    await r.press('3')
    expect(conversationText(r)).toContain('Sales · Unassigned · 24h window closed')
    await r.press('r')
    expect(conversationText(r)).toContain('Structured template for Ines Duarte')
    expect(conversationText(r)).toContain('order_shipped  structured · Hi {{name}}')
    expect(conversationText(r)).not.toContain('follow_up')
    expect(conversationText(r)).not.toContain('sms_hello')
    await r.press('enter')
    expect(conversationText(r)).toContain('── Template order_shipped (structured) ──')
    expect(conversationText(r), 'the rule runs to the edge, not cut short').not.toContain('─…')
    expect(conversationText(r)).toContain('> Hi {{name}}, order {{order}} has shipped.')
    expect(conversationText(r)).toContain('› name: █')
    await r.type('Ines q')
    await r.press('backspace', 'backspace')
    expect(r.onQuit).not.toHaveBeenCalled()
    expect(conversationText(r)).toContain('> Hi Ines, order {{order}} has shipped.')
    await r.press('enter')
    expect(conversationText(r)).toContain('› order: █')
    await r.type('1042')
    await r.press('shiftTab')
    expect(conversationText(r)).toContain('› name: Ines█')
    await r.press('down')
    expect(conversationText(r)).toContain('› order: 1042█')
    expect(source.calls).toEqual([])
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({
      kind: 'reply',
      conversation: 'c-ines',
      detail: 'Hi Ines, order 1042 has shipped.',
      template: { name: 'order_shipped', params: { name: 'Ines', order: '1042' } },
    })
    expect(noticeLine(r)).toContain('Template order_shipped to Ines Duarte saved and sending.')
    expect(conversationText(r)).not.toContain('Template order_shipped (')
  })

  it('says which placeholder is still empty, and will not let a structured template’s text be edited', async () => {
    const source = templateWorld()
    const r = await show(source)
    await r.press('3', 'r', 'enter', 'enter')
    expect(noticeLine(r)).toContain('Fill in {{name}} first; Tab moves between the placeholders.')
    await r.press('ctrlE')
    expect(noticeLine(r)).toContain('Template order_shipped is structured: only its placeholders may change')
    await r.press('esc')
    expect(conversationText(r)).not.toContain('Template order_shipped')
    expect(source.calls).toEqual([])
  })

  it('says so when an admin removes the template being filled', async () => {
    const source = templateWorld()
    const r = await show(source)
    await r.press('3', 'r', 'enter')
    delete source.templateList.order_shipped
    source.touch()
    await r.type('Ines')
    expect(noticeLine(r)).toContain('Template order_shipped is no longer there (an admin removed it); ^o picks another, Esc stops.')
    expect(source.calls).toEqual([])
  })

  it('inside the window, Ctrl-O inserts a template of the channel, and a flexible one’s text can be edited with Ctrl-E before sending', async () => {
    covers('pick-template', 'edit-template')
    const source = templateWorld()
    const r = await show(source)
    await r.press('3', 'j')
    expect(conversationText(r)).toContain('Jane Cooper · WhatsApp')
    expect(conversationText(r)).toMatch(/Sales · Unassigned · 23h 5\dm left to reply/)
    await r.press('r')
    await r.type('my draft')
    await r.press('ctrlO')
    expect(conversationText(r)).toContain('Template for Jane Cooper')
    expect(conversationText(r)).toMatch(/follow_up +flexible[\s\S]*order_shipped +structured/)
    await r.type('fol')
    await r.press('enter')
    expect(conversationText(r)).toContain('Template follow_up (flexible)')
    await r.type('Jane')
    await r.press('ctrlE')
    expect(conversationText(r)).toContain('── Reply from template follow_up (edited) ──')
    expect(conversationText(r)).toContain('> Hi Jane, is there anything else?█')
    await r.press('ctrlW')
    await r.type('more I can do?')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({
      kind: 'reply',
      conversation: 'c-jane',
      detail: 'Hi Jane, is there anything more I can do?',
      template: { name: 'follow_up', params: { name: 'Jane' } },
    })
    await r.press('r')
    expect(conversationText(r)).toContain('> my draft█')
  })

  it('with no structured WhatsApp template, a closed window says to ask an admin for one; a note still works', async () => {
    const source = world().addUser('alice', 'Alice Martin', ['sms', 'whatsapp', 'chat'])
    source.addConversation({ id: 'c-ines', inbox: 'inbox/sales', contactName: 'Ines Duarte', channel: 'whatsapp', preview: 'Still there?', lastMessageAt: T0 + 250_000, lastInboundAt: T0 - 25 * 3_600_000 })
    const r = await show(source)
    await r.press('3', 'r')
    expect(source.calls).toEqual([])
    await r.press('m')
    expect(noticeText(r)).toBe('WhatsApp’s 24-hour window for Ines Duarte has closed, so only a structured template can be sent, and there is no structured WhatsApp template: ask an admin to add one. A note still works.')
    expect(conversationText(r)).not.toContain('Reply on')
    await r.press('n')
    expect(conversationText(r)).toContain('Internal note')
  })

  it('shows that an SMS contact opted out, and refuses a reply to them with the reason the server gives', async () => {
    const source = world()
    source.change('c-omar', (c) => {
      c.consent = { status: 'opted-out', keyword: 'STOP', at: T0 }
    })
    const r = await show(source)
    expect(conversationText(r)).toContain('Sales · Assigned to you · opted out (STOP)')
    await r.press('r')
    // The server's sentence, with the conversation named by its contact as every notice does.
    expect(noticeLine(r)).toContain('The contact of Omar Haddad texted STOP at 2025-11-25 09:00Z, so SMS replies to them are refused until they')
    expect(conversationText(r)).not.toContain('Reply on')
  })
})

describe('the filter', () => {
  it('narrows the list as you type, takes no binding while typing, keeps with Enter and clears with Esc', async () => {
    covers('filter')
    const source = world()
    const r = await show(source)
    await r.press('3', '/')
    await r.type('jane')
    expect(listText(r)).toContain('/ jane█')
    expect(listText(r)).toContain('Jane Cooper')
    expect(listText(r)).not.toContain('+15555550177')
    await r.press('q', 'c')
    expect(r.onQuit).not.toHaveBeenCalled()
    expect(source.calls).toEqual([])
    expect(listText(r)).toContain('Nothing matches “janeqc”')
    await r.press('backspace', 'backspace', 'enter')
    expect(listText(r)).toContain('Filter: jane · 1 of 2 · Esc clears')
    await r.press('c')
    expect(source.calls.at(-1)).toEqual({ kind: 'claim', conversation: 'c-jane' })
    await r.press('esc')
    expect(listText(r)).not.toContain('Filter:')
    expect(listText(r)).toContain('+15555550177')
  })

  it('takes a paste whole as text: lines kept in the composer, none of it a key binding', async () => {
    const source = world()
    const r = await show(source)
    await r.press('r')
    await r.type(paste('Hi Omar,\r\nyes, it is in stock.\r\ne t a q\r\n'))
    expect(r.onQuit).not.toHaveBeenCalled()
    expect(source.calls).toEqual([])
    expect(conversationText(r)).toContain('yes, it is in stock.')
    expect(conversationText(r)).toContain('e t a q█')
    await r.press('enter')
    expect(source.calls).toEqual([{ kind: 'reply', conversation: 'c-omar', detail: 'Hi Omar,\nyes, it is in stock.\ne t a q' }])
  })

  it('joins a pasted text’s lines with a space in the filter and a picker, and drops escape sequences', async () => {
    const source = world()
    const r = await show(source)
    await r.press('3', '/')
    await r.type(paste('jane\r\n\u001b[31mcooper\u001b[0m\r\n'))
    expect(listText(r)).toContain('/ jane cooper█')
    expect(listText(r)).toContain('Jane Cooper')
    await r.press('esc', 'a')
    await r.type(paste('Bob\nJones'))
    expect(r.frame()).toContain('Bob Jones')
    expect(r.frame()).not.toContain('Carol Diaz')
    expect(source.calls).toEqual([])
  })

  it('fills a template placeholder from a paste, on one line', async () => {
    const source = world()
    source.addTemplate({ name: 'ready', channel: 'sms', body: 'Hi {{name}}, your bike is ready.' })
    const r = await show(source)
    await r.press('r', 'ctrlO', 'enter')
    await r.type(paste('Omar\r\nHaddad'))
    expect(conversationText(r)).toContain('Hi Omar Haddad, your bike is ready.')
  })

  it('does nothing with a paste while browsing, and says so', async () => {
    const source = world()
    const r = await show(source)
    await r.type(paste('eeee\rtq'))
    expect(source.calls).toEqual([])
    expect(r.onQuit).not.toHaveBeenCalled()
    expect(noticeLine(r)).toContain('Nothing was pasted')
    await r.press('e')
    expect(source.calls).toEqual([{ kind: 'archive', conversation: 'c-omar' }])
  })

  it('matches numbers, channels and assignees too', async () => {
    const r = await show(world())
    await r.press('2', '/')
    await r.type('bob')
    expect(listText(r)).toContain('Mei Chen')
    await r.press('esc', '3', '/')
    await r.type('whatsapp')
    expect(listText(r)).toContain('Jane Cooper')
    expect(listText(r)).not.toContain('+15555550177')
  })
})

describe('notices', () => {
  it('names the winner of a lost claim; x dismisses, o opens the conversation', async () => {
    covers('notice-dismiss', 'notice-open')
    const source = world()
    source.setNotices([
      { kind: 'lost-claim', key: 'lost:1', conversation: 'c-mei', inbox: 'inbox/sales', winner: 'bob', wonAt: T0, at: T0 + 1000 },
      { kind: 'taken-over', key: 'taken:1', conversation: 'c-noah', inbox: 'inbox/support', by: 'bob', to: 'bob', at: T0 + 2000 },
      { kind: 'mention', key: 'mention:1', conversation: 'c-omar', author: 'carol', body: '@alice can you   call them?', at: T0 + 3000 },
    ])
    const r = await show(source)
    expect(noticeLine(r)).toMatch(/! \(1 of 3\) Your claim of Mei Chen lost: Bob Jones claimed it first, at \d\d:\d\d\./)
    await r.press('x')
    expect(source.reported.has('lost:1')).toBe(true)
    expect(noticeLine(r)).toContain('! (1 of 2) Bob Jones took over Noah Williams from you.')
    await r.press('o')
    expect(r.lines()[0]).toContain('Support · Unassigned')
    expect(r.lines()[0]).toContain('▸ Noah Williams')
    expect(source.open.has('c-noah')).toBe(true)
    expect(noticeLine(r)).toContain('Carol Diaz mentioned you on Omar Haddad: “@alice can you call them?”')
  })

  it('reads a notice too long for its line whole with m, the panes giving it room, and folds it with m again', async () => {
    covers('notice-expand')
    const source = world()
    const reason = 'the customer has written again since you wrote this reply'
    source.setNotices([{ kind: 'held', key: 'held:m1', conversation: 'c-omar', message: 'm1', body: 'Yes, the Cargo Pro is in stock in blue and in green, shall I reserve one?', at: T0, reason }])
    const r = await show(source, { columns: 80, rows: 24 })
    expect(noticeLine(r)).toMatch(/Your reply to Omar Haddad is held.*…/)
    await r.press('m')
    const lines = r.lines()
    expect(lines).toHaveLength(24)
    const notice = lines.slice(lines.findIndex((line) => line.includes('Your reply to')), -1)
    expect(notice.length).toBeGreaterThan(1)
    expect(notice[0]).toContain('[m fold · s send · d discard · o open]')
    expect(noticeText(r)).toBe(`Your reply to Omar Haddad is held (${reason}): “Yes, the Cargo Pro is in stock in blue and in green, shall I reserve one?”`)
    // The panes end above the notice, still whole.
    expect(lines[lines.length - notice.length - 2]).toMatch(/^[╰┗]/)
    expect(statusLine(r)).toContain('q quit')
    await r.press('m')
    expect(r.lines()).toHaveLength(24)
    expect(noticeLine(r)).toContain('[m more · s send · d discard · o open]')
    expect(r.lines().at(-3)).toMatch(/^[╰┗]/)
  })

  it('says there is nothing to read whole when no notice is shown', async () => {
    const r = await show(world())
    await r.press('m')
    expect(noticeLine(r)).toContain('No notice to read.')
  })

  it('offers a held reply to send (s) or discard (d, after asking)', async () => {
    covers('held-send', 'held-discard')
    const source = world()
    source.setNotices([
      { kind: 'held', key: 'held:m1', conversation: 'c-omar', message: 'm1', body: 'Yes, in stock', reason: 'the customer has written again since you wrote this reply', at: T0 },
      { kind: 'held', key: 'held:m2', conversation: 'c-omar', message: 'm2', body: 'Never mind', reason: 'the conversation was taken over', at: T0 + 1 },
    ])
    const r = await show(source)
    expect(noticeLine(r)).toContain('! (1 of 2) Your reply to Omar Haddad is held (the customer has written again')
    expect(noticeLine(r)).toContain('[m more · s send · d discard · o open]')
    await r.press('s')
    expect(source.calls.at(-1)).toEqual({ kind: 'send-held', conversation: 'c-omar', detail: 'm1' })
    expect(source.reported.has('held:m1')).toBe(true)
    await r.press('d')
    expect(noticeLine(r)).toContain('Discard your held reply? It will not be sent.')
    await r.press('y')
    expect(source.calls.at(-1)).toEqual({ kind: 'discard-held', conversation: 'c-omar', detail: 'm2' })
    await r.press('s')
    expect(noticeLine(r)).toContain('No held reply is shown')
  })
})

describe('the frame', () => {
  it('is never taller or wider than the terminal, at any size', async () => {
    for (const [columns, rows] of [
      [120, 40],
      [100, 30],
      [80, 24],
      [60, 20],
      [40, 12],
    ] as const) {
      for (const kind of ['n', 'r']) {
        const r = await show(world(), { columns, rows })
        await r.press('3', 'enter', kind)
        await r.type('a text that is long enough to wrap over a few lines of the composer in a narrow pane, and more @')
        const lines = r.lines()
        expect(lines.length, `${columns}×${rows}`).toBe(rows)
        for (const line of lines) expect(textWidth(line), `${columns}×${rows}: ${line}`).toBeLessThanOrEqual(columns)
        // Nothing spills over a pane's bottom border.
        expect(lines[rows - 3], `${columns}×${rows}`).toMatch(/^[╰┗]/)
        expect(lines[rows - 3]!.trimEnd(), `${columns}×${rows}`).toMatch(/[╯┛]$/)
        r.unmount()
      }
    }
  })

  it('shows the views as tabs in the list when the Inboxes pane does not fit, and one pane on a narrow terminal', async () => {
    const wide = await show(world(), { columns: 90, rows: 24 })
    // Five tabs need more than this list's 43 cells in words, so they show as numbers with their counts.
    expect(wide.frame()).toMatch(/›1:1 +2:1 +3:2 +4:1 +5:0/)
    const narrow = await show(world(), { columns: 50, rows: 20 })
    expect(narrow.lines()[0]).toContain('Sales · Assigned to me')
    await narrow.press('enter')
    expect(narrow.lines()[0]).toContain('▸ Omar Haddad · SMS')
  })

  it('says how to become a member when the agent has no inbox', async () => {
    const source = new FakeSource('dana').addUser('dana', 'Dana Park')
    const r = await show(source)
    expect(listText(r).replace(/[┃│]/g, '').replace(/\s+/g, ' ')).toContain('You are not a member of any inbox yet. Ask an admin to add you: huddle inbox members INBOX --add dana')
    source.setStatus({ connection: { kind: 'connecting' }, pending: 0 })
    await r.settle()
    expect(r.frame()).toContain('Waiting for your inboxes…')
  })

  it('opens the search screen with S from any pane, and Esc goes back to where the agent was', async () => {
    covers('search', 'cancel')
    const r = await show(world())
    await r.press('enter')
    expect(r.lines()[0]).toContain('▸ Omar Haddad')
    await r.press('S')
    expect(r.frame()).toContain('Search is not available here.')
    await r.press('esc')
    expect(r.frame()).not.toContain('Search is not available here.')
    expect(r.frame()).toContain('▸ Omar Haddad')
  })

  it('asks for a bigger terminal when it is too small', async () => {
    const r = await show(world(), { columns: 30, rows: 8 })
    expect(r.frame().replace(/\s+/g, ' ')).toContain('The terminal is too small (30×8): huddle needs 40×12.')
  })

  it('renders only the rows in sight of a 10,000-conversation view', async () => {
    const source = teamSource()
    for (let i = 0; i < 10_000; i++) source.addConversation({ id: `c${i}`, inbox: 'inbox/sales', contactName: `Customer ${i}`, lastMessageAt: T0 + i })
    const r = await show(source)
    expect(r.lines()).toHaveLength(40)
    expect(listText(r).match(/Customer \d+/g)).toHaveLength(18)
    await r.press('G')
    expect(listText(r)).toContain('› ● Customer 0 ')
    expect(r.lines()[0]).toContain('10000/10000')
  })

  it('marks focus and selection without colour, and uses none when NO_COLOR is set', async () => {
    expect(themeFor({ NO_COLOR: '1' }).accent).toBeUndefined()
    expect(themeFor({}).accent).toBeDefined()
    const r = await show(world(), { env: { NO_COLOR: '1' } })
    expect(r.lines()[0]).toContain('┏━ ▸ Sales')
    expect(listText(r)).toContain('› ● Omar Haddad')
    expect(r.frames.join('')).not.toMatch(/\u001B\[3[0-9]m/)
  })
})

describe('SLA in the list', () => {
  const rowOrder = (r: Rendered): string[] => [...listText(r).matchAll(/(Ann Lee|Ben Ode|Cleo Park)/g)].map((m) => m[1]!)

  it('shows on each row the time left or how long it is overdue, in words', async () => {
    const r = await show(slaSource(), { now: () => T0 + 40 * 60_000 })
    await r.press('3')
    expect(listText(r)).toMatch(/SMS +SLA overdue 10m · Hello\?/)
    expect(listText(r)).toMatch(/SMS +SLA 15m · Any news\?/)
    expect(listText(r)).toMatch(/SMS +Thanks!/)
  })

  it('sorts by due with D, soonest and most overdue first and rows without an SLA last, and back with D again', async () => {
    covers('sort-by-due')
    const r = await show(slaSource(), { now: () => T0 + 40 * 60_000 })
    await r.press('3')
    expect(rowOrder(r)).toEqual(['Cleo Park', 'Ben Ode', 'Ann Lee'])
    await r.press('D')
    expect(rowOrder(r)).toEqual(['Ann Lee', 'Ben Ode', 'Cleo Park'])
    expect(r.frame()).toContain('Unassigned · by due')
    await r.press('D')
    expect(rowOrder(r)).toEqual(['Cleo Park', 'Ben Ode', 'Ann Lee'])
  })

  it('opens the reports screen on the current inbox with R, asks for 30 days with t, and goes back with esc (figures: ReportsScreen.test.ts)', async () => {
    covers('reports', 'report-period')
    const source = world()
    const r = await show(source)
    await r.press('R')
    await until(() => r.frame().includes('Received 0   Replied 0   Archived 0'), 'the report is drawn')
    expect(r.frame()).toContain('Reports · Sales · last 7 days')
    await r.press('t')
    await until(() => r.frame().includes('last 30 days'), 'the period changes')
    expect(source.calls.filter((c) => c.kind === 'report')).toEqual([
      { kind: 'report', detail: 'inbox/sales 7' },
      { kind: 'report', detail: 'inbox/sales 30' },
    ])
    await r.press('esc')
    expect(r.frame()).not.toContain('Reports ·')
  })
})

describe('bulk actions', () => {
  const marked = (r: Rendered): string[] => [...listText(r).matchAll(/^..✓. (\S+(?: \S+)?)/gm)].map((m) => m[1]!.trim())

  it('marks the selected row with Space and every row in the view with *, shows ✓ on them and how many in the status bar, and clears them with Esc', async () => {
    covers('mark', 'mark-all', 'back')
    const r = await show(world())
    await r.press('3')
    expect(statusLine(r)).not.toContain('marked')
    await r.press(' ')
    expect(marked(r)).toEqual(['Jane Cooper'])
    expect(statusLine(r)).toContain('│ 1 marked │')
    await r.press('j', ' ')
    expect(marked(r)).toEqual(['Jane Cooper', '+15555550177'])
    expect(statusLine(r)).toContain('│ 2 marked │')
    await r.press(' ')
    expect(marked(r)).toEqual(['Jane Cooper'])
    await r.press('*')
    expect(statusLine(r)).toContain('│ 2 marked │')
    await r.press(KEYS.esc)
    expect(marked(r)).toEqual([])
    expect(statusLine(r)).not.toContain('marked')
  })

  it('leaves the marks behind when another view or inbox is chosen', async () => {
    const r = await show(world())
    await r.press('3', '*', '1')
    expect(statusLine(r)).not.toContain('marked')
    await r.press('3')
    expect(marked(r)).toEqual([])
  })

  it('claims every marked conversation with c, each as an action of its own, and says how many', async () => {
    const source = world()
    const r = await show(source)
    await r.press('3', '*', 'c')
    expect(source.calls).toEqual([
      { kind: 'claim', conversation: 'c-jane' },
      { kind: 'claim', conversation: 'c-amara' },
    ])
    expect(noticeLine(r)).toContain('✓ Claimed 2 conversations.')
    expect(statusLine(r)).not.toContain('marked')
    expect(listText(r)).not.toContain('Jane Cooper')
  })

  it('assigns, unassigns, archives, reopens, snoozes and wakes every marked conversation', async () => {
    const source = world()
    const r = await show(source)
    const kinds = (): string[] => source.calls.splice(0).map((c) => `${c.kind} ${c.conversation}${c.detail ? ` ${c.detail}` : ''}`)
    await r.press('3', '*', 'a')
    expect(r.frame()).toContain('Assign 2 marked conversations to…')
    await r.type('bob')
    await r.press(KEYS.enter)
    expect(kinds()).toEqual(['assign c-jane bob', 'assign c-amara bob'])
    expect(noticeLine(r)).toContain('Assigned 2 conversations to Bob Jones.')
    await r.press('2', '*', 'u')
    expect(kinds()).toEqual(['unassign c-jane', 'unassign c-amara', 'unassign c-mei'])
    await r.press('3', '*', 'z')
    expect(r.frame()).toContain('Snooze 3 marked conversations…')
    await r.press(KEYS.enter)
    expect(kinds()).toEqual(['snooze c-jane', 'snooze c-amara', 'snooze c-mei'])
    await r.press('5', '*', 'z')
    expect(kinds()).toEqual(['unsnooze c-jane', 'unsnooze c-amara', 'unsnooze c-mei'])
    await r.press('3', '*', 'e')
    expect(kinds()).toEqual(['archive c-jane', 'archive c-amara', 'archive c-mei'])
    await r.press('4', '*', 'e')
    expect(kinds()).toEqual(['unarchive c-jane', 'unarchive c-amara', 'unarchive c-mei', 'unarchive c-lucas'])
    expect(noticeLine(r)).toContain('Reopened 4 conversations.')
  })

  it('prioritises and labels every marked conversation, a label taken off them all when all have it', async () => {
    const source = world().addLabel('VIP', 'purple')
    const r = await show(source)
    await r.press('3', '*', 'P')
    expect(r.frame()).toContain('Priority of 2 marked conversations')
    await r.type('urgent')
    await r.press(KEYS.enter)
    expect(source.calls.splice(0).map((c) => `${c.kind} ${c.conversation}`)).toEqual(['priority c-jane', 'priority c-amara'])
    expect(noticeLine(r)).toContain('Set 2 conversations to urgent priority.')
    await r.press('*', 'L')
    expect(r.frame()).toContain('Labels of 2 marked conversations')
    await r.press(KEYS.enter)
    expect(source.calls.splice(0).map((c) => `${c.kind} ${c.conversation}`)).toEqual(['label c-jane', 'label c-amara'])
    expect(['c-jane', 'c-amara'].map((id) => source.conversations.get(id)?.labels)).toEqual([['vip'], ['vip']])
    // The picker stays up: Enter again takes the label off them both.
    await r.press(KEYS.enter)
    expect(source.calls.splice(0).map((c) => `${c.kind} ${c.conversation}`)).toEqual(['unlabel c-jane', 'unlabel c-amara'])
    expect(noticeLine(r)).toContain('Took label VIP off 2 conversations.')
  })

  it('says how many were done and why the others were not, having acted on them', async () => {
    const source = world()
    const r = await show(source)
    await r.press('3', '*')
    source.failNext = new HuddleError('conflict', 'Conversation `c-jane` is assigned to bob; take it over with `huddle conversation takeover c-jane`.')
    await r.press('c')
    expect(source.calls).toEqual([{ kind: 'claim', conversation: 'c-amara' }])
    expect(noticeLine(r)).toContain('Claimed 1 of 2 conversations; 1 not: Jane Cooper is assigned to bob.')
  })

  it('acts on the open conversation alone while the focus is on it, marks or not', async () => {
    const source = world()
    const r = await show(source)
    await r.press('3', '*', KEYS.enter, 'c')
    expect(source.calls).toEqual([{ kind: 'claim', conversation: 'c-jane' }])
  })

  it('tells a bulk claim’s lost claims in one notice, naming the contacts and who won them', async () => {
    const source = world()
    source.setNotices([
      {
        kind: 'bulk-claim',
        key: 'bulk:b-1',
        total: 3,
        lost: [
          { conversation: 'c-jane', winner: 'bob' },
          { conversation: 'c-amara', winner: 'carol' },
        ],
        covers: ['lost:e1', 'lost:e2'],
        at: T0,
      },
    ])
    const r = await show(source)
    await r.press('m')
    expect(noticeText(r)).toContain('Your claim of 3 conversations: claimed 1 of 3; lost Jane Cooper to Bob Jones, +15555550177 to Carol Diaz.')
    await r.press('x')
    expect([...source.reported]).toEqual(['bulk:b-1'])
  })

  it('says offline that the marked ones were changed on this computer', async () => {
    const source = world()
    source.setStatus({ connection: { kind: 'offline', since: T0 }, pending: 0 })
    const r = await show(source)
    await r.press('3', '*', 'e')
    expect(noticeLine(r)).toContain('Archived 2 conversations on this computer; it syncs when the server is back.')
  })
})

describe('labels and priority', () => {
  function labelled(): FakeSource {
    const source = world().addLabel('VIP', 'purple').addLabel('Billing issue', 'orange').addLabel('Spam', 'grey')
    const jane = source.conversations.get('c-jane')!
    jane.labels = ['vip']
    jane.priority = 'urgent'
    source.conversations.get('c-amara')!.priority = 'high'
    source.conversations.get('c-omar')!.priority = 'low'
    return source
  }

  it('marks urgent with !!, high with ! and low with ↓ before the contact, and shows labels by name on the row and in the pane', async () => {
    const r = await show(labelled())
    await r.press('3')
    const list = listText(r)
    expect(list).toMatch(/› ● !! Jane Cooper/)
    expect(list).toMatch(/ {4}WhatsApp \[VIP\] 23h/)
    expect(list).toMatch(/● ! \+15555550177/)
    expect(conversationText(r)).toMatch(/Sales · Unassigned · !! urgent · \[VIP\]/)
    await r.press('1')
    expect(listText(r)).toMatch(/↓ Omar Haddad/)
  })

  it('shows the marks without colour too, the words carrying the meaning', async () => {
    const r = await show(labelled(), { env: { NO_COLOR: '1' } })
    await r.press('3')
    expect(listText(r)).toMatch(/!! Jane Cooper[\s\S]*\[VIP\]/)
  })

  it('hides a label removed from the catalogue, on the row and in the pane', async () => {
    const source = labelled()
    delete source.labelList.vip
    const r = await show(source)
    await r.press('3')
    expect(r.frame()).not.toContain('[VIP]')
  })

  it('opens a labels picker with L: typing filters it, Enter adds or removes the highlighted label and keeps it open, Esc closes it', async () => {
    covers('labels')
    const source = labelled()
    const r = await show(source)
    await r.press('3', 'L')
    expect(r.frame()).toContain('Labels of Jane Cooper')
    expect(r.frame()).toMatch(/Billing issue +Enter adds · orange[\s\S]*Spam +Enter adds · grey[\s\S]*VIP +✓ on, Enter removes · purple/)
    await r.type('bill')
    expect(r.frame()).not.toContain('Spam')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'label', conversation: 'c-jane' })
    expect(source.conversations.get('c-jane')?.labels).toEqual(['billing-issue', 'vip'])
    expect(noticeLine(r)).toContain('✓ Labelled Jane Cooper Billing issue.')
    expect(r.frame()).toMatch(/Billing issue +✓ on, Enter removes/)
    await r.press('ctrlU')
    await r.type('vip')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'unlabel', conversation: 'c-jane' })
    expect(source.conversations.get('c-jane')?.labels).toEqual(['billing-issue'])
    expect(noticeLine(r)).toContain('✓ Took label VIP off Jane Cooper.')
    await r.press('esc')
    expect(r.frame()).not.toContain('Labels of Jane Cooper')
    expect(listText(r)).toMatch(/\[Billing issue\]/)
  })

  it('says there are no labels yet instead of an empty picker', async () => {
    const r = await show(world())
    await r.press('3', 'L')
    expect(noticeLine(r)).toContain('There are no labels yet; an admin adds them.')
  })

  it('sets a priority with P from a picker marking the current one', async () => {
    covers('priority')
    const source = labelled()
    const r = await show(source)
    await r.press('3', 'P')
    expect(r.frame()).toContain('Priority of Jane Cooper')
    expect(r.frame()).toMatch(/urgent +!! · now[\s\S]*high +![\s\S]*normal +·[\s\S]*low +↓/)
    await r.type('low')
    await r.press('enter')
    expect(source.calls.at(-1)).toEqual({ kind: 'priority', conversation: 'c-jane' })
    expect(source.conversations.get('c-jane')?.priority).toBe('low')
    expect(noticeLine(r)).toContain('✓ Set Jane Cooper to low priority.')
    expect(listText(r)).toMatch(/↓ Jane Cooper/)
  })
})

describe('the key table', () => {
  it('has every binding exercised by a test above', () => {
    const untested = [...new Set(KEY_BINDINGS.map((b) => b.action))].filter((a) => !covered.has(a))
    expect(untested).toEqual([])
  })
})
