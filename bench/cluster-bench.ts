/**
 * Cluster benchmark (`node dist/bench/run.js cluster`): the server suite's
 * workload (100 clients on 20 inbox documents, 10 updates a second each)
 * split across two huddle nodes on one Redis — every document has clients
 * on both nodes, so half of each update's peers are on the other node —
 * and, in the same round, on one node with LevelDB. Reports fan-out
 * p50/p99 (all peers, and between nodes), ack p99, the durable rate of a
 * burst, and the CPU time of each node and of Redis.
 *
 * The servers (both nodes and Redis, or the one node) share the server core
 * and the load generator has the other (cpu-pinning.ts), so the cluster's
 * figures include three processes contending for one core.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startChild, type ChildServer } from './child-server.js'
import { pinCores, type Pinning } from './cpu-pinning.js'
import { percentile, single, type Figure, type Suite } from './report.js'
import { freePort, runHuddle, seedHuddle, type LoadShape, type ServerRun } from './server-runs.js'
import { runSyncLoad, runThroughput } from './sync-load.js'

const SUITE = 'cluster'
const SHAPE: LoadShape = { clients: 100, docs: 20, rate: 10, durationMs: Number(process.env.HUDDLE_BENCH_SECONDS ?? 20) * 1000 }
const BURST_PER_CLIENT = 200

type ClusterRun = {
  readonly fanoutP50: number
  readonly fanoutP99: number
  readonly crossP50: number
  readonly crossP99: number
  readonly ackP99: number
  readonly delivered: string
  readonly durablePerSecond: number
  readonly nodeCpuSeconds: readonly number[]
  readonly redisCpuSeconds: number
}

async function startRedis(pinning: Pinning, dir: string): Promise<{ child: ChildServer; url: string }> {
  const port = await freePort()
  const flags = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction']
  const started = pinning.wrap('redis-server', flags)
  const child = await startChild(started.command, started.args, {}, /Running mode=standalone, port=(\d+)/)
  return { child, url: `redis://127.0.0.1:${port}` }
}

async function startNode(pinning: Pinning, dir: string, redisUrl: string, adminToken: string): Promise<ChildServer> {
  const started = pinning.wrap('node', ['dist/cli/main.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--data', dir, '--redis', redisUrl])
  return startChild(started.command, started.args, { HUDDLE_ADMIN_TOKEN: adminToken }, /Listening on http:\/\/[^:\s]+:(\d+)/)
}

/** The workload on two nodes sharing one Redis, clients of each document alternating between them. */
async function runCluster(shape: LoadShape, pinning: Pinning): Promise<ClusterRun> {
  const folder = await mkdtemp(join(tmpdir(), 'huddle-cluster-bench-'))
  const adminToken = `hud_${randomBytes(32).toString('base64url')}`
  const redis = await startRedis(pinning, folder)
  const nodes: ChildServer[] = []
  try {
    nodes.push(await startNode(pinning, join(folder, 'a'), redis.url, adminToken))
    nodes.push(await startNode(pinning, join(folder, 'b'), redis.url, adminToken))
    const [a, b] = nodes.map((node) => `ws://127.0.0.1:${node.port}/sync`) as [string, string]
    const seeded = await seedHuddle(`http://127.0.0.1:${nodes[0]!.port}`, adminToken, shape)
    const specs = seeded.map((spec, i) => ({ ...spec, url: i % 2 === 0 ? a : b }))
    const cpuBefore = [...nodes.map((node) => node.cpuSeconds()), redis.child.cpuSeconds()]
    const load = await runSyncLoad(a, specs, { isHuddle: true, ratePerSecond: shape.rate, durationMs: shape.durationMs })
    const cpu = [...nodes.map((node) => node.cpuSeconds()), redis.child.cpuSeconds()].map((after, i) => after - cpuBefore[i]!)
    const durablePerSecond = await runThroughput(a, specs, BURST_PER_CLIENT)
    return {
      fanoutP50: percentile(load.fanoutMs, 50),
      fanoutP99: percentile(load.fanoutMs, 99),
      crossP50: percentile(load.crossFanoutMs, 50),
      crossP99: percentile(load.crossFanoutMs, 99),
      ackP99: percentile(load.ackMs, 99),
      delivered: `${load.deliveries}/${load.expectedDeliveries}`,
      durablePerSecond,
      nodeCpuSeconds: cpu.slice(0, 2),
      redisCpuSeconds: cpu[2]!,
    }
  } finally {
    for (const node of nodes) await node.stop()
    await redis.child.stop()
    await rm(folder, { recursive: true, force: true })
  }
}

