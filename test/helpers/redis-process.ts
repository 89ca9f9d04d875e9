/**
 * A real `redis-server` for cluster tests: its own process on a free port in
 * a temporary folder, with the append-only file synced on every write (so it
 * can be killed with SIGKILL and restarted from its AOF), and stopped in
 * teardown. Cluster tests skip, saying how to install Redis, only where
 * `redis-server` is missing and not under CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Whether `redis-server` can be run here. */
export const HAS_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0

/** Why cluster tests are skipped (empty when they run): under CI they never are, and fail instead. */
export const REDIS_SKIP_REASON =
  HAS_REDIS || process.env.CI ? '' : 'redis-server is not installed, so the cluster tests are skipped: install it (`apt-get install redis-server`) to run them.'

/** The persistence cluster mode requires (core/redis-settings.ts). */
export const SAFE_REDIS_FLAGS = ['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'] as const

export type RedisProcess = {
  readonly port: number
  readonly url: string
  /** Kills it with SIGKILL: what it had not written to its AOF is lost. */
  kill(): Promise<void>
  /** Starts it again on the same port and folder, reading its AOF. */
  restart(): Promise<void>
  /** Stops it and removes its folder. */
  stop(): Promise<void>
}

/** Starts `redis-server`; `flags` replace the safe persistence settings (to test a refusal). */
export async function startRedis(flags: readonly string[] = SAFE_REDIS_FLAGS): Promise<RedisProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'huddle-redis-'))
  const port = await freePort()
  let child: ChildProcess | null = null
  const run = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...flags], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = started
    await new Promise<void>((resolve, reject) => {
      let output = ''
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) resolve()
      }
      started.stdout!.on('data', onData)
      started.stderr!.on('data', onData)
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)))
    })
  }
  const end = (signal: 'SIGKILL' | 'SIGTERM'): Promise<void> =>
    new Promise((resolve) => {
      const running = child
      child = null
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve()
      running.once('exit', () => resolve())
      running.kill(signal)
    })
  await run()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => end('SIGKILL'),
    restart: run,
    async stop() {
      await end('SIGTERM')
      await rm(dir, { recursive: true, force: true })
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** A test title, with the reason it is skipped when it is. */
export function redisTitle(title: string): string {
  return REDIS_SKIP_REASON === '' ? title : `${title} (${REDIS_SKIP_REASON})`
}
