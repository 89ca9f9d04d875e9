/**
 * The built `huddle` binary for end-to-end tests: `npm run build` once per
 * test run (test files run in parallel workers; the first builds, the others
 * wait for its result), then `node dist/cli/main.js` as a child process.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CliResult } from './cli-run.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CLI_MAIN = join(ROOT, 'dist', 'cli', 'main.js')

type BuildResult = { readonly code: number; readonly output: string }

const STALE_MS = 10 * 60_000

/** Builds the project once for this test run; throws with the compiler's output when it fails. */
export async function buildCliOnce(): Promise<void> {
  // Workers of one vitest run share their parent process.
  const lock = join(tmpdir(), `huddle-cli-build-${process.ppid}`)
  const resultFile = join(lock, 'result.json')
  for (;;) {
    try {
      await mkdir(lock)
    } catch {
      const result = await waitForResult(lock, resultFile)
      if (result === 'stale') {
        await rm(lock, { recursive: true, force: true })
        continue
      }
      return assertBuilt(result)
    }
    const result = await npmBuild()
    await writeFile(resultFile, JSON.stringify(result))
    return assertBuilt(result)
  }
}

function assertBuilt(result: BuildResult): void {
  if (result.code !== 0) throw new Error(`\`npm run build\` failed (exit ${result.code}):\n${result.output}`)
}

async function waitForResult(lock: string, resultFile: string): Promise<BuildResult | 'stale'> {
  for (;;) {
    try {
      return JSON.parse(await readFile(resultFile, 'utf8')) as BuildResult
    } catch {
      // Not written yet, or left by an earlier run whose process id was reused.
      const made = await stat(lock).catch(() => null)
      if (made === null || Date.now() - made.mtimeMs > STALE_MS) return 'stale'
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

function npmBuild(): Promise<BuildResult> {
  return new Promise((resolve) => {
    execFile('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, output: `${stdout}${stderr}` })
    })
  })
}

/** Runs `huddle ...argv` as a child process with exactly `env` (plus PATH). */
export function runBinary(argv: readonly string[], env: Readonly<Record<string, string>> = {}, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...argv], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }))
    child.stdin.end(stdin ?? '')
  })
}
