/**
 * Stage 2 benchmark: 100 clients on 20 inbox documents, each sending 10 small
 * updates a second for 20 s, against huddle's server and, in the same rounds,
 * the stock y-websocket server with and without its LevelDB persistence; then
 * a scale series of the same load at 10, 100 and 500 clients, in shorter
 * rounds, so how each server's cost grows with load is visible.
 *
 * The load generator and the server run on different cores (cpu-pinning.ts).
 * Every ratio is taken within one round, between servers measured side by
 * side, so that what else the machine does falls on both alike.
 */
import { pinCores, type Pinning } from './cpu-pinning.js'
import { single, summarise, type Figure, type Suite } from './report.js'
import { runHuddle, runStock, type LoadShape, type ServerKind, type ServerRun } from './server-runs.js'

const SUITE = 'server'
const MAIN: LoadShape = { clients: 100, docs: 20, rate: 10, durationMs: Number(process.env.HUDDLE_BENCH_SECONDS ?? 20) * 1000 }
const ROUNDS = Number(process.env.HUDDLE_BENCH_ROUNDS ?? 3)
/** Updates each client sends at once to measure the durable rate. */
const BURST_PER_CLIENT = 200
/** Client counts of the scale series (`HUDDLE_BENCH_SCALE=` empty skips it), five to a document as in the main load. */
const SCALE_CLIENTS = (process.env.HUDDLE_BENCH_SCALE ?? '10,100,500').split(',').filter((n) => n.trim() !== '').map(Number)
const SCALE_SECONDS = Number(process.env.HUDDLE_BENCH_SCALE_SECONDS ?? 5)
const CLIENTS_PER_DOC = 5

const SERVERS: readonly ServerKind[] = ['huddle', 'stock', 'stock+leveldb']

type Round = Readonly<Record<ServerKind, ServerRun>>

/** Runs the three servers one after another, starting with a different one each round so none always runs first. */
async function runRound(shape: LoadShape, pinning: Pinning, index: number, burstPerClient: number | null): Promise<Round> {
  const runs: Partial<Record<ServerKind, ServerRun>> = {}
  for (let k = 0; k < SERVERS.length; k++) {
    const server = SERVERS[(index + k) % SERVERS.length]!
    runs[server] = server === 'huddle' ? await runHuddle(shape, pinning, burstPerClient) : await runStock(shape, pinning, server === 'stock+leveldb')
  }
  return runs as Round
}

