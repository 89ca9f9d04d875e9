/**
 * The end-to-end setting of the offline story: `huddle serve` as a child
 * process (stopped and started again on the same port and data folder), and
 * `huddle` runs as separate users, each with their own data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI_MAIN, ROOT, runBinary } from './cli-binary.js'
import type { CliResult } from './cli-run.js'

export const ADMIN_TOKEN = 'hud_e2e-admin-token'

export type E2eWorld = {
  readonly url: string
  /** Runs `huddle …` as `user` (the admin when `admin`), with their own HOME and data folder. */
  huddle(user: string, ...argv: string[]): Promise<CliResult>
  /** The data folder of `user`'s replicas. */
  dataHome(user: string): string
  setToken(user: string, token: string): void
  stopServer(): Promise<void>
  startServer(): Promise<void>
  close(): Promise<void>
}

export async function startE2eWorld(): Promise<E2eWorld> {
  const base = await mkdtemp(join(tmpdir(), 'huddle-e2e-'))
  const tokens: Record<string, string> = { admin: ADMIN_TOKEN }
  let server: ChildProcess | null = null
  let port = 0
  const startServer = async (): Promise<void> => {
    const child = spawn(process.execPath, [CLI_MAIN, 'serve', '--port', String(port), '--data', join(base, 'server-data')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: base, HUDDLE_ADMIN_TOKEN: ADMIN_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server = child
    port = await new Promise<number>((resolve, reject) => {
      let output = ''
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        const match = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
        if (match) resolve(Number(match[1]))
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code) => reject(new Error(`huddle serve exited with ${code} before listening:\n${output}`)))
    })
  }
  const stopServer = async (): Promise<void> => {
    const child = server
    server = null
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
  await startServer()
  const dataHome = (user: string): string => join(base, `data-${user}`)
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    huddle: (user, ...argv) =>
      runBinary(argv, {
        HOME: join(base, `home-${user}`),
        XDG_DATA_HOME: dataHome(user),
        XDG_CONFIG_HOME: join(base, `config-${user}`),
        HUDDLE_SERVER: `http://127.0.0.1:${port}`,
        HUDDLE_TOKEN: tokens[user] ?? 'hud_unknown',
      }),
    dataHome,
    setToken: (user, token) => {
      tokens[user] = token
    },
    stopServer,
    startServer,
    close: async () => {
      await stopServer()
      await rm(base, { recursive: true, force: true })
    },
  }
}

/** Adds licensed users through the binary, remembering their tokens. */
export async function addUsers(world: E2eWorld, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const name = id[0]!.toUpperCase() + id.slice(1)
    const result = await world.huddle('admin', 'user', 'add', id, '--name', name, '--licence', 'sms', '--json')
    if (result.code !== 0) throw new Error(`huddle user add ${id} failed: ${result.stderr}`)
    world.setToken(id, (JSON.parse(result.stdout) as { token: string }).token)
  }
}

/** Fails with the command's output when it did not exit as expected. */
export function expectExit(result: CliResult, code: number, what: string): CliResult {
  if (result.code !== code) throw new Error(`${what}: expected exit ${code}, got ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`)
  return result
}
