/**
 * `huddle serve` from the built binary as a child process on a data folder:
 * waits until it listens, and stops it politely (SIGTERM) or not (SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { CLI_MAIN, ROOT } from './cli-binary.js'

export type ServerProcess = {
  readonly port: number
  readonly url: string
  /** Everything it printed so far. */
  output(): string
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>
}

export async function startServerProcess(
  dataDir: string,
  options: { port?: number; env?: Readonly<Record<string, string>>; flags?: readonly string[] } = {},
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI_MAIN, 'serve', '--port', String(options.port ?? 0), '--data', dataDir, ...(options.flags ?? [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`huddle serve exited with ${code} before listening:\n${output}`)))
  })
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: (signal) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode)
        child.once('exit', (code) => resolve(code))
        child.kill(signal)
      }),
  }
}
