/**
 * The end-to-end setting of the offline story: `huddle serve` as a child
 * process (stopped and started again on the same port and data folder), and
 * `huddle` runs as separate users, each with their own data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBinary } from './cli-binary.js'
import { startServerProcess, type ServerProcess } from './server-process.js'
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
  let server: ServerProcess | null = null
  let port = 0
  const startServer = async (): Promise<void> => {
    server = await startServerProcess(join(base, 'server-data'), { port, env: { HUDDLE_ADMIN_TOKEN: ADMIN_TOKEN } })
    port = server.port
  }
  const stopServer = async (): Promise<void> => {
    const running = server
    server = null
    await running?.stop('SIGTERM')
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
