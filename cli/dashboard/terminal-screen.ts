/**
 * The terminal while the dashboard runs: the alternate screen (so the shell's
 * screen comes back as it was), the cursor hidden, lines not wrapped at the
 * right margin (a line too wide is cut, never pushed onto the next), pastes
 * bracketed (paste.ts), and all restored whatever way the process ends —
 * quitting, Ctrl-C, a signal, or a crash.
 */
import { PASTE_MODE_OFF, PASTE_MODE_ON } from './paste.js'

const ENTER = `\u001B[?1049h\u001B[2J\u001B[H\u001B[?25l\u001B[?7l${PASTE_MODE_ON}`
const LEAVE = `${PASTE_MODE_OFF}\u001B[?7h\u001B[?25h\u001B[?1049l`

export type Screen = {
  /** Leaves the alternate screen and shows the cursor; safe to call more than once. */
  restore(): void
}

type Output = { write(text: string): unknown }
type Input = { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }

export function enterAlternateScreen(output: Output, input: Input, process: NodeJS.Process): Screen {
  let isRestored = false
  const restore = (): void => {
    if (isRestored) return
    isRestored = true
    process.off('exit', restore)
    if (input.isTTY && input.setRawMode) input.setRawMode(false)
    output.write(LEAVE)
  }
  output.write(ENTER)
  // Synchronous, so it also runs when the process ends by an uncaught error or process.exit().
  process.on('exit', restore)
  return { restore }
}
