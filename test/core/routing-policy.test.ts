import { describe, expect, it } from 'vitest'
import { parseBusinessHours } from '../../core/business-hours.js'
import { createInbox, editUser, type Directory } from '../../core/directory.js'
import { addRule, describeRule, describeTarget, normaliseAddress, policyFor, removeRule, type RuleInput } from '../../core/routing-policy.js'
import { refusalOf, sampleDirectory } from '../helpers/core-fixtures.js'

const ADDRESS = '+15550100'

function rule(overrides: Partial<RuleInput> = {}): RuleInput {
  return { address: ADDRESS, conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, ...overrides }
}

function withSupport(): Directory {
  return createInbox(sampleDirectory(), { name: 'Support' }).directory
}

describe('addresses', () => {
  it.each([
    ['+15550100', '+15550100'],
    ['  +15550100 ', '+15550100'],
    ['whatsapp:+15550100', '+15550100'],
    ['WhatsApp:+15550100', '+15550100'],
    ['widget-key-1', 'widget-key-1'],
  ])('normalises %j to %j', (address, normal) => {
    expect(normaliseAddress(address)).toBe(normal)
  })

  it('finds the policy bound to an address whatever its whatsapp prefix', () => {
    const dir = addRule(sampleDirectory(), rule({ address: 'whatsapp:+15550100' }), 'p1')
    expect(dir.policies[0]!.addresses).toEqual(['+15550100'])
    expect(policyFor(dir, '+15550100')?.id).toBe('p1')
    expect(policyFor(dir, 'whatsapp:+15550100')?.id).toBe('p1')
    expect(policyFor(dir, '+15550199')).toBeUndefined()
  })
})

describe('adding rules', () => {
  it('creates a policy for an address no policy holds, with the id given', () => {
    const dir = addRule(sampleDirectory(), rule({ conditions: { channel: 'sms' } }), 'p1')
    expect(dir.policies).toEqual([
      { id: 'p1', addresses: [ADDRESS], rules: [{ conditions: { channel: 'sms' }, target: { kind: 'inbox', inbox: 'sales' } }], defaultInbox: null },
    ])
  })

  it('adds to the existing policy of the address, at the end by default', () => {
    let dir = addRule(withSupport(), rule(), 'p1')
    dir = addRule(dir, rule({ target: { kind: 'inbox', inbox: 'support' } }), 'p2')
    expect(dir.policies).toHaveLength(1)
    expect(dir.policies[0]!.rules.map((r) => r.target)).toEqual([
      { kind: 'inbox', inbox: 'sales' },
      { kind: 'inbox', inbox: 'support' },
    ])
  })

  it.each([
    [1, ['new', 'a', 'b']],
    [2, ['a', 'new', 'b']],
    [3, ['a', 'b', 'new']],
  ])('inserts a rule at position %i', (position, order) => {
    let dir = addRule(sampleDirectory(), rule({ conditions: { keyword: 'a' } }), 'p1')
    dir = addRule(dir, rule({ conditions: { keyword: 'b' } }), 'p1')
    dir = addRule(dir, rule({ conditions: { keyword: 'new' }, position }), 'p1')
    expect(dir.policies[0]!.rules.map((r) => r.conditions.keyword)).toEqual(order)
  })

  it.each([0, 3, 1.5, -1])('refuses position %d when the policy has one rule', (position) => {
    const dir = addRule(sampleDirectory(), rule(), 'p1')
    const error = refusalOf(() => addRule(dir, rule({ position }), 'p1'))
    expect(error.code).toBe('invalid')
    expect(error.message).toContain('has 1 rule(s), so use 1–2')
  })

  it('resolves an inbox named by name to its id', () => {
    const dir = addRule(sampleDirectory(), rule({ target: { kind: 'inbox', inbox: 'SALES' } }), 'p1')
    expect(dir.policies[0]!.rules[0]!.target).toEqual({ kind: 'inbox', inbox: 'sales' })
  })

  it('routes to a user’s personal inbox', () => {
    const dir = addRule(sampleDirectory(), rule({ target: { kind: 'user', user: 'alice' } }), 'p1')
    expect(dir.policies[0]!.rules[0]!.target).toEqual({ kind: 'user', user: 'alice' })
  })

  it('sets the default inbox instead of adding a rule', () => {
    const dir = addRule(sampleDirectory(), rule({ isDefault: true, target: { kind: 'inbox', inbox: 'Sales' } }), 'p1')
    expect(dir.policies[0]).toMatchObject({ rules: [], defaultInbox: 'sales' })
  })

  it.each<[string, RuleInput, string[]]>([
    ['an empty address', rule({ address: '  ' }), ['Address `  ` is not valid']],
    ['an address with spaces', rule({ address: '+1 555' }), ['Address `+1 555` is not valid']],
    ['an address too long', rule({ address: '1'.repeat(65) }), ['is not valid']],
    ['an empty sender pattern', rule({ conditions: { from: '' } }), ['Sender pattern `` is not valid']],
    ['a sender pattern too long', rule({ conditions: { from: '+'.repeat(65) } }), ['Sender pattern']],
    ['a keyword of two words', rule({ conditions: { keyword: 'two words' } }), ['Keyword `two words` is not valid']],
    ['a keyword of punctuation', rule({ conditions: { keyword: '!!' } }), ['Keyword `!!` is not valid']],
    ['an unknown inbox', rule({ target: { kind: 'inbox', inbox: 'nope' } }), ['There is no inbox `nope`']],
    ['an unknown user', rule({ target: { kind: 'user', user: 'zed' } }), ['There is no user `zed`']],
    ['an unlicensed user', rule({ target: { kind: 'user', user: 'carol' } }), ['`carol` holds no digital licence']],
    ['a personal inbox as the default', rule({ isDefault: true, target: { kind: 'user', user: 'alice' } }), ['The default must be a shared inbox']],
    [
      'several problems at once',
      rule({ address: '', conditions: { keyword: '??' }, target: { kind: 'inbox', inbox: 'nope' } }),
      ['Address', 'Keyword', 'There is no inbox'],
    ],
  ])('refuses %s', (_what, input, fragments) => {
    const error = refusalOf(() => addRule(sampleDirectory(), input, 'p1'))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(fragments.length)
    for (const fragment of fragments) expect(error.message).toContain(fragment)
  })

  it.each(['refund', 'Remboursement', 'café', "don't", 'x-ray', '42'])('accepts the keyword %j', (keyword) => {
    expect(() => addRule(sampleDirectory(), rule({ conditions: { keyword } }), 'p1')).not.toThrow()
  })
})

