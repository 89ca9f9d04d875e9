/**
 * `huddle completion`: the bash script from the built binary, sourced in a
 * real bash, completes commands, verbs, flags and flag values; the fish and
 * zsh scripts come from the same table.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce, runBinary } from '../helpers/cli-binary.js'

const run = promisify(execFile)
let script = ''

beforeAll(async () => {
  await buildCliOnce()
  const result = await runBinary(['completion', 'bash'])
  expect(result.code).toBe(0)
  script = result.stdout
}, 180_000)

/** What bash's completion function offers for the words typed, the last one being completed. */
async function complete(...words: string[]): Promise<string[]> {
  const program = `${script}
COMP_WORDS=(huddle ${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length}
_huddle
printf '%s\\n' "\${COMPREPLY[@]}"`
  const { stdout } = await run('bash', ['--norc', '--noprofile', '-c', program])
  return stdout.split('\n').filter((line) => line !== '')
}

describe('huddle completion bash', () => {
  const cases: readonly { typed: string[]; offers: string[]; not?: string[] }[] = [
    { typed: ['con'], offers: ['conversation'] },
    { typed: ['c'], offers: ['completion', 'conversation'] },
    { typed: ['user', ''], offers: ['list', 'add', 'edit', 'remove', 'token', '--help'] },
    { typed: ['conversation', 'cl'], offers: ['claim'] },
    { typed: ['conversation', 'claim', 'c-1', '--'], offers: ['--json', '--wait', '--server', '--token', '--help'], not: ['--body'] },
    { typed: ['conversation', 'reply', 'c-1', '--body'], offers: ['--body', '--body-file'] },
    { typed: ['conversation', 'list', '--view', ''], offers: ['mine', 'others', 'unassigned', 'archived', 'snoozed'] },
    { typed: ['user', 'add', 'bob', '--licence', 'w'], offers: ['whatsapp'] },
    { typed: ['login', '--w'], offers: ['--with-token'] },
    { typed: ['completion', ''], offers: ['bash', 'zsh', 'fish'] },
  ]
  for (const { typed, offers, not = [] } of cases)
    it(`offers ${offers.join(' ')} after \`huddle ${typed.join(' ')}\``, async () => {
      const offered = await complete(...typed)
      expect(offered).toEqual(expect.arrayContaining(offers))
      for (const word of not) expect(offered).not.toContain(word)
      if (typed.at(-1) !== '' && typed.at(-1) !== '--') expect(offered.every((word) => word.startsWith(typed.at(-1)!))).toBe(true)
    })
})

describe('huddle completion fish and zsh', () => {
  it('prints fish completions for every noun, verb and flag of the table', async () => {
    const result = await runBinary(['completion', 'fish'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("complete -c huddle -n '__fish_seen_subcommand_from conversation; and not __fish_seen_subcommand_from list show claim")
    expect(result.stdout).toContain("complete -c huddle -n '__fish_seen_subcommand_from conversation; and __fish_seen_subcommand_from list' -l view -xa 'mine others unassigned archived snoozed'")
    expect(result.stdout).toContain("complete -c huddle -n '__fish_seen_subcommand_from login' -l with-token\n")
  })

  it('prints for zsh the bash function loaded through bashcompinit', async () => {
    const result = await runBinary(['completion', 'zsh'])
    expect(result.code).toBe(0)
    expect(result.stdout.startsWith('#compdef huddle\nautoload -U +X bashcompinit && bashcompinit\n')).toBe(true)
    expect(result.stdout).toContain('complete -F _huddle huddle')
  })

  it('refuses a shell it has no script for, naming the ones it has', async () => {
    const result = await runBinary(['completion', 'tcsh'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The shell `tcsh` is not one of bash, zsh, fish.')
  })
})
