/**
 * Terminal cell widths of text, and cutting, padding and wrapping by them, so
 * that every line the dashboard builds fits its pane exactly (wide CJK and
 * emoji take two cells, combining marks none).
 */

const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x23e9, 0x23ec],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
]

function isZeroWidth(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code < 0xa0) ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0x1f3fb && code <= 0x1f3ff) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  )
}

/** Cells one code point takes. */
export function charWidth(code: number): 0 | 1 | 2 {
  if (isZeroWidth(code)) return 0
  for (const [from, to] of WIDE) {
    if (code < from) return 1
    if (code <= to) return 2
  }
  return 1
}

export function textWidth(text: string): number {
  let width = 0
  for (const char of text) width += charWidth(char.codePointAt(0)!)
  return width
}

/** Tabs to spaces, other control characters out: text safe to lay out in cells. */
export function cleanText(text: string): string {
  return text.replace(/\t/g, '  ').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

/** At most `width` cells of `text`, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return ''
  if (textWidth(text) <= width) return text
  let out = ''
  let used = 0
  for (const char of text) {
    const w = charWidth(char.codePointAt(0)!)
    if (used + w > width - 1) break
    out += char
    used += w
  }
  return `${out}…`
}

/** Exactly `width` cells: cut, then padded with spaces on the right. */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width)
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)))
}

/** Exactly `width` cells, padded on the left. */
export function fitStart(text: string, width: number): string {
  const cut = truncate(text, width)
  return ' '.repeat(Math.max(0, width - textWidth(cut))) + cut
}

/** Word-wraps text into lines of at most `width` cells; words longer than a line are broken. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = []
  const max = Math.max(1, width)
  for (const paragraph of cleanText(text).split('\n')) {
    let line = ''
    let lineWidth = 0
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue
      let rest = word
      let restWidth = textWidth(rest)
      if (lineWidth > 0 && lineWidth + 1 + restWidth <= max) {
        line += ` ${rest}`
        lineWidth += 1 + restWidth
        continue
      }
      if (lineWidth > 0) {
        lines.push(line)
        line = ''
        lineWidth = 0
      }
      while (restWidth > max) {
        let head = ''
        let headWidth = 0
        for (const char of rest) {
          const w = charWidth(char.codePointAt(0)!)
          if (headWidth + w > max) break
          head += char
          headWidth += w
        }
        lines.push(head)
        rest = rest.slice(head.length)
        restWidth = textWidth(rest)
      }
      line = rest
      lineWidth = restWidth
    }
    lines.push(line)
  }
  return lines
}
