import { describe, expect, it } from 'vitest'
import { terminalJson, terminalText } from '../../core/terminal-text.js'
import { findUnsafe, HOSTILE_TEXTS } from '../helpers/hostile-text.js'

describe('terminal text', () => {
  it.each(HOSTILE_TEXTS)('leaves nothing a terminal obeys in $name', ({ text }) => {
    expect(findUnsafe(terminalText(text, 'line'))).toBeNull()
    expect(findUnsafe(terminalText(text, 'block'))).toBeNull()
  })

  it.each([
    { text: 'Hi\u001b]0;pwned\u0007', shape: 'line', safe: 'Hi␛]0;pwned␇' },
    { text: '\u001b[2J', shape: 'line', safe: '␛[2J' },
    { text: 'a\u009b2Jb', shape: 'line', safe: 'a<U+009B>2Jb' },
    { text: 'invoice\u202egpj.exe', shape: 'line', safe: 'invoice<U+202E>gpj.exe' },
    { text: '\u2066x\u2069', shape: 'line', safe: '<U+2066>x<U+2069>' },
    { text: 'del\u007f', shape: 'line', safe: 'del␡' },
    { text: 'nul\u0000', shape: 'line', safe: 'nul␀' },
    { text: 'a\tb', shape: 'line', safe: 'a  b' },
    { text: 'one\r\ntwo\rthree\nfour\u2028five', shape: 'block', safe: 'one\ntwo\nthree\nfour\nfive' },
    { text: 'one\r\ntwo\nthree', shape: 'line', safe: 'one two three' },
    { text: 'broken \ud83d', shape: 'line', safe: 'broken \ufffd' },
    { text: 'ok 🙏 日本 e\u0301 مرحبا ❤️ 👨‍👩‍👧', shape: 'line', safe: 'ok 🙏 日本 e\u0301 مرحبا ❤️ 👨‍👩‍👧' },
  ] as const)('shows $text as $safe', ({ text, shape, safe }) => {
    expect(terminalText(text, shape)).toBe(safe)
  })

  it('is idempotent: text made safe stays as it is', () => {
    for (const { text } of HOSTILE_TEXTS) expect(terminalText(terminalText(text, 'block'), 'block')).toBe(terminalText(text, 'block'))
  })

  it.each(HOSTILE_TEXTS)('escapes $name in JSON without changing the value', ({ text }) => {
    const json = terminalJson(JSON.stringify({ body: text }))
    expect(findUnsafe(json)).toBeNull()
    expect(JSON.parse(json)).toEqual({ body: text })
  })
})