describe('removing and describing rules', () => {
  function twoRules(): Directory {
    let dir = addRule(withSupport(), rule({ conditions: { keyword: 'price' } }), 'p1')
    return addRule(dir, rule({ target: { kind: 'inbox', inbox: 'support' } }), 'p1')
  }

  it('removes the rule at a position, keeping the order of the rest', () => {
    const dir = removeRule(twoRules(), 'whatsapp:+15550100', 1)
    expect(dir.policies[0]!.rules).toEqual([{ conditions: {}, target: { kind: 'inbox', inbox: 'support' } }])
  })

  it.each([0, 3, 1.5])('refuses removing rule %d of two', (position) => {
    const error = refusalOf(() => removeRule(twoRules(), ADDRESS, position))
    expect(error.code).toBe('not-found')
    expect(error.message).toContain('it has 2')
  })

  it('refuses removing a rule from an address with no policy', () => {
    expect(refusalOf(() => removeRule(sampleDirectory(), ADDRESS, 1)).code).toBe('not-found')
  })

  it.each([
    [{}, 'always → inbox Sales'],
    [{ channel: 'sms' as const }, 'if channel sms → inbox Sales'],
    [
      { channel: 'chat' as const, from: '+44*', keyword: 'refund', hours: parseBusinessHours('Mon-Fri 09:00-17:00@Europe/London') },
      'if channel chat and from +44* and keyword "refund" and within Mon-Fri 09:00-17:00@Europe/London → inbox Sales',
    ],
  ])('describes a rule with conditions %j as %j', (conditions, text) => {
    expect(describeRule(sampleDirectory(), { conditions, target: { kind: 'inbox', inbox: 'sales' } })).toBe(text)
  })

  it('describes personal targets and inboxes that are gone', () => {
    const dir = sampleDirectory()
    expect(describeTarget(dir, { kind: 'user', user: 'alice' })).toBe('personal inbox of alice')
    expect(describeTarget(dir, { kind: 'inbox', inbox: 'old-inbox' })).toBe('inbox old-inbox')
  })

  it('keeps a rule to a user who later loses their licence (routing skips it)', () => {
    let dir = addRule(sampleDirectory(), rule({ target: { kind: 'user', user: 'alice' } }), 'p1')
    dir = editUser(dir, 'alice', { licences: [] }).directory
    expect(dir.policies[0]!.rules).toHaveLength(1)
  })
})
