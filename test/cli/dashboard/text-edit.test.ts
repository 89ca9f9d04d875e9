import { describe, expect, it } from 'vitest'
import { applyEdit, atEnd, beforeCursor, insertText, replaceBefore, type EditAction, type TextEdit } from '../../../cli/dashboard/text-edit.js'

/** `|` marks the cursor in these texts. */
function parse(marked: string): TextEdit {
  return { text: marked.replace('|', ''), cursor: [...marked.slice(0, marked.indexOf('|'))].length }
}

function show(edit: TextEdit): string {
  const chars = [...edit.text]
  return `${chars.slice(0, edit.cursor).join('')}|${chars.slice(edit.cursor).join('')}`
}

describe('editing text with a cursor', () => {
  const cases: ReadonlyArray<readonly [string, EditAction, string]> = [
    ['Hello wor|ld', 'delete-back', 'Hello wo|ld'],
    ['|Hello', 'delete-back', '|Hello'],
    ['Hello big |world', 'delete-word', 'Hello |world'],
    ['Hello big   |', 'delete-word', 'Hello |'],
    ['Hello big |world', 'clear-text', '|world'],
    ['Hello|', 'cursor-left', 'Hell|o'],
    ['|Hello', 'cursor-left', '|Hello'],
    ['Hel|lo', 'cursor-right', 'Hell|o'],
    ['Hello|', 'cursor-right', 'Hello|'],
    ['Hello big wo|rld', 'word-left', 'Hello big |world'],
    ['Hello big |world', 'word-left', 'Hello |big world'],
    ['He|llo big world', 'word-right', 'Hello| big world'],
    ['Hello| big world', 'word-right', 'Hello big| world'],
    ['Hello big |world', 'cursor-start', '|Hello big world'],
    ['Hello |big world', 'cursor-end', 'Hello big world|'],
    ['café 👋|', 'delete-back', 'café |'],
    ['caf|é 👋', 'cursor-right', 'café| 👋'],
  ]
  it.each(cases)('%s, %s → %s', (before, action, after) => {
    expect(show(applyEdit(parse(before), action))).toBe(after)
  })

  it('inserts typed text at the cursor and moves the cursor past it', () => {
    expect(show(insertText(parse('Hello |world'), 'big '))).toBe('Hello big |world')
    expect(show(insertText(atEnd('Hi'), ' 👋'))).toBe('Hi 👋|')
  })

  it('replaces what is before the cursor, keeping the rest (for @ completion)', () => {
    const edit = parse('ask @b| about stock')
    expect(beforeCursor(edit)).toBe('ask @b')
    expect(show(replaceBefore(edit, 'ask @bob '))).toBe('ask @bob | about stock')
  })
})
