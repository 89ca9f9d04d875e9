import { describe, expect, it } from 'vitest'
import { decideThread, threadKey, type LatestConversation, type ThreadDecision } from '../../core/threading.js'

describe('threading a customer message', () => {
  it.each<[string, LatestConversation | null, ThreadDecision]>([
    ['with no earlier conversation starts a new, unlinked one', null, { kind: 'new', linkedTo: null }],
    ['joins the open conversation wherever it now is', { id: 'c1', status: 'open', reopenArchived: false }, { kind: 'join', conversation: 'c1' }],
    ['joins the open conversation even when the inbox reopens', { id: 'c1', status: 'open', reopenArchived: true }, { kind: 'join', conversation: 'c1' }],
    ['after an archived one starts a new conversation linked to it by default', { id: 'c1', status: 'archived', reopenArchived: false }, { kind: 'new', linkedTo: 'c1' }],
    ['after an archived one reopens it when the inbox says so', { id: 'c1', status: 'archived', reopenArchived: true }, { kind: 'reopen', conversation: 'c1' }],
  ])('a message %s', (_title, latest, decision) => {
    expect(decideThread(latest)).toEqual(decision)
  })

  it('keys threads by channel, address and contact, ignoring the case of the contact', () => {
    const key = { channel: 'chat', contact: 'Visitor-AB', address: 'widget-1' }
    expect(threadKey(key)).toBe(threadKey({ ...key, contact: 'visitor-ab' }))
    expect(threadKey(key)).not.toBe(threadKey({ ...key, channel: 'sms' }))
    expect(threadKey(key)).not.toBe(threadKey({ ...key, address: 'widget-2' }))
    expect(threadKey(key)).not.toBe(threadKey({ ...key, contact: 'visitor-ac' }))
  })

  it('cannot confuse keys whose parts run together', () => {
    expect(threadKey({ channel: 'sms', contact: 'b', address: 'a1' })).not.toBe(threadKey({ channel: 'sms', contact: '1b', address: 'a' }))
  })
})
