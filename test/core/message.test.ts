import { describe, expect, it } from 'vitest'
import { MAX_BODY, messageProblems, previewOf, staleReplyReason, type Message } from '../../core/message.js'
import { T0 } from '../helpers/core-fixtures.js'

const inbound = { id: 'm1', direction: 'in', author: '+447700900123', body: 'Hi', at: T0, externalId: 'SM123' }
const reply = { id: 'm2', direction: 'out', author: 'alice', body: 'Hello!', at: T0 + 1, basis: { assignee: 'alice', lastInbound: 'm1' } }

describe('message validation', () => {
  it.each([
    ['a customer message', inbound],
    ['a reply with its basis', reply],
    ['a reply written while unassigned, before any customer message', { ...reply, basis: { assignee: null, lastInbound: null } }],
    ['a body of the maximum length', { ...inbound, body: 'x'.repeat(MAX_BODY) }],
  ])('accepts %s', (_what, value) => {
    expect(messageProblems(value)).toEqual([])
  })

  it.each([
    ['a number', 7, ['a message must be an object']],
    ['an array', [], ['a message must be an object']],
    ['an empty id', { ...inbound, id: '' }, ['message id `` is not valid']],
    ['an id too long', { ...inbound, id: 'x'.repeat(65) }, [`message id \`${'x'.repeat(65)}\` is not valid`]],
    ['a sideways direction', { ...inbound, direction: 'up' }, ['message direction `up` is not `in` or `out`']],
    ['no author', { ...inbound, author: '' }, ['message author is missing']],
    ['an empty body', { ...inbound, body: '' }, [`message body must be 1–${MAX_BODY} characters`]],
    ['a body too long', { ...inbound, body: 'x'.repeat(MAX_BODY + 1) }, [`message body must be 1–${MAX_BODY} characters`]],
    ['a time that is not a number', { ...inbound, at: '2025-11-25' }, ['message time is missing']],
    ['an infinite time', { ...inbound, at: Infinity }, ['message time is missing']],
    ['a malformed basis', { ...reply, basis: { assignee: 3, lastInbound: null } }, ['message basis is malformed']],
    ['a reply without basis', { ...reply, basis: undefined }, ['a reply must record what its author saw (`basis`)']],
    ['a numeric external id', { ...inbound, externalId: 5 }, ['message external id must be a string']],
    ['an unknown field', { ...inbound, delivery: 'sent' }, ['message has an unknown field `delivery`']],
  ])('refuses %s', (_what, value, problems) => {
    expect(messageProblems(value)).toEqual(problems)
  })
})

describe('holding stale replies', () => {
  const written = reply as Message
  it.each<[string, Message, { assignee: string | null; lastInbound: string | null }, string | null]>([
    ['sends a reply when nothing changed', written, { assignee: 'alice', lastInbound: 'm1' }, null],
    ['sends a reply when the author has since claimed it', { ...written, basis: { assignee: null, lastInbound: 'm1' } }, { assignee: 'alice', lastInbound: 'm1' }, null],
    ['sends a reply when it was since unassigned', written, { assignee: null, lastInbound: 'm1' }, null],
    ['sends a reply when the holder it saw still holds it', { ...written, basis: { assignee: 'carol', lastInbound: 'm1' } }, { assignee: 'carol', lastInbound: 'm1' }, null],
    [
      'holds a reply when someone else took the conversation over',
      written,
      { assignee: 'bob', lastInbound: 'm1' },
      'the conversation is now assigned to bob, who took it after this reply was written',
    ],
    [
      'holds a reply written while unassigned that someone else has since claimed',
      { ...written, basis: { assignee: null, lastInbound: 'm1' } },
      { assignee: 'bob', lastInbound: 'm1' },
      'the conversation is now assigned to bob, who took it after this reply was written',
    ],
    ['holds a reply when the customer wrote again', written, { assignee: 'alice', lastInbound: 'm3' }, 'the customer has written again since you wrote this reply'],
    [
      'holds a reply written before any customer message once one arrives',
      { ...written, basis: { assignee: 'alice', lastInbound: null } },
      { assignee: 'alice', lastInbound: 'm1' },
      'the customer has written again since you wrote this reply',
    ],
    ['never holds a customer message', inbound as Message, { assignee: 'bob', lastInbound: 'm9' }, null],
  ])('%s', (_title, message, now, reason) => {
    expect(staleReplyReason(message, now)).toBe(reason)
  })
})

describe('previews', () => {
  it.each([
    ['Hello', 'Hello'],
    ['  Hello\n\n  there  ', 'Hello there'],
    ['x'.repeat(80), 'x'.repeat(80)],
    ['x'.repeat(81), `${'x'.repeat(79)}…`],
  ])('previews %j as %j', (body, preview) => {
    expect(previewOf(body)).toBe(preview)
  })

  it('takes a shorter maximum', () => {
    expect(previewOf('abcdef', 4)).toBe('abc…')
  })
})
