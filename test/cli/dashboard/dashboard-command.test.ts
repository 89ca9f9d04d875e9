import { describe, expect, it } from 'vitest'
import { runInProcess } from '../../helpers/cli-run.js'

const noServer: typeof fetch = () => {
  throw new Error('without a terminal nothing may reach the server')
}

describe('the dashboard without a terminal', () => {
  it('huddle alone asks for a command and says the dashboard needs a terminal (exit 2)', async () => {
    const result = await runInProcess([], { env: { HUDDLE_TOKEN: 't' }, fetch: noServer })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Give a command. (`huddle` alone opens the dashboard, which needs a terminal.)')
  })

  it('huddle dashboard does not start, naming the commands to use with --json (exit 2)', async () => {
    const result = await runInProcess(['dashboard'], { env: { HUDDLE_TOKEN: 't' }, fetch: noServer })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The dashboard needs a terminal')
    expect(result.stderr).toContain('huddle conversation list --json')
    expect(result.stderr).toContain('huddle conversation show <id> --json')
    expect(result.stdout).toBe('')
  })

  it('huddle demo without a terminal points to --headless (exit 2)', async () => {
    const result = await runInProcess(['demo'], { env: {}, fetch: noServer })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('huddle demo --headless')
  })
})
