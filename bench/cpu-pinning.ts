/**
 * Puts the load generator and the server under test on different cores, so
 * that neither takes the other's CPU time and a server's latency is not the
 * generator's queueing. Without `taskset` or a second core both share the
 * machine, and the suite says so; `HUDDLE_BENCH_PIN=0` leaves them unpinned.
 */
import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'

export type Pinning = {
  /** How to start a server process: `command` and `args` wrapped to run on the server's core. */
  readonly wrap: (command: string, args: readonly string[]) => { readonly command: string; readonly args: readonly string[] }
  /** One line saying where each side runs. */
  readonly note: string
  /** Gives this process every core again, for the suites that follow. */
  readonly release: () => void
}

const GENERATOR_CORE = 0
const SERVER_CORE = 1

const setAffinity = (cores: string): void => {
  execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' })
}

/** Pins this process (every thread) to the generator's core and returns how to start servers on the other. */
export function pinCores(): Pinning {
  const unpinned = (reason: string): Pinning => ({
    wrap: (command, args) => ({ command, args }),
    note: `load generator and servers share all cores (${reason}): figures include their contention`,
    release: () => {},
  })
  // On a machine others share, their processes run on both cores, and a
  // generator held to one may wait where it could have moved: a way to compare.
  if (process.env.HUDDLE_BENCH_PIN === '0') return unpinned('HUDDLE_BENCH_PIN=0')
  if (cpus().length < 2) return unpinned('one core only')
  try {
    setAffinity(String(GENERATOR_CORE))
  } catch {
    return unpinned('taskset is not available')
  }
  return {
    wrap: (command, args) => ({ command: 'taskset', args: ['-c', String(SERVER_CORE), command, ...args] }),
    note: `load generator on core ${GENERATOR_CORE}, server under test on core ${SERVER_CORE} (taskset)`,
    release: () => setAffinity(`0-${cpus().length - 1}`),
  }
}
