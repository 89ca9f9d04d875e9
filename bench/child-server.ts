/**
 * A server under test in its own process, so its CPU time and peak memory are
 * its own: started, waited for until it listens, sampled from /proc, stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

export type ChildServer = {
  readonly port: number
  readonly process: ChildProcess
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number
  /** Peak resident memory so far, in MiB. */
  peakRssMiB(): number
  stop(): Promise<void>
}

const CLOCK_TICKS = 100

/**
 * Peak resident memory of a process (`self`: this one), in MiB, from the
 * kernel's high-water mark of its own address space. Not
 * `process.resourceUsage().maxRSS`: that survives exec, so a process spawned
 * by a big one reports its parent's memory at the fork as its own.
 */
export function peakRssMiBOf(pid: number | 'self'): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : Number.NaN
}

export async function startChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv, readyLine: RegExp): Promise<ChildServer> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = readyLine.exec(output)
      if (match) resolve(Number(match[1]))
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    // Problems the server reports while under load are part of the result.
    const report = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (/fail|error|refused/i.test(line)) console.error(`  [server] ${line}`)
    }
    child.stdout!.on('data', report)
    child.stderr!.on('data', report)
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code} before it was ready:\n${output}`)))
  })
  const pid = child.pid!
  return {
    port,
    process: child,
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
    },
    peakRssMiB: () => peakRssMiBOf(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
