/**
 * Benchmark figures: timing helpers, medians and percentiles, the printed table
 * and the results file. Benchmarks report figures against goals; nothing here
 * fails a build.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, platform, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

/** One measured figure: a summary of samples, in `unit`, with an optional goal for its median (lower is better). */
export type Figure = {
  readonly suite: string
  readonly name: string
  readonly unit: string
  readonly median: number
  readonly p95: number
  readonly min: number
  readonly max: number
  readonly samples: number
  readonly goal?: number
  /** The goal is a floor (rates) rather than a ceiling (times). */
  readonly isHigherBetter?: boolean
  /** Anything else worth keeping with the figure (sizes, counts, a profile). */
  readonly detail?: Readonly<Record<string, unknown>>
}

/** A benchmark suite: a name and a function that measures and returns its figures. */
export type Suite = {
  readonly name: string
  readonly run: (log: (line: string) => void) => Promise<readonly Figure[]>
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** The p-th percentile (0–100) by linear interpolation between the closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export type Summary = Pick<Figure, 'median' | 'p95' | 'min' | 'max' | 'samples'>

export function summarise(samples: readonly number[]): Summary {
  return {
    median: median(samples),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
    samples: samples.length,
  }
}

/**
 * Times `body` `repetitions` times after `warmup` untimed runs. `setup` runs
 * before each run, outside the timing, and hands its result to `body`.
 */
export function measure<T>(options: { repetitions: number; warmup: number; setup: () => T; body: (input: T) => void }): number[] {
  const samples: number[] = []
  for (let i = 0; i < options.warmup + options.repetitions; i++) {
    const input = options.setup()
    const started = performance.now()
    options.body(input)
    const elapsed = performance.now() - started
    if (i >= options.warmup) samples.push(elapsed)
  }
  return samples
}

/** A figure that is one number (a ratio, a rate, a percentile computed elsewhere). */
export function single(
  suite: string,
  name: string,
  unit: string,
  value: number,
  options: { goal?: number; isHigherBetter?: boolean; samples?: number; detail?: Readonly<Record<string, unknown>> } = {},
): Figure {
  return { suite, name, unit, median: value, p95: value, min: value, max: value, samples: options.samples ?? 1, ...options }
}

export function verdict(figure: Figure): 'pass' | 'miss' | '' {
  if (figure.goal === undefined) return ''
  const isMet = figure.isHigherBetter ? figure.median >= figure.goal : figure.median <= figure.goal
  return isMet ? 'pass' : 'miss'
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—'
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

/** A plain-text table of figures: median, p95, range, goal and a pass/miss marker. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['suite', 'figure', 'median', 'p95', 'min–max', 'n', 'goal', '']
  const rows = figures.map((f) => [
    f.suite,
    f.name,
    `${formatNumber(f.median)} ${f.unit}`,
    `${formatNumber(f.p95)} ${f.unit}`,
    `${formatNumber(f.min)}–${formatNumber(f.max)}`,
    String(f.samples),
    f.goal === undefined ? '' : `${f.isHigherBetter ? '≥' : '<'} ${formatNumber(f.goal)} ${f.unit}`,
    verdict(f) === 'pass' ? '✔ pass' : verdict(f) === 'miss' ? '✘ MISS' : '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')
}

/** The package root: the nearest folder above this file holding a package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('Could not find package.json above the benchmark files.')
    dir = parent
  }
  return dir
}

/** Writes every figure, with the machine it ran on, to `bench/results/latest.json`; returns the path. */
export async function writeResults(figures: readonly Figure[]): Promise<string> {
  const path = join(packageRoot(), 'bench', 'results', 'latest.json')
  await mkdir(dirname(path), { recursive: true })
  const machine = {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  }
  const results = { generatedAt: new Date().toISOString(), machine, figures: figures.map((f) => ({ ...f, verdict: verdict(f) || null })) }
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`)
  return path
}
