/** What a command may touch of the outside world, so the whole CLI also runs in-process in tests. */
import process from 'node:process'
import { createInterface } from 'node:readline/promises'

export type CliIo = {
  readonly env: Readonly<Record<string, string | undefined>>
  /** Data: tables, records, JSON. */
  readonly stdout: (text: string) => void
  /** Messages: what happened, what to do next, errors. */
  readonly stderr: (text: string) => void
  /** Whether a person is there to answer a question (stdin is a terminal). */
  readonly isInteractive: boolean
  readonly ask: (question: string) => Promise<string>
  /** All of standard input, to its end (`--body -`, `login --with-token`). */
  readonly readStdin: () => Promise<string>
  /** Resolves when the process is asked to stop (SIGTERM or SIGINT). */
  readonly untilStopped: () => Promise<void>
  readonly fetch: typeof fetch
  /** The folder relative paths are resolved against. */
  readonly cwd: string
}

/** The io of the real process. */
export function processIo(): CliIo {
  return {
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isInteractive: process.stdin.isTTY === true,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr })
      try {
        return await rl.question(question)
      } finally {
        rl.close()
      }
    },
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array))
      return Buffer.concat(chunks).toString('utf8')
    },
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (): void => {
          process.off('SIGTERM', stop)
          process.off('SIGINT', stop)
          resolve()
        }
        process.on('SIGTERM', stop)
        process.on('SIGINT', stop)
      }),
    fetch: globalThis.fetch,
    cwd: process.cwd(),
  }
}
