/**
 * Editing a line of text with a cursor, as a terminal's line editor does:
 * insert at the cursor, delete before it (a character, a word, everything),
 * move it by a character or a word, or to either end. The cursor counts code
 * points, so an emoji or an accented letter moves and deletes as one.
 */

export type TextEdit = { readonly text: string; readonly cursor: number }

export type EditAction = 'delete-back' | 'delete-word' | 'clear-text' | 'cursor-left' | 'cursor-right' | 'word-left' | 'word-right' | 'cursor-start' | 'cursor-end'

function split(edit: TextEdit): { before: string[]; after: string[] } {
  const chars = [...edit.text]
  const cursor = Math.min(Math.max(0, edit.cursor), chars.length)
  return { before: chars.slice(0, cursor), after: chars.slice(cursor) }
}

function join(before: readonly string[], after: readonly string[]): TextEdit {
  return { text: before.join('') + after.join(''), cursor: before.length }
}

/** A text with the cursor at its end. */
export function atEnd(text: string): TextEdit {
  return { text, cursor: [...text].length }
}

/** The text before the cursor (what `@` completion looks at). */
export function beforeCursor(edit: TextEdit): string {
  return split(edit).before.join('')
}

/** Inserts typed (or pasted) text at the cursor. */
export function insertText(edit: TextEdit, typed: string): TextEdit {
  const { before, after } = split(edit)
  return join([...before, ...typed], after)
}

/** Replaces the text before the cursor, keeping what follows it. */
export function replaceBefore(edit: TextEdit, before: string): TextEdit {
  return join([...before], split(edit).after)
}

/** Where the word before `at` starts (skipping spaces first). */
function wordStart(chars: readonly string[], at: number): number {
  let i = at
  while (i > 0 && /\s/.test(chars[i - 1]!)) i--
  while (i > 0 && !/\s/.test(chars[i - 1]!)) i--
  return i
}

/** Where the word after `at` ends (skipping spaces first). */
function wordEnd(chars: readonly string[], at: number): number {
  let i = at
  while (i < chars.length && /\s/.test(chars[i]!)) i++
  while (i < chars.length && !/\s/.test(chars[i]!)) i++
  return i
}

/** Applies one editing action. */
export function applyEdit(edit: TextEdit, action: EditAction): TextEdit {
  const { before, after } = split(edit)
  const chars = [...before, ...after]
  const move = (cursor: number): TextEdit => ({ text: edit.text, cursor })
  switch (action) {
    case 'delete-back':
      return join(before.slice(0, -1), after)
    case 'delete-word':
      return join(before.slice(0, wordStart(before, before.length)), after)
    case 'clear-text':
      return join([], after)
    case 'cursor-left':
      return move(Math.max(0, before.length - 1))
    case 'cursor-right':
      return move(Math.min(chars.length, before.length + 1))
    case 'word-left':
      return move(wordStart(chars, before.length))
    case 'word-right':
      return move(wordEnd(chars, before.length))
    case 'cursor-start':
      return move(0)
    case 'cursor-end':
      return move(chars.length)
  }
}
