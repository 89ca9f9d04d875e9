/**
 * Two dashboards in real terminals (tmux, 120×40) on the built binary,
 * against `huddle serve`: Alice claims and Bob's screen shows it under
 * Assigned to other within two seconds; Bob takes it over and Alice's screen
 * follows; the server stops and both screens say offline; both claim the
 * same conversation offline, Alice first; the server comes back on the same
 * port and data and both screens converge, Bob told his claim lost.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce, CLI_MAIN, ROOT } from '../helpers/cli-binary.js'
import { expectExit, startE2eWorld, type E2eWorld } from '../helpers/client-e2e.js'
import { hasTmux, tmuxServer, type TmuxPane, type TmuxServer } from '../helpers/tmux.js'

const isTmuxMissing = !hasTmux()
if (isTmuxMissing) console.warn('Skipping the dashboard’s terminal tests: tmux is not installed (CI installs it; locally, install tmux to run them).')

let world: E2eWorld
let terminals: TmuxServer
let homes: string
const tokens: Record<string, string> = {}

beforeAll(async () => {
  if (isTmuxMissing) return
  await buildCliOnce()
  world = await startE2eWorld()
  terminals = tmuxServer(`huddle-e2e-${process.pid}`)
  homes = await mkdtemp(join(tmpdir(), 'huddle-dashboard-e2e-'))
}, 180_000)

afterAll(async () => {
  await terminals?.close()
  await world?.close()
  if (homes) await rm(homes, { recursive: true, force: true })
})

async function addAgent(id: string, name: string): Promise<void> {
  const added = expectExit(await world.huddle('admin', 'user', 'add', id, '--name', name, '--licence', 'sms', '--json'), 0, `add ${id}`)
  tokens[id] = (JSON.parse(added.stdout) as { token: string }).token
  world.setToken(id, tokens[id]!)
}

function dashboard(user: string, extraEnv: Record<string, string> = {}): Promise<TmuxPane> {
  return terminals.start(user, [process.execPath, CLI_MAIN, 'dashboard'], {
    cwd: ROOT,
    columns: 120,
    rows: 40,
    env: {
      PATH: process.env.PATH ?? '',
      TERM: 'xterm-256color',
      HOME: join(homes, user),
      XDG_CONFIG_HOME: join(homes, user, 'config'),
      XDG_DATA_HOME: world.dataHome(user),
      HUDDLE_SERVER: world.url,
      HUDDLE_TOKEN: tokens[user]!,
      ...extraEnv,
    },
  })
}

const count = (view: string, n: number): RegExp => new RegExp(`${view} +${n}│`)

describe.skipIf(isTmuxMissing)('the dashboard in a real terminal', () => {
  it('shows claims and take-overs live, keeps working offline, and converges when the server is back', async () => {
    await addAgent('alice', 'Alice Martin')
    await addAgent('bob', 'Bob Jones')
    expectExit(await world.huddle('admin', 'inbox', 'create', '--name', 'Sales'), 0, 'create Sales')
    expectExit(await world.huddle('admin', 'inbox', 'members', 'Sales', '--add', 'alice,bob'), 0, 'add members')
    expectExit(await world.huddle('admin', 'routing', 'add', '--address', '+15550100', '--to-inbox', 'Sales'), 0, 'route')
    for (const [from, name, body] of [
      ['+15555550001', 'Jane Cooper', 'Where is my order?'],
      ['+15555550002', 'Omar Haddad', 'Is the Cargo Pro in stock?'],
    ] as const)
      expectExit(await world.huddle('admin', 'inbound', '--channel', 'sms', '--from', from, '--to', '+15550100', '--body', body, '--name', name), 0, `${name} writes`)

    const alice = await dashboard('alice')
    const bob = await dashboard('bob')
    for (const pane of [alice, bob]) {
      const screen = await pane.waitFor((s) => s.includes('● online') && count('3 Unassigned', 2).test(s), `${pane.name}'s dashboard is online with both conversations`, 30_000)
      expect(screen.replace(/\n$/, '').split('\n')).toHaveLength(40)
      // At 120 columns the host gives way to the key hints (status-line.ts); the name and availability stay.
      expect(screen).toContain(`${pane.name} · available  ● online`)
    }
    await bob.keys('2')
    await bob.waitFor(/No conversations in Assigned to other\./, 'bob looks at Assigned to other')

    // Alice claims the newest; Bob sees it under Assigned to other by itself (how fast: bench/dashboard-bench.ts).
    await alice.waitFor(/› ● Omar Haddad/, 'alice’s cursor is on Omar Haddad')
    await alice.keys('c')
    await bob.waitFor((s) => count('2 Assigned to other', 1).test(s) && /Omar Haddad +Alice/.test(s), 'bob sees alice’s claim under Assigned to other')
    await alice.waitFor(count('1 Assigned to me', 1), 'alice has it under Assigned to me')

    // Bob takes it over, after confirming; Alice's screen follows and tells her.
    await bob.keys('t')
    await bob.waitFor(/Take over Omar Haddad from Alice Martin\?/, 'bob is asked to confirm')
    await bob.keys('y')
    await bob.waitFor(count('1 Assigned to me', 1), 'bob has it')
    await alice.waitFor(
      (s) => count('1 Assigned to me', 0).test(s) && count('2 Assigned to other', 1).test(s) && s.includes('Bob Jones took over Omar Haddad from you.'),
      'alice sees bob’s take-over',
      5000,
    )

    // The server stops: both screens say so.
    await world.stopServer()
    for (const pane of [alice, bob]) await pane.waitFor(/○ offline/, `${pane.name}’s dashboard says offline`, 15_000)

    // Both claim Jane offline, Alice first.
    await alice.keys('3')
    await alice.waitFor(/› ● Jane Cooper/, 'alice selects Jane')
    await alice.keys('c')
    await alice.waitFor((s) => count('1 Assigned to me', 1).test(s) && s.includes('1 to sync'), 'alice’s claim waits to sync')
    // The claims are ordered by their clocks: Bob's must come later.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await bob.keys('3')
    await bob.waitFor(/› ● Jane Cooper/, 'bob selects Jane')
    await bob.keys('c')
    await bob.waitFor((s) => count('1 Assigned to me', 2).test(s) && s.includes('1 to sync'), 'bob’s claim waits to sync')

    // The server comes back on the same port and data: both converge, and Bob is told.
    await world.startServer()
    await alice.waitFor(
      (s) => s.includes('● online') && s.includes(' synced │') && count('1 Assigned to me', 1).test(s) && count('2 Assigned to other', 1).test(s),
      'alice converges: Jane is hers',
      30_000,
    )
    const bobScreen = await bob.waitFor(
      (s) => s.includes('● online') && s.includes(' synced │') && count('1 Assigned to me', 1).test(s) && count('2 Assigned to other', 1).test(s),
      'bob converges: Jane is Alice’s',
      30_000,
    )
    const lost = await bob.waitFor(/Your claim of Jane Cooper lost: Alice Martin claimed it first/, 'bob is told his claim lost', 10_000)
    expect(lost).toMatch(/\[o open · x dismiss\]/)
    expect(bobScreen.replace(/\n$/, '').split('\n')).toHaveLength(40)

    // Quitting gives the terminal back.
    await alice.keys('q')
    const after = await alice.waitFor(/\[exited 0\]/, 'alice’s dashboard exits')
    expect(after).not.toContain('Inboxes')
    await bob.keys('C-c')
    await bob.waitFor(/\[exited 0\]/, 'bob’s dashboard exits on Ctrl-C')
  })

  it('takes a paste into the composer whole, as a multi-line reply, with none of it run as keys', async () => {
    await addAgent('dana', 'Dana Ito')
    expectExit(await world.huddle('admin', 'inbox', 'create', '--name', 'Returns'), 0, 'create Returns')
    expectExit(await world.huddle('admin', 'inbox', 'members', 'Returns', '--add', 'dana'), 0, 'add dana')
    expectExit(await world.huddle('admin', 'routing', 'add', '--address', '+15550200', '--to-inbox', 'Returns'), 0, 'route')
    expectExit(await world.huddle('admin', 'inbound', '--channel', 'sms', '--from', '+15555550009', '--to', '+15550200', '--body', 'Can I return it?', '--name', 'Lena Park'), 0, 'Lena writes')
    const dana = await dashboard('dana')
    await dana.waitFor((s) => s.includes('● online') && count('3 Unassigned', 1).test(s), 'dana’s dashboard is online with the conversation', 30_000)
    await dana.keys('3')
    await dana.waitFor(/› ● Lena Park/, 'dana selects Lena')
    await dana.keys('r')
    await dana.waitFor(/Reply on SMS to Lena Park/, 'the composer is open')
    await dana.paste('Yes, within 30 days.\nBring the receipt: e t a q\n')
    await dana.waitFor((s) => s.includes('Yes, within 30 days.') && s.includes('Bring the receipt: e t a q█'), 'the paste is in the composer, on two lines')
    await dana.keys('Enter')
    const sent = await dana.waitFor(/Reply to Lena Park saved and sending/, 'the reply is sent')
    expect(sent).toMatch(/Yes, within 30 days\.[\s\S]*Bring the receipt: e t a q/)
    expect(sent).not.toContain('exited')
    expect(sent).toMatch(count('3 Unassigned', 1))
    await dana.keys('q')
    await dana.waitFor(/\[exited 0\]/, 'the dashboard quits')
  })
})
