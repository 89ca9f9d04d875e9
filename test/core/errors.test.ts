import { describe, expect, it } from 'vitest'
import { assertNoProblems, ERROR_CODES, HuddleError, isErrorCode } from '../../core/errors.js'
import { refusalOf } from '../helpers/core-fixtures.js'

describe('error codes', () => {
  it('holds exactly the codes the server maps to statuses', () => {
    expect(Object.values(ERROR_CODES).sort()).toEqual(
      ['conflict', 'forbidden', 'invalid', 'limit', 'not-found', 'storage', 'too-many', 'unauthenticated', 'unavailable', 'unsupported-version'].sort(),
    )
  })

  it.each(Object.values(ERROR_CODES))('recognises `%s` as a code', (code) => {
    expect(isErrorCode(code)).toBe(true)
  })

  it.each([['notFound'], ['NOT-FOUND'], [''], [404], [null], [undefined], [{}]])('does not recognise %j as a code', (value) => {
    expect(isErrorCode(value)).toBe(false)
  })
})

describe('HuddleError', () => {
  it('carries its code, message and problems and is a real Error', () => {
    const error = new HuddleError('conflict', 'Inbox `Sales` already exists.', ['a', 'b'])
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('HuddleError')
    expect(error.code).toBe('conflict')
    expect(error.message).toBe('Inbox `Sales` already exists.')
    expect(error.problems).toEqual(['a', 'b'])
  })

  it('has no problems unless given some', () => {
    expect(new HuddleError('forbidden', 'No.').problems).toEqual([])
  })

  it('turns into a plain object for the wire', () => {
    const error = new HuddleError('invalid', 'Bad.', ['x'])
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'invalid', message: 'Bad.', problems: ['x'] })
  })
})

describe('assertNoProblems', () => {
  it('does nothing when there are no problems', () => {
    expect(() => assertNoProblems([], 'The user is not valid:')).not.toThrow()
  })

  it('uses a single problem as the whole message', () => {
    const error = refusalOf(() => assertNoProblems(['User id `X` is not valid.'], 'The user is not valid:'))
    expect(error.code).toBe('invalid')
    expect(error.message).toBe('User id `X` is not valid.')
    expect(error.problems).toEqual(['User id `X` is not valid.'])
  })

  it('collects every problem into one error under the summary', () => {
    const problems = ['Id is bad.', 'Name is bad.', 'Licence is bad.']
    const error = refusalOf(() => assertNoProblems(problems, 'The user is not valid:'))
    expect(error.code).toBe('invalid')
    expect(error.problems).toEqual(problems)
    expect(error.message).toBe('The user is not valid:\n  - Id is bad.\n  - Name is bad.\n  - Licence is bad.')
  })
})
