import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce, ROOT } from '../../helpers/cli-binary.js'
import { REDIS_SKIP_REASON, redisTitle, startRedis } from '../../helpers/redis-process.js'

/**
 * Starts and stops the built server in a fresh Node process whose module
 * resolution is watched, and returns every module it resolved from the
 * cluster code or the Redis client.
 */
function clusterModulesLoaded(dataDir: string, redisUrl?: string): string[] {
  const hook = `export async function resolve(specifier, context, next) {
    const found = await next(specifier, context)
    if (/[/]node_modules[/](redis|@redis)[/]|[/]server[/]cluster[/]/.test(found.url)) process.stdout.write('LOADED ' + found.url + '\\n')
    return found
  }`
  const script = `
    import { register } from 'node:module'
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}))
    const { startServer } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'server', 'start.js')).href)})
    const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: ${JSON.stringify(dataDir)}${redisUrl ? `, redisUrl: ${JSON.stringify(redisUrl)}` : ''} })
    await server.close()
    process.stdout.write('STOPPED\\n')`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })
  expect(run.stdout, run.stderr).toContain('STOPPED')
  return run.stdout.split('\n').filter((line) => line.startsWith('LOADED '))
}

let folder: string

beforeAll(async () => {
  await buildCliOnce()
  folder = await mkdtemp(join(tmpdir(), 'huddle-lazy-'))
}, 120_000)

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('cluster code is loaded only in cluster mode', () => {
  it('a server started without a Redis URL loads neither the cluster code nor the Redis client', () => {
    expect(clusterModulesLoaded(join(folder, 'single'))).toEqual([])
  })

  it.skipIf(REDIS_SKIP_REASON !== '')(redisTitle('a server started with a Redis URL loads both'), async () => {
    const redis = await startRedis()
    try {
      const loaded = clusterModulesLoaded(join(folder, 'node'), redis.url)
      expect(loaded.some((line) => line.includes('/server/cluster/cluster-storage.js'))).toBe(true)
      expect(loaded.some((line) => /node_modules[/](redis|@redis)[/]/.test(line))).toBe(true)
    } finally {
      await redis.stop()
    }
  })
})
