/**
 * Bracketed paste (xterm's mode 2004, which every common terminal and tmux
 * speak): while it is on, the terminal wraps pasted text in `ESC[200~` …
 * `ESC[201~`, so a paste can be told from keys and taken as text, never as
 * key bindings. Ink's input parser hands the markers over as events of their own.
 */

/** Turns bracketed paste on, and off again. */
export const PASTE_MODE_ON = '\u001B[?2004h'
export const PASTE_MODE_OFF = '\u001B[?2004l'

const PASTE_START = '\u001B[200~'
const PASTE_END = '\u001B[201~'

/** What one input event was: a key, part of a paste still arriving, or the end of a paste with its text. */
export type PasteStep = { readonly kind: 'key' } | { readonly kind: 'inside' } | { readonly kind: 'paste'; readonly text: string }

/** Follows the input events through bracketed pastes, collecting each paste's text. */
export class PasteReader {
  private text: string | null = null

  take(event: string): PasteStep {
    if (this.text === null) {
      if (!event.startsWith(PASTE_START)) return { kind: 'key' }
      this.text = ''
      event = event.slice(PASTE_START.length)
    }
    const end = event.indexOf(PASTE_END)
    if (end < 0) {
      this.text += event
      return { kind: 'inside' }
    }
    // Ink ends an event at every escape sequence: nothing follows the end marker in its event.
    const text = this.text + event.slice(0, end)
    this.text = null
    return { kind: 'paste', text }
  }
}

const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-_]?)/g
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/**
 * A paste made safe to insert: escape sequences and control characters
 * dropped, tabs as spaces, line ends as `\n` (`lines`: kept, the trailing ones
 * dropped) or each run of them as one space (`line`: a one-line field).
 */
export function pastedText(raw: string, shape: 'lines' | 'line'): string {
  const text = raw.replace(ESCAPE_SEQUENCE, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '')
  if (shape === 'lines') return text.replace(/\n+$/, '')
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
}
