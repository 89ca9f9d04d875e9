import { describe, expect, it } from 'vitest'
import { cleanText, fit, fitStart, textWidth, truncate, wrapText } from '../../../cli/dashboard/text-width.js'

describe('text widths', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(textWidth('abc')).toBe(3)
    expect(textWidth('日本')).toBe(4)
    expect(textWidth('ok 🙏')).toBe(5)
    expect(textWidth('e\u0301')).toBe(1)
  })

  it('cuts with an ellipsis and pads to an exact width', () => {
    expect(truncate('Where is my order?', 10)).toBe('Where is …')
    expect(truncate('short', 10)).toBe('short')
    expect(fit('abc', 5)).toBe('abc  ')
    expect(fit('日本語のテキスト', 7)).toBe('日本語…')
    expect(textWidth(fit('日本語のテキスト', 7))).toBe(7)
    expect(fitStart('5m', 4)).toBe('  5m')
  })

  it('wraps on words, breaks words longer than a line, keeps paragraphs', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps'])
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl'])
    expect(wrapText('one\ntwo', 10)).toEqual(['one', 'two'])
    for (const line of wrapText('Thanks 🙏 see you on Thursday at 10:00', 8)) expect(textWidth(line)).toBeLessThanOrEqual(8)
  })

  it('drops control characters and tabs from text to lay out', () => {
    expect(cleanText('a\tb\u0007c\r\nd')).toBe('a  bc\nd')
  })
})
