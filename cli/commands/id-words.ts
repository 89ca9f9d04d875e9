/** The conversation ids a command line gives for `<id>…`: its words, where `-` stands for those on standard input. */
import { HuddleError } from '../../core/errors.js'
import type { CliIo } from '../io.js'

/** Whether the words name several conversations (or read them from standard input), so each has its own line of result. */
export function isSeveral(words: readonly string[]): boolean {
  return words.length > 1 || words.includes('-')
}

/** The ids in order, each once; `-` replaced by the words of standard input (spaces or lines between them). */
export async function givenIds(words: readonly string[], io: CliIo): Promise<string[]> {
  const fromStdin = words.includes('-') ? (await io.readStdin()).split(/\s+/).filter((word) => word !== '') : []
  if (words.includes('-') && fromStdin.length === 0)
    throw new HuddleError('invalid', 'Standard input held no conversation ids (`-` reads them from there). Give them separated by spaces or lines, e.g. `huddle conversation list --json | jq -r ".[].id" | huddle conversation archive -`.')
  return [...new Set(words.flatMap((word) => (word === '-' ? fromStdin : [word])))]
}
