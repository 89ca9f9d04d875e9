import { describe, expect, it } from 'vitest'
import { fit, fitStart, textWidth, truncate, wrapText } from '../../../cli/dashboard/text-width.js'
import { findUnsafe, HOSTILE_TEXTS } from '../../helpers/hostile-text.js'

const CORPUS: readonly { readonly text: string; readonly width: number }[] = [
  { text: 'abc', width: 3 },
  { text: '日本', width: 4 },
  { text: 'ok 🙏', width: 5 },
  { text: 'e\u0301', width: 1 },
  { text: '☕', width: 2 },
  { text: '⚡', width: 2 },
  { text: '✅', width: 2 },
  { text: '⭐', width: 2 },
  { text: '❤️', width: 2 },
  { text: '👨‍👩‍👧', width: 2 },
  { text: 'مرحبا', width: 5 },
  { text: 'שלום', width: 4 },
  { text: '한국어', width: 6 },
]

describe('text widths', () => {
  it.each(CORPUS)('measures $text as $width cells', ({ text, width }) => {
    expect(textWidth(text)).toBe(width)
  })

  it('cuts with an ellipsis and pads to an exact width', () => {
    expect(truncate('Where is my order?', 10)).toBe('Where is …')
    expect(truncate('short', 10)).toBe('short')
    expect(fit('abc', 5)).toBe('abc  ')
    expect(fitStart('5m', 4)).toBe('  5m')
  })

  const mixed = 'Coffee ☕ at 10 ⚡ done ✅ ⭐ ❤️ family 👨‍👩‍👧 日本語のテキスト مرحبا e\u0301 한국어'
  it.each([1, 2, 3, 7, 10, 17, 31, 60])('fits mixed text to exactly %i cells', (width) => {
    expect(textWidth(fit(mixed, width))).toBe(width)
    expect(textWidth(fitStart(mixed, width))).toBe(width)
  })

  it.each([2, 5, 8, 13, 40])('wraps mixed text into lines of at most %i cells, losing no word', (width) => {
    const lines = wrapText(mixed, width)
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(width)
    expect(lines.join('').replace(/ /g, '').normalize('NFC')).toBe(mixed.replace(/ /g, '').normalize('NFC'))
  })

  it('wraps on words, breaks words longer than a line, keeps paragraphs', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps'])
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl'])
    expect(wrapText('one\ntwo', 10)).toEqual(['one', 'two'])
  })

  it.each(HOSTILE_TEXTS)('lays out $name with nothing a terminal obeys', ({ text }) => {
    expect(findUnsafe(fit(text, 20))).toBeNull()
    expect(findUnsafe(wrapText(text, 7).join('\n'))).toBeNull()
  })
})
