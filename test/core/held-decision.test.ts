import { describe, expect, it } from 'vitest'
import { HELD_DECISIONS, heldDecisionProblems } from '../../core/held-decision.js'
import { T0 } from '../helpers/core-fixtures.js'

const decision = { id: 'd1', message: 'm2', decision: 'send', actor: 'alice', at: T0 }

describe('decisions on held replies', () => {
  it.each(HELD_DECISIONS)('accepts a decision to %s', (kind) => {
    expect(heldDecisionProblems({ ...decision, decision: kind })).toEqual([])
  })

  it.each([
    ['a string', 'send', ['a decision must be an object']],
    ['an array', [decision], ['a decision must be an object']],
    ['an empty id', { ...decision, id: '' }, ['decision id `` is not valid']],
    ['an id too long', { ...decision, id: 'x'.repeat(65) }, [`decision id \`${'x'.repeat(65)}\` is not valid`]],
    ['no message', { ...decision, message: '' }, ['decision names no message']],
    ['another decision', { ...decision, decision: 'edit' }, ['decision `edit` is not `send` or `discard`']],
    ['no actor', { ...decision, actor: undefined }, ['decision actor is missing']],
    ['a time that is not a number', { ...decision, at: 'now' }, ['decision time is missing']],
    ['an unknown field', { ...decision, body: 'changed' }, ['decision has an unknown field `body`']],
  ])('refuses %s', (_what, value, problems) => {
    expect(heldDecisionProblems(value)).toEqual(problems)
  })

  it('reports every problem at once', () => {
    expect(heldDecisionProblems({ extra: 1 })).toHaveLength(6)
  })
})
