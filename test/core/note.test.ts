import { describe, expect, it } from 'vitest'
import { MAX_NOTE, noteProblems, parseMentions } from '../../core/note.js'
import { T0 } from '../helpers/core-fixtures.js'

const isUser = (id: string): boolean => ['alice', 'bob', 'carol-2'].includes(id)

describe('mentions', () => {
  it.each([
    ['@alice can you look?', ['alice']],
    ['cc @bob, @alice.', ['bob', 'alice']],
    ['@alice @alice @alice', ['alice']],
    ['(@carol-2)', ['carol-2']],
    ['ask @carol-2-', ['carol-2']],
    ['@zed is not a user', []],
    ['mail alice@bob.example', []],
    ['@@alice', []],
    ['@Alice in capitals', []],
    ['no mentions here', []],
    ['@alice\n@bob', ['alice', 'bob']],
  ])('finds in %j the mentions %j', (body, mentions) => {
    expect(parseMentions(body, isUser)).toEqual(mentions)
  })
})

describe('note validation', () => {
  const note = { id: 'n1', author: 'alice', body: 'Called them back', at: T0, mentions: ['bob'] }

  it('accepts a note', () => {
    expect(noteProblems(note)).toEqual([])
    expect(noteProblems({ ...note, mentions: [], body: 'x'.repeat(MAX_NOTE) })).toEqual([])
  })

  it.each([
    ['a string', 'note', ['a note must be an object']],
    ['an empty id', { ...note, id: '' }, ['note id `` is not valid']],
    ['an id too long', { ...note, id: 'x'.repeat(65) }, [`note id \`${'x'.repeat(65)}\` is not valid`]],
    ['no author', { ...note, author: undefined }, ['note author is missing']],
    ['an empty body', { ...note, body: '' }, [`note body must be 1–${MAX_NOTE} characters`]],
    ['a body too long', { ...note, body: 'x'.repeat(MAX_NOTE + 1) }, [`note body must be 1–${MAX_NOTE} characters`]],
    ['no time', { ...note, at: null }, ['note time is missing']],
    ['mentions that are not ids', { ...note, mentions: [1] }, ['note mentions must be a list of user ids']],
    ['missing mentions', { ...note, mentions: undefined }, ['note mentions must be a list of user ids']],
    ['an unknown field', { ...note, pinned: true }, ['note has an unknown field `pinned`']],
  ])('refuses %s', (_what, value, problems) => {
    expect(noteProblems(value)).toEqual(problems)
  })
})
