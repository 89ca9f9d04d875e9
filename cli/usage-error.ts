/** A command line that cannot be run as written; the CLI exits 2 and shows the right usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    /** The usage to show under the message: a command's synopsis, or a list of commands. */
    readonly usage: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message)
  }
}

/** Throws one usage error listing every problem found, if there were any. */
export function assertNoUsageProblems(problems: readonly string[], command: string, usage: string): void {
  if (problems.length === 0) return
  const message =
    problems.length === 1 ? problems[0]! : `\`${command}\` was not run:\n${problems.map((p) => `  - ${p}`).join('\n')}`
  throw new UsageError(message, usage, problems)
}
