/**
 * The entry of `huddle`: routes `huddle <noun> <verb>` to its command, and is
 * the one place errors are caught — the message goes to stderr and the error
 * becomes an exit code (see exit-codes.ts).
 */
import { HuddleError } from '../core/errors.js'
import { HUDDLE_VERSION } from '../core/wire.js'
import { asksForHelp, type Command } from './command.js'
import { COMMANDS, NOUNS } from './command-table.js'
import { dashboard, isTerminal } from './commands/dashboard.js'
import { EXIT_CODES, exitCodeFor, type ExitCode } from './exit-codes.js'
import type { CliIo } from './io.js'
import { suggestion } from './suggestion.js'
import { terminalIo } from './terminal-io.js'
import { UsageError } from './usage-error.js'

/** Runs `huddle` with the words after it; resolves to the exit code. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<ExitCode> {
  // Every word a command prints may quote outside text (a customer's name, a bad value), so all of it crosses the display boundary here.
  const io = terminalIo(rawIo)
  try {
    return await dispatch(argv, io)
  } catch (error) {
    report(io, error)
    return exitCodeFor(error)
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv
  if (first === undefined) {
    if (isTerminal(io)) return runCommand(dashboard, [], io)
    throw new UsageError('Give a command. (`huddle` alone opens the dashboard, which needs a terminal.)', topUsage())
  }
  if (first === 'help') return rest.length > 0 ? dispatch([...rest, '--help'], io) : showHelp(io, topHelp())
  if (first === '--help' || first === '-h') return showHelp(io, topHelp())
  if (first === '--version' || first === '-v') {
    io.stdout(`${HUDDLE_VERSION}\n`)
    return EXIT_CODES.ok
  }
  if (first.startsWith('-'))
    throw new UsageError(`Unknown flag \`${first}\`. Flags go after the command, e.g. \`huddle user list --json\`.`, topUsage())

  const single = COMMANDS.find((c) => c.name === first)
  if (single) return runCommand(single, rest, io)

  const verbs = COMMANDS.filter((c) => c.name.startsWith(`${first} `))
  if (verbs.length === 0) throw new UsageError(`Unknown command \`${first}\`.${suggestion(first, commandWords())}`, topUsage())
  const [verb, ...tail] = rest
  if (verb === '--help' || verb === '-h') return showHelp(io, nounHelp(first, verbs))
  if (verb === undefined || verb.startsWith('-'))
    throw new UsageError(`\`huddle ${first}\` needs a command first: one of ${verbs.map((c) => c.name.split(' ')[1]).join(', ')}.`, nounUsage(first, verbs))
  const command = verbs.find((c) => c.name === `${first} ${verb}`)
  if (!command)
    throw new UsageError(
      `Unknown command \`huddle ${first} ${verb}\`.${suggestion(verb, verbs.map((c) => c.name.split(' ')[1]!))}`,
      nounUsage(first, verbs),
    )
  return runCommand(command, tail, io)
}

function runCommand(command: Command, argv: readonly string[], io: CliIo): Promise<ExitCode> {
  if (asksForHelp(argv)) return Promise.resolve(showHelp(io, command.help()))
  return command.execute(argv, io)
}

function showHelp(io: CliIo, text: string): ExitCode {
  io.stdout(text.endsWith('\n') ? text : `${text}\n`)
  return EXIT_CODES.ok
}

function report(io: CliIo, error: unknown): void {
  if (error instanceof UsageError) {
    io.stderr(`${error.message}\n\n${error.usage}\n`)
    return
  }
  if (error instanceof HuddleError) {
    const unlisted = error.problems.length > 1 ? error.problems.filter((p) => !error.message.includes(p)) : []
    io.stderr(`${[error.message, ...unlisted.map((p) => `  - ${p}`)].join('\n')}\n`)
    return
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  io.stderr(`huddle failed unexpectedly; this is a bug, please report it.\n${detail}\n`)
}

function commandWords(): string[] {
  return [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))]
}

function topUsage(): string {
  return `Commands: ${commandWords().join(', ')}\nRun \`huddle --help\` for what each does.`
}

function nounUsage(noun: string, verbs: readonly Command[]): string {
  return `${verbs.map((c) => `Usage: ${c.usage}`).join('\n')}\nRun \`huddle ${noun} <command> --help\` for options and examples.`
}

function commandList(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
}

function topHelp(): string {
  return `huddle ${HUDDLE_VERSION}: a shared inbox for SMS, WhatsApp and web Chat, worked from the terminal.

Usage
  $ huddle <command> [options]

Commands
${commandList(COMMANDS)}

Options
  --help, -h       Show help; after a command, that command's options and examples
  --version, -v    Print the version

Commands that call the server find it with --server URL or $HUDDLE_SERVER, and
you with --token TOKEN or $HUDDLE_TOKEN, else use the login saved by \`huddle login\`.
Every command that reads or changes something takes --json. Data goes to stdout,
messages to stderr. Exit codes: 0 ok, 1 error, 2 usage, 4 not authenticated or
not permitted. A change made offline is queued: exit code 0 with "pending": true
in its --json; add --wait[=SECONDS] to wait for the server (exit 1 if it does
not acknowledge). Conversation ids may be shortened to a unique prefix.

Examples
  $ huddle serve
  $ huddle login --server http://127.0.0.1:8787 --with-token < token.txt
  $ huddle user add alice --name "Alice Martin" --licence sms
  $ huddle user add --help
`
}

function nounHelp(noun: string, verbs: readonly Command[]): string {
  return `${NOUNS[noun] ?? ''}

Usage
  $ huddle ${noun} <command> [options]

Commands
${commandList(verbs)}

Run \`huddle ${noun} <command> --help\` for options and examples.
`
}
