/**
 * A real huddle server for CLI end-to-end tests: started in the test process
 * on a free port with a temporary data folder and a known admin token, and
 * the environment that points the `huddle` binary at it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../server/start.js'
import { runBinary } from './cli-binary.js'
import type { CliResult } from './cli-run.js'

export const TEST_ADMIN_TOKEN = 'test-admin-token-0001'

export type CliTestServer = {
  readonly url: string
  readonly adminToken: string
  /** HOME and XDG_CONFIG_HOME of the tests' own, so no real saved login is read or written. */
  readonly home: string
  /** Runs `huddle ...argv` against this server with `token` (the admin's by default). */
  huddle(argv: readonly string[], options?: { token?: string; env?: Readonly<Record<string, string>> }): Promise<CliResult>
  /** Like `huddle`, with `--json`, expecting exit 0; returns the parsed stdout. */
  huddleJson(argv: readonly string[], options?: { token?: string }): Promise<unknown>
  close(): Promise<void>
}

export async function startCliTestServer(): Promise<CliTestServer> {
  const folder = await mkdtemp(join(tmpdir(), 'huddle-cli-e2e-'))
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: join(folder, 'data'), adminToken: TEST_ADMIN_TOKEN })
  const home = join(folder, 'home')
  const huddle: CliTestServer['huddle'] = (argv, options = {}) =>
    runBinary(argv, {
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      HUDDLE_SERVER: server.url,
      HUDDLE_TOKEN: options.token ?? TEST_ADMIN_TOKEN,
      ...options.env,
    })
  return {
    url: server.url,
    adminToken: TEST_ADMIN_TOKEN,
    home,
    huddle,
    async huddleJson(argv, options = {}) {
      const result = await huddle([...argv, '--json'], options)
      if (result.code !== 0) throw new Error(`huddle ${argv.join(' ')} --json exited ${result.code}: ${result.stderr}`)
      return JSON.parse(result.stdout) as unknown
    },
    async close() {
      await server.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}
