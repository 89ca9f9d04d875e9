import { describe, expect, it } from 'vitest'
import { isSameName, nameKey, nameProblems, refusedCharacterOf, visibleText, withoutRefusedCharacters } from '../../core/names.js'

describe('names compared as people read them', () => {
  it.each([
    ['Sales', 'sales', true],
    ['Sales', 'SALES', true],
    [' Sales ', 'sales', true],
    ['Sales', 'Sales 2', false],
    ['Sales', 'ＳＡＬＥＳ', true],
    ['Sales', 'Sa\u200bles', true],
    ['Sales', 'Sa\u00adles', true],
    ['Sales', 'S\u0430les', true],
    ['Sales', '\u0405\u0410LES', true],
    ['Support', '\u0405upp\u043ert', true],
    ['Kappa', '\u039a\u03b1pp\u03b1', true],
    ['Café', 'Cafe\u0301', true],
    ['Billing  Team', 'billing team', true],
    ['Sales', 'Sails', false],
    ['Support 👨‍💻', 'Support 👨💻', true],
  ])('reads %j and %j as the same name: %s', (a, b, same) => {
    expect(isSameName(a, b)).toBe(same)
  })

  it('folds every look-alike letter to one Latin letter', () => {
    expect(nameKey('\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425')).toBe('abekmhopctx')
    expect(nameKey('\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7')).toBe('abezhikmnoptyx')
  })
})

describe('characters a name may not hold', () => {
  it.each([
    ['NUL', 'Sa\u0000les', 'U+0000'],
    ['ESC', 'Sales\u001b[2J', 'U+001B'],
    ['CR', 'Sales\r', 'U+000D'],
    ['LF', 'Sa\nles', 'U+000A'],
    ['DEL', 'Sales\u007f', 'U+007F'],
    ['a C1 control (CSI)', 'Sales\u009b2J', 'U+009B'],
    ['a right-to-left override', '\u202eselaS', 'U+202E'],
    ['a bidi isolate', 'Sales\u2066', 'U+2066'],
    ['a line separator', 'Sa\u2028les', 'U+2028'],
  ])('refuses %s, naming it', (_what, name, code) => {
    expect(refusedCharacterOf(name)).toBe(code)
    const [problem] = nameProblems(name, 'Inbox name', 80, '`--name Sales`')
    expect(problem).toContain(code)
    expect(problem).toContain('control character')
    // The sentence quotes the name with the character made visible, never raw.
    expect(problem).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2066-\u2069]/)
  })

  it('accepts names in any script, with emoji and joiners', () => {
    for (const name of ['Ventes', 'Продажи', 'Πωλήσεις', '販売', 'Support 👨‍💻', 'Café – Nord']) expect(nameProblems(name, 'Inbox name', 80, '`--name Sales`')).toEqual([])
  })

  it('still refuses empty and over-long names', () => {
    expect(nameProblems('  ', 'User name', 80, 'x')[0]).toContain('give 1–80 characters')
    expect(nameProblems('x'.repeat(81), 'User name', 80, 'x')[0]).toContain('give 1–80 characters')
    expect(nameProblems(42, 'User name', 80, 'x')[0]).toContain('`42`')
  })

  it('removes refused characters from a name a carrier gave, and shows them in sentences', () => {
    expect(withoutRefusedCharacters('Ann\u001b]0;owned\u0007 \u202eLee')).toBe('Ann]0;owned Lee')
    expect(visibleText('a\u200bb\u001b')).toBe('a<U+200B>b<U+001B>')
  })
})
