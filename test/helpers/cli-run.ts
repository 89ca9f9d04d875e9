/** Runs the `huddle` entry in-process with its io captured: argv in; exit code, stdout and stderr out. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CliIo } from '../../cli/io.js'
import { runCli } from '../../cli/run.js'

export type CliResult = { readonly code: number; readonly stdout: string; readonly stderr: string }

export type InProcessOptions = {
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly isInteractive?: boolean
  /** Answers to questions, in order; the questions asked are recorded. */
  readonly answers?: readonly string[]
  readonly fetch?: typeof fetch
  /** What standard input holds. */
  readonly stdin?: string
}

/** Runs `huddle ...argv`; `asked` lists the questions put to the user. */
export async function runInProcess(argv: readonly string[], options: InProcessOptions = {}): Promise<CliResult & { asked: string[] }> {
  let stdout = ''
  let stderr = ''
  const asked: string[] = []
  const answers = [...(options.answers ?? [])]
  const io: CliIo = {
    env: options.env ?? {},
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isInteractive: options.isInteractive ?? false,
    ask: async (question) => {
      asked.push(question)
      return answers.shift() ?? ''
    },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    untilStopped: () => Promise.resolve(),
    fetch: options.fetch ?? globalThis.fetch,
    cwd: process.cwd(),
  }
  const code = await runCli(argv, io)
  return { code, stdout, stderr, asked }
}

/** A temporary home with its own XDG_CONFIG_HOME, so no test touches a real saved login. */
export async function makeTempHome(): Promise<{ env: Record<string, string>; configHome: string; remove(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'huddle-cli-home-'))
  const configHome = join(home, 'config')
  return {
    env: { HOME: home, XDG_CONFIG_HOME: configHome },
    configHome,
    remove: () => rm(home, { recursive: true, force: true }),
  }
}
