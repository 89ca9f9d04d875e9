/** Asks before destroying something, unless `--yes`; without a terminal to ask in, refuses. */
import type { CliIo } from './io.js'
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
