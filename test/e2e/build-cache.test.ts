/**
 * `npm run build` (which `npm start` runs first) compiles only when a source
 * changed: a second build with nothing changed writes nothing to dist/.
 */
import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { buildCliOnce, CLI_MAIN, ROOT } from '../helpers/cli-binary.js'

const run = promisify(execFile)

describe('npm run build', () => {
  it('leaves dist/ untouched when no source changed since the last build', async () => {
    await buildCliOnce()
    const before = await stat(CLI_MAIN)
    const info = await stat(join(ROOT, 'dist', '.tsbuildinfo'))
    await run('npm', ['run', 'build'], { cwd: ROOT })
    expect((await stat(CLI_MAIN)).mtimeMs).toBe(before.mtimeMs)
    expect((await stat(join(ROOT, 'dist', '.tsbuildinfo'))).mtimeMs).toBe(info.mtimeMs)
  }, 120_000)
})
