/**
 * Terminal cell widths of text, and cutting, padding and wrapping by them, so
 * that every line the dashboard builds fits its pane exactly. Widths are
 * measured by the libraries Ink itself uses, so our lines and Ink's layout
 * agree; every text first crosses the display boundary (core/terminal-text.ts).
 */
import cliTruncate from 'cli-truncate'
import stringWidth from 'string-width'
import wrapAnsi from 'wrap-ansi'
import { terminalText } from '../../core/terminal-text.js'

export function textWidth(text: string): number {
  return stringWidth(terminalText(text))
}

/** At most `width` cells of `text` on one line, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return ''
  return cliTruncate(terminalText(text), width, { position: 'end' })
}

/** Exactly `width` cells: cut, then padded with spaces on the right. */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width)
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)))
}

/** Exactly `width` cells, padded on the left. */
export function fitStart(text: string, width: number): string {
  const cut = truncate(text, width)
  return ' '.repeat(Math.max(0, width - stringWidth(cut))) + cut
}

/** Word-wraps text into lines of at most `width` cells; words longer than a line are broken; line breaks are kept. */
export function wrapText(text: string, width: number): string[] {
  return wrapAnsi(terminalText(text, 'block'), Math.max(1, width), { hard: true, trim: true }).split('\n')
}