const ms = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)} ms`)
const times = (value: number): string => `${value.toFixed(2)}×`
/** Server CPU per update sent, in milliseconds: comparable across loads of different lengths. */
const cpuPerUpdate = (run: ServerRun): number => (run.cpuSeconds * 1000) / run.sent

function describeRound(label: string, round: Round): string {
  const server = (kind: ServerKind): string => {
    const run = round[kind]
    const ack = run.ackP99 === null ? '' : `, ack p99 ${ms(run.ackP99)}`
    return `${kind} fan-out p50 ${ms(run.fanoutP50)} p99 ${ms(run.fanoutP99)}${ack}, CPU ${run.cpuSeconds.toFixed(2)} s`
  }
  const ratios = (other: ServerKind): string =>
    `huddle/${other} p99 ${times(round.huddle.fanoutP99 / round[other].fanoutP99)} CPU ${times(round.huddle.cpuSeconds / round[other].cpuSeconds)}`
  return `${label}: ${SERVERS.map(server).join(' | ')} | ${ratios('stock')}, ${ratios('stock+leveldb')}`
}

/** One figure over the rounds: its median is the median of the per-round values, which it keeps. */
function overRounds(name: string, unit: string, values: readonly number[], extra: Partial<Figure> = {}): Figure {
  return { suite: SUITE, name, unit, ...summarise(values), ...extra, detail: { rounds: values, ...extra.detail } }
}

function figuresOf(rounds: readonly Round[], kind: ServerKind): Figure[] {
  const runs = rounds.map((round) => round[kind])
  const of = (pick: (run: ServerRun) => number | null): number[] => runs.map(pick).filter((v): v is number => v !== null)
  const acks = of((r) => r.ackP99)
  const durable = of((r) => r.durablePerSecond)
  return [
    overRounds(`fan-out p50 (${kind})`, 'ms', of((r) => r.fanoutP50), { detail: { delivered: runs.map((r) => r.delivered) } }),
    overRounds(`fan-out p99 (${kind})`, 'ms', of((r) => r.fanoutP99)),
    ...(acks.length === 0 ? [] : [overRounds(`ack p50 (${kind})`, 'ms', of((r) => r.ackP50)), overRounds(`ack p99 (${kind})`, 'ms', acks, { goal: 10 })]),
    ...(durable.length === 0 ? [] : [overRounds(`durable updates/s, burst (${kind})`, '/s', durable, { goal: 10_000, isHigherBetter: true })]),
    overRounds(`server CPU during load (${kind})`, 's', of((r) => r.cpuSeconds)),
    overRounds(`server peak RSS (${kind})`, 'MiB', of((r) => r.peakRssMiB)),
  ]
}

function ratioFigures(rounds: readonly Round[]): Figure[] {
  const ratio = (other: ServerKind, pick: (run: ServerRun) => number): number[] => rounds.map((round) => pick(round.huddle) / pick(round[other]))
  return [
    overRounds('fan-out p50 ratio huddle / stock', '×', ratio('stock', (r) => r.fanoutP50)),
    overRounds('fan-out p99 ratio huddle / stock', '×', ratio('stock', (r) => r.fanoutP99), { goal: 1.2 }),
    overRounds('fan-out p99 ratio huddle / stock+leveldb', '×', ratio('stock+leveldb', (r) => r.fanoutP99)),
    overRounds('server CPU ratio huddle / stock', '×', ratio('stock', (r) => r.cpuSeconds), { goal: 1.3 }),
    overRounds('server CPU ratio huddle / stock+leveldb', '×', ratio('stock+leveldb', (r) => r.cpuSeconds)),
  ]
}

/** The figures of one step of the scale series (one round). */
function scaleFigures(clients: number, round: Round): Figure[] {
  const at = `${clients} clients`
  return [
    ...SERVERS.map((kind) => single(SUITE, `scale ${at}: fan-out p99 (${kind})`, 'ms', round[kind].fanoutP99, { detail: { delivered: round[kind].delivered } })),
    single(SUITE, `scale ${at}: ack p99 (huddle)`, 'ms', round.huddle.ackP99 ?? Number.NaN),
    ...SERVERS.map((kind) => single(SUITE, `scale ${at}: server CPU per update (${kind})`, 'ms', cpuPerUpdate(round[kind]), { detail: { sent: round[kind].sent } })),
    single(SUITE, `scale ${at}: fan-out p99 ratio huddle / stock`, '×', round.huddle.fanoutP99 / round.stock.fanoutP99),
    single(SUITE, `scale ${at}: server CPU ratio huddle / stock`, '×', round.huddle.cpuSeconds / round.stock.cpuSeconds),
  ]
}

export const serverSuite: Suite = {
  name: SUITE,
  run: async (log) => {
    const pinning = pinCores()
    try {
      log(pinning.note)
      log(`${MAIN.clients} clients on ${MAIN.docs} documents, ${MAIN.rate} updates/s each for ${MAIN.durationMs / 1000} s, per server, ${ROUNDS} round(s)`)
      const rounds: Round[] = []
      for (let index = 0; index < ROUNDS; index++) {
        rounds.push(await runRound(MAIN, pinning, index, BURST_PER_CLIENT))
        log(describeRound(`round ${index + 1}`, rounds[index]!))
      }
      const figures = [...SERVERS.flatMap((kind) => figuresOf(rounds, kind)), ...ratioFigures(rounds)]
      if (SCALE_CLIENTS.length > 0)
        log(`scale series: ${SCALE_CLIENTS.join(', ')} clients, ${CLIENTS_PER_DOC} to a document, ${MAIN.rate} updates/s each, one round of ${SCALE_SECONDS} s per server (shorter than the main rounds)`)
      for (const [index, clients] of SCALE_CLIENTS.entries()) {
        const shape: LoadShape = { clients, docs: Math.max(1, Math.round(clients / CLIENTS_PER_DOC)), rate: MAIN.rate, durationMs: SCALE_SECONDS * 1000 }
        const round = await runRound(shape, pinning, index, null)
        log(describeRound(`scale ${clients} clients`, round))
        figures.push(...scaleFigures(clients, round))
      }
      return figures
    } finally {
      pinning.release()
    }
  },
}
