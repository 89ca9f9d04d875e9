/**
 * The shell completion scripts `huddle completion bash|zsh|fish` prints, made
 * from the command table: top-level commands and nouns, each noun's verbs,
 * each command's flags, and the values of flags (and arguments) that take one
 * of a few words.
 */
import type { Command } from './command.js'

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

/** The script for `shell`. */
export function completionScript(shell: Shell, commands: readonly Command[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(commands)
    case 'zsh':
      // zsh runs bash completion functions through its bashcompinit module.
      return `#compdef huddle\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(commands)}`
    case 'fish':
      return fishScript(commands)
  }
}

function topWords(commands: readonly Command[]): string[] {
  return [...new Set(commands.map((c) => c.name.split(' ')[0]!)), 'help']
}

function verbsOf(commands: readonly Command[], noun: string): string[] {
  return commands.filter((c) => c.name.startsWith(`${noun} `)).map((c) => c.name.split(' ')[1]!)
}

function nouns(commands: readonly Command[]): string[] {
  return [...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))]
}

/** One `case` arm per command: its flags, the choices of the flag before the cursor, and its argument words. */
function bashCommandArm(command: Command, indent: string): string {
  const flags = command.flags.map((f) => f.name).join(' ')
  const valued = command.flags.filter((f) => f.takesValue)
  const values = valued.map((f) => `${indent}    ${f.name}) COMPREPLY=($(compgen -W "${f.choices.join(' ')}" -- "$cur")); return ;;`).join('\n')
  const args = command.argChoices[0]?.join(' ') ?? ''
  return [
    `${indent}case "$prev" in`,
    ...(values ? [values] : []),
    `${indent}esac`,
    `${indent}words="${args}"; flags="${flags}"`,
  ].join('\n')
}

function bashScript(commands: readonly Command[]): string {
  const singles = commands.filter((c) => !c.name.includes(' '))
  const arms = [
    ...singles.map((c) => `    ${c.name})\n${bashCommandArm(c, '      ')}\n      ;;`),
    ...nouns(commands).map((noun) => {
      const verbs = commands.filter((c) => c.name.startsWith(`${noun} `))
      return `    ${noun})
      if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "${verbsOf(commands, noun).join(' ')} --help" -- "$cur")); return; fi
      case "\${COMP_WORDS[2]}" in
${verbs.map((c) => `        ${c.name.split(' ')[1]})\n${bashCommandArm(c, '          ')}\n          ;;`).join('\n')}
      esac
      ;;`
    }),
  ]
  return `# huddle completion for bash: source <(huddle completion bash)
_huddle() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" words="" flags=""
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "${topWords(commands).join(' ')} --help --version" -- "$cur")); return; fi
  case "\${COMP_WORDS[1]}" in
${arms.join('\n')}
    help) COMPREPLY=($(compgen -W "${topWords(commands).filter((w) => w !== 'help').join(' ')}" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); else COMPREPLY=($(compgen -W "$words" -- "$cur")); fi
}
complete -F _huddle huddle
`
}

/** A fish single-quoted word. */
function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function fishScript(commands: readonly Command[]): string {
  const lines = ['# huddle completion for fish: huddle completion fish > ~/.config/fish/completions/huddle.fish', 'complete -c huddle -f']
  const nounSet = new Set(nouns(commands))
  for (const c of commands.filter((c) => !c.name.includes(' ')))
    lines.push(`complete -c huddle -n __fish_use_subcommand -a ${c.name} -d ${fishQuote(c.summary)}`)
  for (const noun of nounSet) lines.push(`complete -c huddle -n __fish_use_subcommand -a ${noun} -d ${fishQuote(`${noun} commands`)}`)
  for (const command of commands) {
    const [first, verb] = command.name.split(' ') as [string, string | undefined]
    if (verb !== undefined) {
      const others = verbsOf(commands, first).join(' ')
      lines.push(`complete -c huddle -n ${fishQuote(`__fish_seen_subcommand_from ${first}; and not __fish_seen_subcommand_from ${others}`)} -a ${verb} -d ${fishQuote(command.summary)}`)
    }
    const when = verb === undefined ? `__fish_seen_subcommand_from ${first}` : `__fish_seen_subcommand_from ${first}; and __fish_seen_subcommand_from ${verb}`
    for (const flag of command.flags) {
      const value = flag.takesValue ? (flag.choices.length > 0 ? ` -xa ${fishQuote(flag.choices.join(' '))}` : ' -r') : ''
      lines.push(`complete -c huddle -n ${fishQuote(when)} -l ${flag.name.slice(2)}${value}`)
    }
    const args = command.argChoices[0]
    if (args) lines.push(`complete -c huddle -n ${fishQuote(when)} -a ${fishQuote(args.join(' '))}`)
  }
  return `${lines.join('\n')}\n`
}
