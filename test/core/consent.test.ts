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

  it.each([
    ['stop', 'opted-out', 'STOP'],
    ['  Stop  ', 'opted-out', 'STOP'],
    ['STOP.', 'opted-out', 'STOP'],
    ['stop!', 'opted-out', 'STOP'],
    ['Unsubscribe!!', 'opted-out', 'UNSUBSCRIBE'],
    ['"Stop"', 'opted-out', 'STOP'],
    ['...quit?', 'opted-out', 'QUIT'],
    ['\tcancel\n', 'opted-out', 'CANCEL'],
    ['STOP 🛑', 'opted-out', 'STOP'],
    ['end ✋🏽', 'opted-out', 'END'],
    ['ｓｔｏｐ', 'opted-out', 'STOP'],
    ['Opt-out', 'opted-out', 'OPTOUT'],
    ['opt out', 'opted-out', 'OPTOUT'],
    ['optout', 'opted-out', 'OPTOUT'],
    ['Revoke.', 'opted-out', 'REVOKE'],
    ['stop all', 'opted-out', 'STOPALL'],
    ['Start!', 'opted-in', 'START'],
    ['yes.', 'opted-in', 'YES'],
    ['Un-stop', 'opted-in', 'UNSTOP'],
  ])('reads %j as a keyword, as carriers do (any case, surrounding space and punctuation ignored)', (body, status, keyword) => {
    expect(consentChangeOf(body, T0)).toEqual({ status, at: T0, keyword })
  })

  it.each([
    'stop sending me the wrong size',
    'please stop',
    'STOP IT',
    'stop stop',
    'S.T.O.P',
    'yes please',
    'Yes, that works',
    'the end',
    'ok',
    '!!!',
    '',
  ])('ignores %j: a keyword inside a longer message, or no keyword at all', (body) => {
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
