import { describe, expect, it } from 'vitest'
import {
  assertInboxFields,
  inboxDescriptionProblems,
  inboxIdFor,
  inboxNameProblems,
  MAX_INBOX_DESCRIPTION,
  MAX_INBOX_NAME,
} from '../../core/inbox.js'
import { refusalOf } from '../helpers/core-fixtures.js'

describe('inbox fields', () => {
  it.each(['Sales', 'S', 'x'.repeat(MAX_INBOX_NAME), `  ${'x'.repeat(MAX_INBOX_NAME)}  `, 'Billing & Refunds'])('accepts the name %j', (name) => {
    expect(inboxNameProblems(name)).toEqual([])
  })

  it.each([[''], ['   '], ['x'.repeat(MAX_INBOX_NAME + 1)], [3], [null]])('refuses the name %j, quoting it', (name) => {
    const problems = inboxNameProblems(name)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`\`${String(name)}\``)
  })

  it.each([
    ['', true],
    ['x'.repeat(MAX_INBOX_DESCRIPTION), true],
    ['x'.repeat(MAX_INBOX_DESCRIPTION + 1), false],
    [null, false],
  ])('judges the description %j fine: %s', (description, ok) => {
    expect(inboxDescriptionProblems(description)).toHaveLength(ok ? 0 : 1)
  })

  it('reports a bad name and a bad description together', () => {
    const error = refusalOf(() => assertInboxFields({ name: '', description: 'x'.repeat(501) }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(2)
  })

  it('checks only the fields given', () => {
    expect(() => assertInboxFields({})).not.toThrow()
    expect(() => assertInboxFields({ description: 'ok' })).not.toThrow()
  })
})

describe('inbox names and ids', () => {
  it.each([
    ['Sales', 'sales'],
    ['Billing & Refunds', 'billing-refunds'],
    ['  Café Support ', 'cafe-support'],
    ['!!!', 'inbox'],
    ['日本', 'inbox'],
    [`${'a'.repeat(39)} b`, 'a'.repeat(39)],
    ['x'.repeat(60), 'x'.repeat(40)],
  ])('derives a slug id from %j: %s', (name, id) => {
    expect(inboxIdFor(name, () => false)).toBe(id)
  })

  it('appends the first free number when the slug is taken', () => {
    const taken = new Set(['sales', 'sales-2'])
    expect(inboxIdFor('Sales', (id) => taken.has(id))).toBe('sales-3')
  })
})
