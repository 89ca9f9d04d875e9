import { describe, expect, it } from 'vitest'
import {
  CHANNELS,
  hasDigitalLicence,
  isChannel,
  isPermission,
  licenceProblems,
  parseUser,
  permissionProblems,
  SYSTEM_ACTOR,
  userIdProblems,
  userNameProblems,
} from '../../core/users.js'
import { makeUser, refusalOf } from '../helpers/core-fixtures.js'

describe('user ids', () => {
  it.each(['alice', 'a', 'bob-2', 'x1', 'a'.repeat(32), 'team-lead-7'])('accepts `%s`', (id) => {
    expect(userIdProblems(id)).toEqual([])
  })

  it.each([['Alice'], [''], ['1alice'], ['-alice'], ['al ice'], ['al_ice'], ['a'.repeat(33)], ['../root'], [42], [null], [undefined]])(
    'refuses %j with advice on the form',
    (id) => {
      const problems = userIdProblems(id)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toContain(`\`${String(id)}\``)
      expect(problems[0]).toContain('lower-case letters')
    },
  )

  it('reserves `system` for the server', () => {
    expect(SYSTEM_ACTOR).toBe('system')
    expect(userIdProblems('system')).toEqual(['User id `system` is reserved for the server; choose another id.'])
  })
})

describe('user names, permissions and licences', () => {
  it.each(['A', 'Alice Martin', 'x'.repeat(80), 'Zoë Ø'])('accepts the name %j', (name) => {
    expect(userNameProblems(name)).toEqual([])
  })

  it.each([[''], ['   '], ['x'.repeat(81)], [7], [null]])('refuses the name %j', (name) => {
    expect(userNameProblems(name)).toHaveLength(1)
  })

  it.each([
    ['basic', true],
    ['team-leader', true],
    ['admin', true],
    ['owner', false],
    ['Admin', false],
    [undefined, false],
  ])('knows whether %j is a permission', (value, ok) => {
    expect(isPermission(value)).toBe(ok)
    expect(permissionProblems(value)).toHaveLength(ok ? 0 : 1)
  })

  it('has one licence per channel', () => {
    expect(CHANNELS).toEqual(['sms', 'whatsapp', 'chat'])
    for (const channel of CHANNELS) expect(isChannel(channel)).toBe(true)
    expect(isChannel('email')).toBe(false)
  })

  it('reports each unknown licence on its own', () => {
    expect(licenceProblems(['sms', 'fax', 'email'])).toEqual([
      'Licence `fax` is not one of sms, whatsapp, chat.',
      'Licence `email` is not one of sms, whatsapp, chat.',
    ])
    expect(licenceProblems([])).toEqual([])
  })

  it.each([
    [[], false],
    [['chat'], true],
    [['sms', 'whatsapp', 'chat'], true],
  ] as const)('says a user with licences %j holds a digital licence: %s', (licences, expected) => {
    expect(hasDigitalLicence(makeUser('alice', 'basic', licences))).toBe(expected)
  })
})

describe('parseUser', () => {
  it('defaults to basic with no licence, trims the name, and sorts licences without repeats', () => {
    expect(parseUser({ id: 'alice', name: '  Alice  ' })).toEqual({ id: 'alice', name: 'Alice', permission: 'basic', licences: [] })
    expect(parseUser({ id: 'bob', name: 'Bob', permission: 'admin', licences: ['whatsapp', 'sms', 'whatsapp'] }).licences).toEqual(['sms', 'whatsapp'])
  })

  it('reports every problem at once', () => {
    const error = refusalOf(() => parseUser({ id: 'Bad Id', name: '', licences: ['sms'] }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(2)
    expect(error.message.split('\n')[0]).toBe('The user is not valid:')
    expect(error.message).toContain('`Bad Id`')
  })

  it('refuses the reserved id even when everything else is fine', () => {
    expect(refusalOf(() => parseUser({ id: 'system', name: 'System' })).message).toContain('reserved')
  })
})
