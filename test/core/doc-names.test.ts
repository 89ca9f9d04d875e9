import { describe, expect, it } from 'vitest'
import {
  conversationDocName,
  formatDocName,
  inboxDocName,
  isDocId,
  MAX_DOC_NAME_LENGTH,
  parseDocName,
  parseInboxRef,
  personalDocName,
  requireDocName,
  type DocRef,
} from '../../core/doc-names.js'
import { refusalOf } from '../helpers/core-fixtures.js'

describe('document names', () => {
  const valid: [string, DocRef][] = [
    ['org', { kind: 'org' }],
    ['inbox/sales', { kind: 'inbox', id: 'sales' }],
    ['inbox/billing-refunds-2', { kind: 'inbox', id: 'billing-refunds-2' }],
    ['personal/alice', { kind: 'personal', owner: 'alice' }],
    ['prefs/alice', { kind: 'prefs', owner: 'alice' }],
    ['conversation/c-01jd8x', { kind: 'conversation', id: 'c-01jd8x' }],
    ['conversation/7', { kind: 'conversation', id: '7' }],
    [`inbox/${'a'.repeat(48)}`, { kind: 'inbox', id: 'a'.repeat(48) }],
  ]

  it.each(valid)('parses `%s` and formats it back', (name, ref) => {
    expect(parseDocName(name)).toEqual(ref)
    expect(requireDocName(name)).toEqual(ref)
    expect(formatDocName(ref)).toBe(name)
  })

  it.each([
    ['../x'],
    ['%2e%2e/x'],
    ['inbox/%2e%2e'],
    ['inbox/'],
    ['inbox'],
    ['inbox/../org'],
    ['inbox/sales/extra'],
    ['Inbox/sales'],
    ['inbox/Sales'],
    ['ORG'],
    ['org/'],
    ['/org'],
    [' org'],
    ['inbox/-sales'],
    ['inbox/sa les'],
    ['inbox/sales\n'],
    ['mailbox/sales'],
    [`inbox/${'a'.repeat(49)}`],
    [''],
  ])('refuses `%s`', (name) => {
    expect(parseDocName(name)).toBeNull()
    const error = refusalOf(() => requireDocName(name))
    expect(error.code).toBe('invalid')
    expect(error.message).toContain('is not valid')
  })

  it.each([
    ['inbox/../org', 'holds a `.` or `..` segment'],
    ['inbox/./sales', 'holds a `.` or `..` segment'],
    ['inbox/%2e%2e', 'is percent-encoded'],
    ['inbox%2fsales', 'is percent-encoded'],
    ['inbox\\sales', 'holds a backslash'],
    ['inbox//sales', 'holds an empty segment'],
    ['inbox/sales/', 'holds an empty segment'],
  ])('says why `%s` is not canonical', (name, reason) => {
    expect(refusalOf(() => requireDocName(name)).message).toContain(`is not canonical, as it ${reason}`)
  })

  it('refuses a 10 KB name without quoting all of it', () => {
    const name = `inbox/${'a'.repeat(10 * 1024)}`
    expect(parseDocName(name)).toBeNull()
    const error = refusalOf(() => requireDocName(name))
    expect(error.message).toContain(`\`${name.slice(0, 80)}…\``)
    expect(error.message.length).toBeLessThan(400)
  })

  it('keeps every valid name within the length limit', () => {
    expect(conversationDocName('a'.repeat(48)).length).toBeLessThanOrEqual(MAX_DOC_NAME_LENGTH)
  })

  it('builds names for inboxes, personal inboxes and conversations', () => {
    expect(inboxDocName('sales')).toBe('inbox/sales')
    expect(personalDocName('alice')).toBe('personal/alice')
    expect(conversationDocName('c1')).toBe('conversation/c1')
  })

  it.each([
    ['inbox/sales', { kind: 'inbox', id: 'sales' }],
    ['personal/bob', { kind: 'personal', owner: 'bob' }],
    ['conversation/c1', null],
    ['org', null],
    ['inbox/../x', null],
  ])('reads `%s` as the inbox reference %j', (name, ref) => {
    expect(parseInboxRef(name)).toEqual(ref)
  })

  it.each([
    ['sales', true],
    ['0', true],
    ['a'.repeat(48), true],
    ['a'.repeat(49), false],
    ['-a', false],
    ['A', false],
    ['', false],
    [12, false],
  ])('says whether %j is a document id', (id, ok) => {
    expect(isDocId(id)).toBe(ok)
  })
})
