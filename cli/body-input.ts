/**
 * `--body TEXT`, `--body -` (standard input) and `--body-file FILE`: where a
 * command's text comes from, read whole, its trailing line breaks dropped
 * (a file or a heredoc ends with one the writer did not mean as part of it).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { HuddleError } from '../core/errors.js'
import type { FlagSpec } from './command.js'
import type { CliIo } from './io.js'

export const BODY_FLAGS = {
  body: { type: 'string' },
  bodyFile: { type: 'string' },
} as const satisfies Record<string, FlagSpec>

/** Their lines of `--help`, after the line saying what the text is. */
export const BODY_HELP = `                   \`--body -\` reads it from standard input
  --body-file FILE Read it from FILE instead`

/** The one-of-two problem, for a command's check. */
export function bodyFlagProblems(flags: { readonly body?: unknown; readonly bodyFile?: unknown }): string[] {
  return flags.body !== undefined && flags.bodyFile !== undefined ? ['Give either `--body` or `--body-file`, not both.'] : []
}

/** The text the flags give, or undefined when neither was given. */
export async function readBody(flags: { readonly body?: unknown; readonly bodyFile?: unknown }, io: CliIo): Promise<string | undefined> {
  if (flags.bodyFile !== undefined) {
    const file = String(flags.bodyFile)
    try {
      return dropTrailingBreaks(await readFile(resolve(io.cwd, file), 'utf8'))
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error)
      throw new HuddleError('invalid', `Cannot read the file \`${file}\` given to \`--body-file\` (${reason}): give a readable file, or the text with \`--body TEXT\`.`)
    }
  }
  if (flags.body === undefined) return undefined
  if (flags.body !== '-') return String(flags.body)
  return dropTrailingBreaks(await io.readStdin())
}

function dropTrailingBreaks(text: string): string {
  return text.replace(/(\r?\n)+$/, '')
}
