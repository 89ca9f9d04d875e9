/** The demo's log file: what its server and simulators report, kept out of the dashboard's screen. */
import { createWriteStream } from 'node:fs'

export type DemoLog = {
  readonly line: (text: string) => void
  readonly error: (error: unknown) => void
  /** Closes the file; resolves with why writing failed, if it did. */
  close(): Promise<string | null>
}

export function openDemoLog(path: string): DemoLog {
  const stream = createWriteStream(path, { flags: 'a' })
  let failure: string | null = null
  stream.on('error', (error) => {
    failure = `Could not write the demo's log ${path}: ${error.message}`
  })
  const line = (text: string): void => {
    if (failure === null) stream.write(`${new Date().toISOString()} ${text}\n`)
  }
  return {
    line,
    error: (error) => line(`error: ${error instanceof Error ? error.message : String(error)}`),
    close: () => new Promise((resolve) => stream.end(() => resolve(failure))),
  }
}
