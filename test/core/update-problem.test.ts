import { describe, expect, it } from 'vitest'
import { HuddleError } from '../../core/errors.js'
import { forbidden, invalid, problemOf, updateRejection } from '../../core/update-problem.js'

describe('updateRejection', () => {
  it('accepts an update with no problems', () => {
    expect(updateRejection([])).toBeNull()
  })

  it('refuses a malformed update as invalid, listing every problem', () => {
    const rejection = updateRejection([invalid('event id `undefined` is not valid'), invalid('note author is missing')])
    expect(rejection).toMatchObject({ code: 'invalid', message: 'Update refused: event id `undefined` is not valid; note author is missing.' })
  })

  it('refuses an update this user may not make as forbidden', () => {
    expect(updateRejection([forbidden('only the server creates or removes conversations')])?.code).toBe('forbidden')
  })

  it('refuses as forbidden when a permission problem comes with malformed values, since fixing the values would not let it in', () => {
    expect(updateRejection([invalid('note author is missing'), forbidden('`meta/inbox` is written by the server only')])?.code).toBe('forbidden')
  })
})

describe('problemOf', () => {
  it('keeps the code and sentence of a refusal from permissions or the reply rules', () => {
    expect(problemOf(new HuddleError('invalid', 'There is no template `x`.'))).toEqual({ code: 'invalid', message: 'There is no template `x`.' })
    expect(problemOf(new HuddleError('forbidden', 'Replying on sms needs the `sms` licence.'))).toEqual({ code: 'forbidden', message: 'Replying on sms needs the `sms` licence.' })
  })
})
