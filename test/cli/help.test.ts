import { describe, expect, it } from 'vitest'
import { COMMANDS, NOUNS } from '../../cli/command-table.js'
import { HUDDLE_VERSION } from '../../core/wire.js'
import { runInProcess } from '../helpers/cli-run.js'

describe('help', () => {
  it.each(COMMANDS.map((c) => ({ name: c.name })))('`huddle $name --help` exits 0 and shows the usage and an example', async ({ name }) => {
    const result = await runInProcess([...name.split(' '), '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`Usage\n  $ huddle ${name}`)
    expect(result.stdout).toMatch(new RegExp(`Examples\\n(  \\$ huddle ${name}.*\\n)+`))
    expect(result.stderr).toBe('')
  })

  it('shows a command’s help even among other flags and arguments', async () => {
    const result = await runInProcess(['user', 'add', 'bob', '--frob', '-h'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('$ huddle user add <id>')
  })

  it.each(['--help', '-h', 'help'])('`huddle %s` lists every command', async (flag) => {
    const result = await runInProcess([flag])
    expect(result.code).toBe(0)
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command.name} +${escape(command.summary)}$`, 'm'))
  })

  it('`huddle help user add` shows the help of `huddle user add`', async () => {
    const result = await runInProcess(['help', 'user', 'add'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('$ huddle user add <id>')
  })

  it.each(Object.keys(NOUNS))('`huddle %s --help` lists that noun’s commands', async (noun) => {
    const result = await runInProcess([noun, '--help'])
    expect(result.code).toBe(0)
    const verbs = COMMANDS.filter((c) => c.name.startsWith(`${noun} `))
    expect(verbs.length).toBeGreaterThan(0)
    for (const verb of verbs) expect(result.stdout).toContain(`  ${verb.name} `)
  })

  it('`huddle --version` prints the version', async () => {
    const result = await runInProcess(['--version'])
    expect(result).toMatchObject({ code: 0, stdout: `${HUDDLE_VERSION}\n`, stderr: '' })
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