const ms = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)} ms`)

function figures(cluster: ClusterRun, alone: ServerRun): Figure[] {
  const one = (name: string, unit: string, value: number, extra: { goal?: number; isHigherBetter?: boolean; detail?: Record<string, unknown> } = {}): Figure =>
    single(SUITE, name, unit, value, extra)
  return [
    one('fan-out p50 (two nodes on Redis)', 'ms', cluster.fanoutP50, { detail: { delivered: cluster.delivered } }),
    one('fan-out p99 (two nodes on Redis)', 'ms', cluster.fanoutP99),
    one('fan-out p50 between nodes', 'ms', cluster.crossP50),
    one('fan-out p99 between nodes', 'ms', cluster.crossP99, { goal: 50 }),
    one('ack p99 (two nodes on Redis)', 'ms', cluster.ackP99),
    one('durable updates/s, burst (two nodes on Redis)', '/s', cluster.durablePerSecond, { isHigherBetter: true }),
    one('CPU during load, node A', 's', cluster.nodeCpuSeconds[0]!),
    one('CPU during load, node B', 's', cluster.nodeCpuSeconds[1]!),
    one('CPU during load, Redis', 's', cluster.redisCpuSeconds),
    one('fan-out p50 (one node on LevelDB)', 'ms', alone.fanoutP50, { detail: { delivered: alone.delivered } }),
    one('fan-out p99 (one node on LevelDB)', 'ms', alone.fanoutP99),
    one('ack p99 (one node on LevelDB)', 'ms', alone.ackP99 ?? Number.NaN),
    one('durable updates/s, burst (one node on LevelDB)', '/s', alone.durablePerSecond ?? Number.NaN, { isHigherBetter: true }),
    one('CPU during load, one node on LevelDB', 's', alone.cpuSeconds),
  ]
}

export const clusterSuite: Suite = {
  name: SUITE,
  run: async (log) => {
    const pinning = pinCores()
    try {
      log(pinning.note)
      log(`${SHAPE.clients} clients on ${SHAPE.docs} documents, ${SHAPE.rate} updates/s each for ${SHAPE.durationMs / 1000} s; two nodes on one Redis, then one node on LevelDB`)
      const cluster = await runCluster(SHAPE, pinning)
      log(
        `two nodes on Redis: fan-out p50 ${ms(cluster.fanoutP50)} p99 ${ms(cluster.fanoutP99)}, between nodes p50 ${ms(cluster.crossP50)} p99 ${ms(cluster.crossP99)}, ack p99 ${ms(cluster.ackP99)}, burst ${cluster.durablePerSecond.toFixed(0)}/s, CPU A ${cluster.nodeCpuSeconds[0]!.toFixed(2)} s B ${cluster.nodeCpuSeconds[1]!.toFixed(2)} s Redis ${cluster.redisCpuSeconds.toFixed(2)} s`,
      )
      const one = await runHuddle(SHAPE, pinning, BURST_PER_CLIENT)
      log(
        `one node on LevelDB: fan-out p50 ${ms(one.fanoutP50)} p99 ${ms(one.fanoutP99)}, ack p99 ${ms(one.ackP99)}, burst ${(one.durablePerSecond ?? 0).toFixed(0)}/s, CPU ${one.cpuSeconds.toFixed(2)} s`,
      )
      return figures(cluster, one)
    } finally {
      pinning.release()
    }
  },
}
