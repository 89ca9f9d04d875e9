import { describe, expect, it } from 'vitest'
import { parseBusinessHours } from '../../core/business-hours.js'
import { createInbox, deleteInbox, editUser, type Directory } from '../../core/directory.js'
import { formatRouteReason, matchesConditions, route, type InboundMessage, type RouteDecision } from '../../core/routing.js'
import { addRule, type RoutingConditions } from '../../core/routing-policy.js'
import { sampleDirectory } from '../helpers/core-fixtures.js'

const ADDRESS = '+15550100'
const TUESDAY_NOON = Date.parse('2025-11-25T12:00:00Z')
const SATURDAY_NOON = Date.parse('2025-11-29T12:00:00Z')

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return { channel: 'sms', from: '+447700900123', to: ADDRESS, body: 'Hello, what is the price?', ...overrides }
}

/** Sales and Support; rules: keyword `refund` → support, from `+1*` → alice's personal inbox, default sales. */
function org(): Directory {
  let dir = createInbox(sampleDirectory(), { name: 'Support' }).directory
  dir = addRule(dir, { address: ADDRESS, conditions: { keyword: 'refund' }, target: { kind: 'inbox', inbox: 'support' } }, 'p1')
  dir = addRule(dir, { address: ADDRESS, conditions: { from: '+1*' }, target: { kind: 'user', user: 'alice' } }, 'p1')
  return addRule(dir, { address: ADDRESS, conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true }, 'p1')
}

describe('conditions', () => {
  const weekdays = parseBusinessHours('Mon-Fri 09:00-17:00@UTC')
  it.each<[string, RoutingConditions, Partial<InboundMessage>, number, boolean]>([
    ['no condition matches anything', {}, {}, TUESDAY_NOON, true],
    ['the channel matches', { channel: 'sms' }, {}, TUESDAY_NOON, true],
    ['another channel does not', { channel: 'chat' }, {}, TUESDAY_NOON, false],
    ['a sender prefix pattern matches', { from: '+44*' }, {}, TUESDAY_NOON, true],
    ['a sender pattern for another country does not', { from: '+1*' }, {}, TUESDAY_NOON, false],
    ['a pattern without a star must match whole', { from: '+44' }, {}, TUESDAY_NOON, false],
    ['a star in the middle matches any run', { from: '+44*123' }, {}, TUESDAY_NOON, true],
    ['pattern punctuation is literal', { from: '+4.*' }, {}, TUESDAY_NOON, false],
    ['a pattern ignores case', { from: 'VISITOR-*' }, { from: 'visitor-9', channel: 'chat' }, TUESDAY_NOON, true],
    ['a keyword matches a whole word, any case', { keyword: 'price' }, { body: 'PRICE please' }, TUESDAY_NOON, true],
    ['a keyword next to punctuation matches', { keyword: 'price' }, { body: 'what is the price?' }, TUESDAY_NOON, true],
    ['a keyword inside another word does not', { keyword: 'price' }, { body: 'priceless' }, TUESDAY_NOON, false],
    ['an accented keyword matches as a word', { keyword: 'café' }, { body: 'Un café, svp' }, TUESDAY_NOON, true],
    ['an accented letter is part of the word', { keyword: 'caf' }, { body: 'Un café' }, TUESDAY_NOON, false],
    ['within business hours', { hours: weekdays }, {}, TUESDAY_NOON, true],
    ['outside business hours', { hours: weekdays }, {}, SATURDAY_NOON, false],
    ['all conditions must hold', { channel: 'sms', keyword: 'refund' }, {}, TUESDAY_NOON, false],
  ])('%s', (_title, conditions, overrides, at, expected) => {
    expect(matchesConditions(conditions, message(overrides), at)).toBe(expected)
  })
})

