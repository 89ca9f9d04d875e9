/**
 * The reports screen in a real terminal (tmux, 80×24) on the built binary,
 * against `huddle serve`: R opens it on the current inbox with the figures
 * the server computed, t switches to the last 30 days, Esc goes back.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce, CLI_MAIN, ROOT } from '../helpers/cli-binary.js'
import { expectExit, startE2eWorld, type E2eWorld } from '../helpers/client-e2e.js'
import { hasTmux, tmuxServer, type TmuxServer } from '../helpers/tmux.js'

const isTmuxMissing = !hasTmux()
if (isTmuxMissing) console.warn('Skipping the reports screen’s terminal test: tmux is not installed (CI installs it; locally, install tmux to run it).')

let world: E2eWorld
let terminals: TmuxServer
let homes: string

beforeAll(async () => {
  if (isTmuxMissing) return
  await buildCliOnce()
  world = await startE2eWorld()
  terminals = tmuxServer(`huddle-reports-e2e-${process.pid}`)
  homes = await mkdtemp(join(tmpdir(), 'huddle-reports-e2e-'))
}, 180_000)

afterAll(async () => {
  await terminals?.close()
  await world?.close()
  if (homes) await rm(homes, { recursive: true, force: true })
})

describe.skipIf(isTmuxMissing)('the reports screen in a real terminal', () => {
  it('draws the inbox’s figures and charts at 80×24, switches to 30 days and goes back', async () => {
    const added = expectExit(await world.huddle('admin', 'user', 'add', 'alice', '--name', 'Alice Martin', '--licence', 'sms', '--json'), 0, 'add alice')
    const token = (JSON.parse(added.stdout) as { token: string }).token
    expectExit(await world.huddle('admin', 'inbox', 'create', '--name', 'Sales'), 0, 'create Sales')
    expectExit(await world.huddle('admin', 'inbox', 'members', 'Sales', '--add', 'alice'), 0, 'add alice to Sales')
    expectExit(await world.huddle('admin', 'routing', 'add', '--address', '+15550100', '--to-inbox', 'Sales'), 0, 'route')
    for (const from of ['+15555550001', '+15555550002', '+15555550003'])
      expectExit(await world.huddle('admin', 'inbound', '--channel', 'sms', '--from', from, '--to', '+15550100', '--body', 'Where is my order?'), 0, `${from} writes`)

    const pane = await terminals.start('alice', [process.execPath, CLI_MAIN, 'dashboard'], {
      cwd: ROOT,
      columns: 80,
      rows: 24,
      env: {
        PATH: process.env.PATH ?? '',
        TERM: 'xterm-256color',
        NO_COLOR: '1',
        HOME: join(homes, 'alice'),
        XDG_CONFIG_HOME: join(homes, 'alice', 'config'),
        XDG_DATA_HOME: world.dataHome('alice'),
        HUDDLE_SERVER: world.url,
        HUDDLE_TOKEN: token,
      },
    })
    await pane.waitFor((s) => s.includes('● online') && s.includes('Where is my order?'), 'the dashboard is online', 30_000)
    await pane.keys('R')
    const screen = await pane.waitFor((s) => s.includes('Received 3   Replied 0   Archived 0'), 'the report is drawn', 15_000)
    expect(screen).toContain('Reports · Sales · last 7 days')
    expect(screen).toMatch(/Volume per day \(busiest .+: 3\)/)
    expect(screen).toMatch(/█+ +3 /)
    expect(screen.replace(/\n$/, '').split('\n')).toHaveLength(24)
    await pane.keys('t')
    await pane.waitFor((s) => s.includes('last 30 days') && s.includes('Received 3'), 'the last 30 days are drawn')
    await pane.keys('Escape')
    await pane.waitFor((s) => !s.includes('Reports ·') && /Sales · Unassigned/.test(s), 'back to the list')
  }, 120_000)
})
