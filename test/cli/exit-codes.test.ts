import { describe, expect, it } from 'vitest'
import { EXIT_CODE_OF_ERROR, EXIT_CODES, exitCodeFor } from '../../cli/exit-codes.js'
import { UsageError } from '../../cli/usage-error.js'
import { ERROR_CODES, HuddleError, type ErrorCode } from '../../core/errors.js'

describe('exit codes', () => {
  const expected: Readonly<Record<ErrorCode, number>> = {
    invalid: 1,
    unauthenticated: 4,
    forbidden: 4,
    'not-found': 1,
    conflict: 1,
    'unsupported-version': 1,
    limit: 1,
    'too-many': 1,
    storage: 1,
    unavailable: 1,
  }

  it.each(Object.values(ERROR_CODES))('a `%s` refusal exits with its code from the table', (code) => {
    expect(exitCodeFor(new HuddleError(code, 'x'))).toBe(expected[code])
    expect(EXIT_CODE_OF_ERROR[code]).toBe(expected[code])
  })

  it('a usage error exits 2', () => {
    expect(exitCodeFor(new UsageError('bad', 'Usage: huddle x'))).toBe(EXIT_CODES.usage)
    expect(EXIT_CODES.usage).toBe(2)
  })

  it('any other failure exits 1', () => {
    expect(exitCodeFor(new TypeError('bug'))).toBe(1)
    expect(exitCodeFor('thrown text')).toBe(1)
  })

  it('success is 0', () => {
    expect(EXIT_CODES.ok).toBe(0)
  })
})
