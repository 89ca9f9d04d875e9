import { defineCommand } from '../command.js'
import { COMMANDS } from '../command-table.js'
import { completionScript, SHELLS, type Shell } from '../completion-script.js'

export const completion = defineCommand({
  name: 'completion',
  summary: 'Print a shell completion script for bash, zsh or fish.',
  usage: 'completion <shell>',
  args: ['shell'],
  argChoices: [SHELLS],
  flags: {},
  check: (_flags, args) =>
    args.shell !== undefined && !(SHELLS as readonly string[]).includes(args.shell) ? [`The shell \`${args.shell}\` is not one of ${SHELLS.join(', ')}.`] : [],
  help: `
Arguments
  <shell>          bash, zsh or fish

In ~/.bashrc, \`source <(huddle completion bash)\` does the same for bash.
It completes commands, nouns and their verbs, flags, and the values of flags
that take one of a few words (\`--view\`, \`--channel\`…).

Examples
  $ huddle completion bash > ~/.local/share/bash-completion/completions/huddle
  $ huddle completion zsh > "\${fpath[1]}/_huddle"
  $ huddle completion fish > ~/.config/fish/completions/huddle.fish
`,
  async run({ args, io }) {
    // The table is read when the command runs: it lists this command too.
    io.stdout(completionScript(args.shell as Shell, COMMANDS))
  },
})
