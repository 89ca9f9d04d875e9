import { describe, expect, it } from 'vitest'
import { consentChangeOf, isConsent, isOptedOut, OPT_IN_WORDS, OPT_OUT_WORDS } from '../../core/consent.js'
import { T0 } from '../helpers/core-fixtures.js'

describe('consentChangeOf', () => {
  it.each(OPT_OUT_WORDS.map((w) => [w]))('opts out on %s', (word) => {
    expect(consentChangeOf(word, T0)).toEqual({ status: 'opted-out', at: T0, keyword: word })
  })

  it.each(OPT_IN_WORDS.map((w) => [w]))('opts back in on %s', (word) => {
    expect(consentChangeOf(word, T0)).toEqual({ status: 'opted-in', at: T0, keyword: word })
  })

  it.each(['stop', '  Stop  ', 'STOP.', 'stop!', 'Unsubscribe!!'])('ignores case, space and trailing punctuation: %j', (body) => {
    expect(consentChangeOf(body, T0)?.status).toBe('opted-out')
  })

  it.each(['stop sending me the wrong size', 'please stop', 'STOP IT', 'yes please', 'ok'])('ignores a keyword inside a longer message: %j', (body) => {
    expect(consentChangeOf(body, T0)).toBeNull()
  })
})

describe('isOptedOut', () => {
  const out = { status: 'opted-out', at: T0, keyword: 'STOP' } as const

  it('refuses from the opt-out on, not before', () => {
    expect(isOptedOut(out, T0)).toBe(true)
    expect(isOptedOut(out, T0 - 1)).toBe(false)
    expect(isOptedOut(out)).toBe(true)
  })

  it('allows after opting back in, or without any keyword', () => {
    expect(isOptedOut({ status: 'opted-in', at: T0, keyword: 'START' }, T0 + 1)).toBe(false)
    expect(isOptedOut(null)).toBe(false)
  })

  it('checks the shape kept in a conversation’s meta', () => {
    expect(isConsent(out)).toBe(true)
    expect(isConsent({ ...out, status: 'maybe' })).toBe(false)
    expect(isConsent({ ...out, extra: 1 })).toBe(false)
    expect(isConsent('STOP')).toBe(false)
  })
})
