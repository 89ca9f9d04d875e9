import type { Key } from 'ink'
import { describe, expect, it } from 'vitest'
import { actionFor, helpGroups, hintsFor, KEY_BINDINGS, keyName, MODES, NO_KEY, splitKeys, typedText } from '../../../cli/dashboard/key-table.js'

const key = (over: Partial<Key> = {}): Key => ({ ...NO_KEY, ...over })

describe('the key table', () => {
  it('names keys as the table writes them', () => {
    expect(keyName('j', key())).toBe('j')
    expect(keyName('G', key({ shift: true }))).toBe('G')
    expect(keyName('', key({ downArrow: true }))).toBe('down')
    expect(keyName('', key({ return: true }))).toBe('enter')
    expect(keyName('', key({ escape: true, meta: true }))).toBe('esc')
    expect(keyName('', key({ tab: true }))).toBe('tab')
    expect(keyName('', key({ tab: true, shift: true }))).toBe('shift-tab')
    expect(keyName('c', key({ ctrl: true }))).toBe('ctrl-c')
    expect(keyName('', key({ delete: true }))).toBe('backspace')
    expect(keyName('', key({ pageDown: true }))).toBe('pagedown')
  })

  it('binds no key twice within a mode and pane', () => {
    for (const mode of MODES)
      for (const pane of ['inboxes', 'list', 'conversation'] as const) {
        const seen = new Map<string, string>()
        for (const b of KEY_BINDINGS.filter((b) => b.modes.includes(mode) && (mode !== 'browse' || !b.panes || b.panes.includes(pane))))
          for (const k of b.keys) {
            expect(seen.get(k), `${k} in ${mode}/${pane}`).toBeUndefined()
            seen.set(k, b.action)
          }
      }
  })

  it('finds actions by mode and, browsing, by the focused pane', () => {
    expect(actionFor('browse', 'list', 'c')).toBe('claim')
    expect(actionFor('browse', 'inboxes', 'c')).toBeNull()
    expect(actionFor('browse', 'conversation', '/')).toBeNull()
    expect(actionFor('compose', 'conversation', 'c')).toBeNull()
    expect(actionFor('compose', 'conversation', 'enter')).toBe('submit')
    expect(actionFor('filter', 'list', 'q')).toBeNull()
    expect(actionFor('confirm', 'list', 'y')).toBe('yes')
    expect(actionFor('help', 'list', 'esc')).toBe('back')
    expect(actionFor('browse', 'list', 'ctrl-c')).toBe('quit')
  })

  it('splits keys that arrive together into single keys and runs of text', () => {
    expect(splitKeys('k\r', key()).map(([input, k]) => [input, k.return])).toEqual([
      ['k', false],
      ['', true],
    ])
    expect(splitKeys('hello world', key()).map(([input]) => input)).toEqual(['hello world'])
    expect(splitKeys('ab\tc', key()).map(([input, k]) => [input, k.tab])).toEqual([
      ['ab', false],
      ['', true],
      ['c', false],
    ])
    expect(splitKeys('', key({ upArrow: true }))).toHaveLength(1)
  })

  it('takes printable text and refuses control keys as text', () => {
    expect(typedText('héllo 🙂', key())).toBe('héllo 🙂')
    expect(typedText('w', key({ ctrl: true }))).toBeNull()
    expect(typedText('', key({ return: true }))).toBeNull()
  })

  it('hints at the keys that matter where the focus is, and the help lists every binding', () => {
    expect(hintsFor('browse', 'list').map((h) => h.hint)).toEqual(['filter', 'search', 'open', 'claim', 'reply', 'note', 'help', 'quit'])
    expect(hintsFor('browse', 'conversation').map((h) => h.hint)).toEqual(['search', 'back', 'claim', 'reply', 'note', 'help', 'quit'])
    expect(hintsFor('compose', 'conversation').map((h) => h.hint)).toContain('send')
    const listed = helpGroups().flatMap((g) => g.bindings)
    for (const b of KEY_BINDINGS.filter((b) => !(b.modes.length === 1 && b.modes[0] === 'help'))) expect(listed).toContain(b)
  })
})
