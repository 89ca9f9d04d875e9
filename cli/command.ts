/**
 * One command of `huddle <noun> <verb>`: its own meow parser and `--help`, its
 * flags checked with every problem reported at once, and its action.
 */
import meow from 'meow'
import { HUDDLE_VERSION } from '../core/wire.js'
import { EXIT_CODES, type ExitCode } from './exit-codes.js'
import type { CliIo } from './io.js'
import { suggestion } from './suggestion.js'
import { assertNoUsageProblems } from './usage-error.js'

export type FlagSpec = {
  readonly type: 'string' | 'boolean' | 'number'
  /** Repeatable; each value may also be a comma list (`--licence sms,chat`). */
  readonly isMultiple?: boolean
  /** With `isMultiple`: take each value whole, commas included (`--param note=a,b`). */
  readonly isWhole?: boolean
  readonly isRequired?: boolean
  readonly choices?: readonly string[]
  readonly default?: string | number
  readonly shortFlag?: string
  /**
   * With type `number`: the flag may be given bare (`--wait`) and then takes
   * this value; a value of its own must be attached (`--wait=30`), so the word
   * after it is never taken as its value.
   */
  readonly bareValue?: number
  /** A problem with one value, as a sentence, or undefined when it is fine. */
  readonly check?: (value: string | number) => string | undefined
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>

type ValueOf<S extends FlagSpec> = S['type'] extends 'boolean'
  ? boolean | undefined
  : S['type'] extends 'number'
    ? S extends { readonly default: number }
      ? number
      : number | undefined
    : S extends { readonly isMultiple: true }
      ? readonly string[]
      : S extends { readonly isRequired: true }
        ? string
        : S extends { readonly default: string }
          ? string
          : string | undefined

export type FlagValues<F extends FlagSpecs> = { readonly [K in keyof F]: ValueOf<F[K]> }

export type CommandContext<A extends string, F extends FlagSpecs> = {
  readonly args: Readonly<Record<A, string>>
  readonly flags: FlagValues<F>
  readonly io: CliIo
  /** With `repeats`: every word given for that argument, in order. */
  readonly words: readonly string[]
  /** The synopsis and where to find help, for refusals that should show them. */
  readonly usage: string
}

export type CommandSpec<A extends string, F extends FlagSpecs> = {
  /** The words after `huddle`, e.g. `user add`. */
  readonly name: string
  /** One line for the list of commands. */
  readonly summary: string
  /** Positional arguments, all required, in order. */
  readonly args: readonly A[]
  /**
   * The argument that takes one or more words (`<id>…`): the arguments after
   * it take the last words, one each; its words are the context's `words`,
   * its first is the argument.
   */
  readonly repeats?: A
  readonly flags: F
  /** The synopsis after `huddle`, e.g. `user add <id> --name NAME`. */
  readonly usage: string
  /** Options and examples, shown by `--help` under the synopsis. */
  readonly help: string
  /**
   * Problems between flags (one of two, nothing to change) or with arguments. It runs even when
   * other problems were found, so every problem is reported at once; hence
   * any flag may be missing.
   */
  readonly check?: (flags: Partial<FlagValues<F>>, args: Partial<Record<A, string>>) => readonly string[]
  readonly run: (context: CommandContext<A, F>) => Promise<ExitCode | void>
  /** The words each argument can only be, where they are few (shells, say). */
  readonly argChoices?: readonly (readonly string[])[]
}

/** A flag as shell completion offers it. */
export type FlagEntry = { readonly name: string; readonly takesValue: boolean; readonly choices: readonly string[] }

export type Command = {
  readonly name: string
  readonly summary: string
  /** Its flags, `--help` included, for shell completion. */
  readonly flags: readonly FlagEntry[]
  /** Words its arguments can only be, in order (`completion <shell>`), for shell completion. */
  readonly argChoices: readonly (readonly string[])[]
  /** `huddle …` synopsis. */
  readonly usage: string
  /** The text `--help` prints. */
  help(): string
  /** Parses argv (the words after the command's name) and runs; throws UsageError on a bad command line. */
  execute(argv: readonly string[], io: CliIo): Promise<ExitCode>
}

const PKG = { name: 'huddle', version: HUDDLE_VERSION }

/** Whether the words ask for help (before any `--`). */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end < 0 ? argv : argv.slice(0, end)).some((word) => word === '--help' || word === '-h')
}

