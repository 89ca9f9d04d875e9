/** The CLI's side of the display boundary: everything a command writes for people passes core's `terminalText`. */
import { terminalText } from '../core/terminal-text.js'
import type { CliIo } from './io.js'

/** `io` whose stdout, stderr and questions can no longer carry a control character or escape sequence to the terminal. */
export function terminalIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalText(text, 'block')),
    stderr: (text) => io.stderr(terminalText(text, 'block')),
    ask: (question) => io.ask(terminalText(question, 'block')),
  }
}