describe('routing the first message of a conversation', () => {
  it.each<[string, Partial<InboundMessage>, RouteDecision, string]>([
    [
      'the first matching rule wins over later ones',
      { from: '+15551234', body: 'I want a refund' },
      { kind: 'rule', rule: 1, target: { kind: 'inbox', inbox: 'support' }, policy: 'p1' },
      'rule 1',
    ],
    ['a later rule catches what earlier ones miss', { from: '+15551234' }, { kind: 'rule', rule: 2, target: { kind: 'user', user: 'alice' }, policy: 'p1' }, 'rule 2'],
    ['the default inbox catches the rest', {}, { kind: 'default', target: { kind: 'inbox', inbox: 'sales' }, policy: 'p1' }, 'default'],
    [
      'a whatsapp: address finds the policy of the plain number',
      { channel: 'whatsapp', to: `whatsapp:${ADDRESS}`, body: 'refund!' },
      { kind: 'rule', rule: 1, target: { kind: 'inbox', inbox: 'support' }, policy: 'p1' },
      'rule 1',
    ],
  ])('%s', (_title, overrides, decision, reason) => {
    const result = route(org(), message(overrides), TUESDAY_NOON)
    expect(result).toEqual(decision)
    expect(formatRouteReason(result)).toBe(reason)
  })

  it('keeps a message for an address without a policy as unrouted, saying why', () => {
    const result = route(org(), message({ to: '+15559999' }), TUESDAY_NOON)
    expect(result).toEqual({ kind: 'unrouted', reason: 'no routing policy is bound to `+15559999`' })
    expect(formatRouteReason(result)).toBe('unrouted')
  })

  it('keeps a message that matches no rule of a policy without default as unrouted', () => {
    let dir = createInbox(sampleDirectory(), { name: 'Support' }).directory
    dir = addRule(dir, { address: ADDRESS, conditions: { channel: 'chat' }, target: { kind: 'inbox', inbox: 'support' } }, 'p1')
    const result = route(dir, message(), TUESDAY_NOON)
    expect(result.kind).toBe('unrouted')
    if (result.kind === 'unrouted') expect(result.reason).toContain('no rule of the policy for `+15550100` matched and it has no default inbox')
  })

  it('skips a rule to a user who no longer holds a licence', () => {
    const dir = editUser(org(), 'alice', { licences: [] }).directory
    expect(route(dir, message({ from: '+15551234' }), TUESDAY_NOON).kind).toBe('default')
  })

  it('skips a rule to an inbox that no longer exists', () => {
    // A stale policy (say, restored from an older record) still naming a deleted inbox.
    const dir = org()
    const stale: Directory = { ...deleteInbox(dir, 'support', { openConversations: 0, force: false }).directory, policies: dir.policies }
    expect(route(stale, message({ body: 'refund' }), TUESDAY_NOON).kind).toBe('default')
  })

  it('treats a default inbox that no longer exists as no default', () => {
    const dir = org()
    const stale: Directory = { ...deleteInbox(dir, 'sales', { openConversations: 0, force: false }).directory, policies: dir.policies }
    expect(route(stale, message(), TUESDAY_NOON).kind).toBe('unrouted')
  })

  it('routes by business hours to one inbox by day and another out of hours', () => {
    let dir = createInbox(sampleDirectory(), { name: 'Out of hours' }).directory
    dir = addRule(dir, { address: ADDRESS, conditions: { hours: parseBusinessHours('Mon-Fri 09:00-17:00@UTC') }, target: { kind: 'inbox', inbox: 'sales' } }, 'p1')
    dir = addRule(dir, { address: ADDRESS, conditions: {}, target: { kind: 'inbox', inbox: 'out-of-hours' } }, 'p1')
    expect(route(dir, message(), TUESDAY_NOON)).toMatchObject({ rule: 1, target: { inbox: 'sales' } })
    expect(route(dir, message(), SATURDAY_NOON)).toMatchObject({ rule: 2, target: { inbox: 'out-of-hours' } })
  })
})