export function defineCommand<const A extends string, const F extends FlagSpecs>(spec: CommandSpec<A, F>): Command {
  const usage = `huddle ${spec.usage}`
  const usageBlock = `Usage: ${usage}\nRun \`huddle ${spec.name} --help\` for options and examples.`
  const help = `${spec.summary}\n\nUsage\n  $ ${usage}\n\n${spec.help.trim()}`
  const parse = (argv: readonly string[]): ReturnType<typeof meow> =>
    meow({
      importMeta: import.meta,
      argv: [...argv],
      help,
      description: false,
      helpIndent: 0,
      pkg: PKG,
      version: HUDDLE_VERSION,
      autoHelp: false,
      autoVersion: false,
      booleanDefault: undefined,
      allowUnknownFlags: true,
      // Every flag is parsed as repeatable so that a repeat is reported with the
      // other problems instead of ending the process from inside meow.
      flags: meowFlags(spec.flags),
    })

  return {
    name: spec.name,
    summary: spec.summary,
    flags: [
      ...Object.entries(spec.flags).map(([key, flag]) => ({
        name: flagName(key),
        // A bare-value flag (`--wait`) is complete as it is; its own value is attached with `=`.
        takesValue: flag.type !== 'boolean' && flag.bareValue === undefined,
        choices: flag.choices ?? [],
      })),
      { name: '--help', takesValue: false, choices: [] },
    ],
    argChoices: spec.argChoices ?? [],
    usage,
    help: () => `${parse([]).help.replace(/^\n/, '')}`,
    async execute(argv, io) {
      const bare = takeBareFlags(attachDashValues(argv, spec.flags), spec.flags)
      const cli = parse(bare.argv)
      const scan = scanFlags(argv, spec.flags)
      const problems: string[] = [...scan.problems]
      const args: Record<string, string> = {}
      const input = cli.input.map(String)
      const repeated = spec.repeats === undefined ? -1 : spec.args.indexOf(spec.repeats)
      const given = argumentWords(spec.args.length, repeated, input)
      for (const [i, name] of spec.args.entries()) {
        const value = given[i]?.[0]
        if (value === undefined || value === '') problems.push(`The argument <${name}> is missing.`)
        else args[name] = value
      }
      const words = repeated < 0 ? [] : given[repeated]!.filter((word) => word !== '')
      for (const extra of repeated >= 0 ? [] : input.slice(spec.args.length))
        problems.push(
          spec.args.length === 0
            ? `\`huddle ${spec.name}\` takes no argument, but got \`${extra}\`.`
            : `Unexpected argument \`${extra}\`: \`huddle ${spec.name}\` takes ${spec.args.map((a) => `<${a}>`).join(' ')}.`,
        )
      const flags: Record<string, unknown> = {}
      for (const [key, flag] of Object.entries(spec.flags)) {
        const { value, problems: found } = readFlag(key, flag, flag.bareValue === undefined ? cli.flags[key] : bare.values.get(key))
        flags[key] = value
        // A flag left without a value was reported already; meow saw it as empty or absent.
        if (!scan.reported.has(key)) problems.push(...found)
      }
      problems.push(...(spec.check?.(flags as Partial<FlagValues<F>>, args as Partial<Record<A, string>>) ?? []))
      assertNoUsageProblems(problems, `huddle ${spec.name}`, usageBlock)
      const code = await spec.run({ args: args as Record<A, string>, flags: flags as FlagValues<F>, io, words, usage: usageBlock })
      return code ?? EXIT_CODES.ok
    },
  }
}

/**
 * The words each of `count` arguments takes: one each, except the one at
 * `repeated` (-1: none), which takes all the others leave, those after it
 * taking the last words. Too few words leave the last arguments without.
 */
function argumentWords(count: number, repeated: number, input: readonly string[]): string[][] {
  if (repeated < 0 || input.length < count) return Array.from({ length: count }, (_, i) => input.slice(i, i + 1))
  const after = count - 1 - repeated
  return Array.from({ length: count }, (_, i) =>
    i < repeated ? input.slice(i, i + 1) : i === repeated ? input.slice(i, input.length - after) : input.slice(input.length - (count - i), input.length - (count - i) + 1),
  )
}

type MeowFlag = { type: 'string' | 'boolean' | 'number'; isMultiple: true; shortFlag?: string }

function meowFlags(flags: FlagSpecs): Record<string, MeowFlag> {
  const result: Record<string, MeowFlag> = {}
  for (const [key, flag] of Object.entries(flags))
    if (flag.bareValue === undefined)
      result[key] = { type: flag.type, isMultiple: true, ...(flag.shortFlag ? { shortFlag: flag.shortFlag } : {}) }
  return result
}

export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

/** `--body -` as `--body=-`: meow would read the lone dash as no value; it means standard input. */
function attachDashValues(argv: readonly string[], flags: FlagSpecs): string[] {
  const valued = new Set(Object.entries(flags).flatMap(([key, flag]) => (flag.type === 'string' ? [flagName(key), `--${key}`] : [])))
  const words: string[] = []
  const end = argv.indexOf('--')
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if ((end < 0 || i < end) && valued.has(word) && argv[i + 1] === '-') {
      words.push(`${word}=-`)
      i++
    } else words.push(word)
  }
  return words
}

