/**
 * `huddle demo --headless` through the built binary: the first run seeds the
 * sample organisation (inboxes, agents, a few hundred conversations over the
 * three channels, the demo agent's notices), customers keep writing, and a
 * second run carries on with the same data instead of seeding again.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce, CLI_MAIN, ROOT, runBinary } from '../helpers/cli-binary.js'

let folder: string

beforeAll(async () => {
  await buildCliOnce()
  folder = await mkdtemp(join(tmpdir(), 'huddle-demo-e2e-'))
}, 180_000)

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true })
})

type Running = { readonly child: ChildProcess; readonly output: () => string; readonly url: string; readonly tokens: Record<string, string> }

async function startDemo(): Promise<Running> {
  const child = spawn(process.execPath, [CLI_MAIN, 'demo', '--headless', '--data', join(folder, 'demo')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: join(folder, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The demo did not start in time:\n${output}`)), 150_000)
    const check = (): void => {
      if (/admin +hud_\S+/.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    child.stderr!.on('data', check)
    child.once('exit', (code) => reject(new Error(`The demo exited with ${code}:\n${output}`)))
  })
  const url = /The demo runs on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!
  const tokens = Object.fromEntries([...output.matchAll(/^ {2}(\w+) +(hud_\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
  return { child, output: () => output, url, tokens }
}

async function stopDemo(demo: Running): Promise<number | null> {
  return new Promise((resolve) => {
    demo.child.once('exit', (code) => resolve(code))
    demo.child.kill('SIGTERM')
  })
}

type Row = { id: string; inbox: string; channel: string; view: string; lastMessageAt: number; window: { kind: string } | null }

/** `huddle … --json` as one of the demo's users, parsed. */
async function jsonAs<T>(demo: Running, user: string, args: readonly string[]): Promise<T> {
  const result = await runBinary([...args, '--json'], {
    HOME: join(folder, `home-${user}`),
    XDG_DATA_HOME: join(folder, `data-${user}`),
    HUDDLE_SERVER: demo.url,
    HUDDLE_TOKEN: demo.tokens[user]!,
  })
  if (result.code !== 0) throw new Error(`${args.join(' ')} as ${user} failed: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

const listAs = (demo: Running, user: string): Promise<Row[]> => jsonAs<Row[]>(demo, user, ['conversation', 'list'])

describe('huddle demo', () => {
  it('seeds a sample organisation once, keeps customers writing, and carries on where it stopped', async () => {
    const first = await startDemo()
    try {
      expect(first.output()).toContain('First run: setting up a sample organisation')
      expect(Object.keys(first.tokens).sort()).toEqual(['admin', 'alex', 'lena', 'marcus', 'priya', 'sofia', 'tom'])
      const rows = await listAs(first, 'alex')
      expect(rows.length).toBeGreaterThan(150)
      expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['sms', 'whatsapp', 'chat']))
      expect(new Set(rows.map((r) => r.view))).toEqual(new Set(['mine', 'others', 'unassigned', 'archived']))
      expect(rows.some((r) => r.inbox === '@alex')).toBe(true)
      // The README's flows, waiting for Alex: WhatsApp with the window open and closed, a held reply, a contact who texted STOP.
      const mine = rows.filter((r) => r.view === 'mine')
      expect(mine.some((r) => r.channel === 'whatsapp' && r.window?.kind === 'open'), 'a WhatsApp conversation of Alex’s with the window open').toBe(true)
      expect(mine.some((r) => r.channel === 'whatsapp' && r.window?.kind === 'closed'), 'a WhatsApp conversation of Alex’s with the window closed').toBe(true)
      expect(rows.filter((r) => r.view === 'unassigned').some((r) => r.channel === 'whatsapp' && r.window?.kind === 'closed'), 'an unassigned one with the window closed').toBe(true)
      type Shown = { channel: string; consent: { status: string } | null; messages: Array<{ status?: string }> }
      const shown = await Promise.all(mine.map((r) => jsonAs<Shown>(first, 'alex', ['conversation', 'show', r.id])))
      expect(shown.some((c) => c.messages.some((m) => m.status === 'held')), 'a held reply of Alex’s').toBe(true)
      expect(shown.some((c) => c.channel === 'sms' && c.consent?.status === 'opted-out'), 'an SMS contact of Alex’s who texted STOP').toBe(true)
      const templates = await runBinary(['template', 'list', '--json'], { HOME: join(folder, 'home-admin'), HUDDLE_SERVER: first.url, HUDDLE_TOKEN: first.tokens.admin! })
      expect(new Set((JSON.parse(templates.stdout) as Array<{ channel: string }>).map((t) => t.channel)), 'templates for every channel').toEqual(new Set(['sms', 'whatsapp', 'chat']))
      const newest = Math.max(...rows.map((r) => r.lastMessageAt))
      const started = Date.now()
      let later = newest
      while (later <= newest && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 3000))
        later = Math.max(...(await listAs(first, 'alex')).map((r) => r.lastMessageAt))
      }
      expect(later, 'a customer wrote while the demo ran').toBeGreaterThan(newest)
    } finally {
      expect(await stopDemo(first)).toBe(0)
    }
    expect(first.output()).toMatch(/The demo stopped; its data stays in .*\. Run `npm start` again to carry on/)

    const second = await startDemo()
    try {
      expect(second.output()).not.toContain('First run')
      expect(second.tokens.alex).toBe(first.tokens.alex)
      expect((await listAs(second, 'alex')).length).toBeGreaterThan(150)
    } finally {
      expect(await stopDemo(second)).toBe(0)
    }
  }, 400_000)
})
