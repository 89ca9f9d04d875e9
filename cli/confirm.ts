/** Asks before destroying something, unless `--yes`; without a terminal to ask in, refuses. */
import type { CliIo } from './io.js'
import { say } from './output.js'
import { UsageError } from './usage-error.js'

export async function confirm(
  io: CliIo,
  options: { readonly question: string; readonly isConfirmed: boolean | undefined; readonly refusal: string; readonly usage: string },
): Promise<boolean> {
  if (options.isConfirmed) return true
  if (!io.isInteractive) throw new UsageError(options.refusal, options.usage)
  const answer = await io.ask(`${options.question} [y/N] `)
  return /^y(es)?$/i.test(answer.trim())
}

/**
 * Asks before removing or deleting `thing` (e.g. "user `bob`"), unless
 * `--yes`; says so when the answer is no. True when it may go ahead.
 */
export async function confirmRemoval(
  io: CliIo,
  options: { readonly verb: 'remove' | 'delete'; readonly thing: string; readonly consequence: string; readonly isConfirmed: boolean | undefined; readonly usage: string },
): Promise<boolean> {
  const { verb, thing } = options
  const isConfirmed = await confirm(io, {
    question: `${verb[0]!.toUpperCase()}${verb.slice(1)} ${thing}? ${options.consequence}`,
    isConfirmed: options.isConfirmed,
    refusal: `Not ${verb.slice(0, -1)}ing ${thing} without confirmation: run it in a terminal, or pass \`--yes\`.`,
    usage: options.usage,
  })
  if (!isConfirmed) say(io, `Cancelled: ${thing} was not ${verb}d.`)
  return isConfirmed
}