/** Takes the flags with a bare value out of argv (meow would take the next word as their value), with what each was given. */
function takeBareFlags(argv: readonly string[], flags: FlagSpecs): { argv: string[]; values: Map<string, unknown[]> } {
  const names = new Map<string, [string, number]>()
  for (const [key, flag] of Object.entries(flags)) if (flag.bareValue !== undefined) names.set(flagName(key), [key, flag.bareValue])
  const rest: string[] = []
  const values = new Map<string, unknown[]>()
  const end = argv.indexOf('--')
  for (const [i, word] of argv.entries()) {
    const [name, inline] = word.split('=', 2) as [string, string | undefined]
    const found = end >= 0 && i > end ? undefined : names.get(name)
    if (found === undefined) {
      rest.push(word)
      continue
    }
    const [key, bareValue] = found
    values.set(key, [...(values.get(key) ?? []), inline === undefined ? bareValue : inline.trim() === '' ? Number.NaN : Number(inline)])
  }
  return { argv: rest, values }
}

/** The final value of one flag from meow's array of its occurrences, and its problems. */
function readFlag(key: string, flag: FlagSpec, raw: unknown): { value: unknown; problems: string[] } {
  const name = flagName(key)
  const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as unknown[]
  const problems: string[] = []
  if (!flag.isMultiple && given.length > 1) problems.push(`The flag \`${name}\` was given ${given.length} times; give it once.`)
  if (flag.type === 'boolean') return { value: given.at(-1) as boolean | undefined, problems }

  if (flag.type === 'number') {
    const last = given.at(-1)
    if (last === undefined) {
      if (flag.isRequired) problems.push(`The flag \`${name}\` is required.`)
      return { value: flag.default, problems }
    }
    if (typeof last !== 'number' || Number.isNaN(last)) {
      problems.push(`The flag \`${name}\` needs a number.`)
      return { value: undefined, problems }
    }
    const problem = flag.check?.(last)
    if (problem) problems.push(problem)
    return { value: last, problems }
  }

  const texts = given.map((v) => (v === undefined || v === null ? '' : String(v)))
  if (texts.some((t) => t.trim() === '')) problems.push(`The flag \`${name}\` needs a value.`)
  const values = flag.isMultiple
    ? [...new Set(texts.flatMap((t) => (flag.isWhole ? [t] : t.split(','))).map((t) => t.trim()).filter((t) => t !== ''))]
    : texts.filter((t) => t.trim() !== '').slice(-1)
  if (values.length === 0 && flag.isRequired && !texts.some((t) => t.trim() === '')) problems.push(`The flag \`${name}\` is required.`)
  for (const value of values) {
    if (flag.choices && !flag.choices.includes(value))
      problems.push(`The value \`${value}\` of \`${name}\` is not one of ${flag.choices.join(', ')}.`)
    else {
      const problem = flag.check?.(value)
      if (problem) problems.push(problem)
    }
  }
  if (flag.isMultiple) return { value: values, problems }
  return { value: values[0] ?? flag.default, problems }
}

/**
 * What meow cannot tell: flags this command does not define, and flags left
 * without a value (at the end, or followed by another flag). Returns the
 * problems and the keys of the flags already reported.
 */
function scanFlags(argv: readonly string[], flags: FlagSpecs): { problems: string[]; reported: Set<string> } {
  const known = new Map<string, string>()
  for (const [key, flag] of Object.entries(flags)) {
    known.set(flagName(key), key)
    known.set(`--${key}`, key)
    if (flag.type === 'boolean') known.set(`--no-${flagName(key).slice(2)}`, key)
    if (flag.shortFlag) known.set(`-${flag.shortFlag}`, key)
  }
  const isFlagLike = (word: string): boolean => word.startsWith('-') && word !== '-' && !/^-\.?\d/.test(word)
  const problems: string[] = []
  const reported = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') break
    if (!isFlagLike(word)) continue
    const [name, inline] = word.split('=', 2) as [string, string | undefined]
    const key = known.get(name)
    if (key === undefined) {
      const all = [...new Set([...known.keys()].filter((k) => k.startsWith('--') && !k.startsWith('--no-') && k === k.toLowerCase()))]
      const hint = suggestion(name, all)
      problems.push(
        hint !== ''
          ? `Unknown flag \`${name}\`.${hint}`
          : `Unknown flag \`${name}\`. ${all.length > 0 ? `This command takes ${all.join(', ')}.` : 'This command takes no flags.'}`,
      )
      continue
    }
    if (flags[key]!.type === 'boolean' || flags[key]!.bareValue !== undefined || inline !== undefined) continue
    const next = argv[i + 1]
    if (next === undefined || next === '--' || isFlagLike(next)) {
      if (!reported.has(key))
        problems.push(
          next === undefined || next === '--' || known.has(next.split('=')[0]!)
            ? `The flag \`${name}\` needs a value.`
            : `The flag \`${name}\` needs a value, but \`${next}\` follows it; to give a value starting with a dash, write \`${name}=${next}\`.`,
        )
      reported.add(key)
    } else i++
  }
  return { problems, reported }
}
