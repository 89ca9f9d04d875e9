import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { assignmentNotices, conversationNotices, wakeNotice } from '../../../cli/client/merge-notices.js'
import { describeNotice } from '../../../cli/client/notice-text.js'
import { noticeWords } from '../../../cli/dashboard/notice-line.js'
import type { AssignmentEvent } from '../../../core/assignment-event.js'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { foldEvents } from '../../../core/fold.js'
import { formatHlc } from '../../../core/hlc.js'

const at = (ms: number): string => formatHlc({ ms, counter: 0 })
const event = (id: string, kind: AssignmentEvent['kind'], actor: string, ms: number, to?: string): AssignmentEvent => ({
  id,
  kind,
  actor,
  at: at(ms),
  saw: null,
  ...(to === undefined ? {} : { to }),
})
const members = (): boolean => true
const names = (id: string): string => ({ alice: 'Alice', bob: 'Bob' })[id] ?? id

describe('merge notices', () => {
  it('reports a lost claim to its author, naming the winner and when they claimed', () => {
    const state = foldEvents([event('e2', 'claim', 'bob', 2000), event('e1', 'claim', 'alice', 1000)], members)
    const [notice, ...rest] = assignmentNotices('inbox/sales', 'c-1', state, 'bob')
    expect(rest).toEqual([])
    expect(notice).toMatchObject({ kind: 'lost-claim', key: 'lost:e2', winner: 'alice', wonAt: 1000, at: 2000 })
    expect(describeNotice(notice!, names)).toBe('Your claim of conversation c-1 lost: Alice claimed it first, at 1970-01-01 00:00:01Z.')
    expect(assignmentNotices('inbox/sales', 'c-1', state, 'alice')).toEqual([])
  })

  it('tells the holder once their snoozed conversation wakes, by its time or by the customer, and nobody else', () => {
    const state = foldEvents([event('e1', 'claim', 'alice', 1000), { ...event('e2', 'snooze', 'alice', 2000), until: 10_000 }], members)
    expect(wakeNotice('inbox/sales', 'c-1', state, null, 'alice', 9_999)).toBeNull()
    const byTime = wakeNotice('inbox/sales', 'c-1', state, null, 'alice', 10_000)
    expect(byTime).toEqual({ kind: 'woke', key: 'woke:e2', conversation: 'c-1', inbox: 'inbox/sales', reason: 'time', at: 10_000 })
    expect(describeNotice(byTime!, names)).toBe('Conversation c-1 woke: its snooze ended, at 1970-01-01 00:00:10Z.')
    expect(noticeWords(byTime!, names, () => 'Jane Cooper').text).toBe('Jane Cooper woke: its snooze ended.')
    const byCustomer = wakeNotice('inbox/sales', 'c-1', state, 3000, 'alice', 5000)
    expect(byCustomer).toMatchObject({ key: 'woke:e2', reason: 'customer', at: 3000 })
    expect(noticeWords(byCustomer!, names, () => 'Jane Cooper').text).toBe('Jane Cooper woke: the customer wrote.')
    expect(wakeNotice('inbox/sales', 'c-1', state, null, 'bob', 10_000)).toBeNull()
  })

  it('reports a take-over and a reassignment away from me, not my own moves', () => {
    const state = foldEvents(
      [event('e1', 'claim', 'alice', 1000), event('e2', 'takeover', 'bob', 2000), event('e3', 'takeover', 'alice', 3000), event('e4', 'assign', 'bob', 4000, 'carol')],
      members,
    )
    expect(assignmentNotices('inbox/sales', 'c-1', state, 'alice').map((n) => n.key)).toEqual(['taken:e2', 'taken:e4'])
    expect(assignmentNotices('inbox/sales', 'c-1', state, 'bob').map((n) => n.key)).toEqual(['taken:e3'])
  })

  it('reports notes mentioning me by others, and my replies held without a decision', () => {
    const doc = new ConversationDoc(new Y.Doc())
    doc.appendNote({ id: 'n1', author: 'bob', body: '@alice look', at: 1, mentions: ['alice'] })
    doc.appendNote({ id: 'n2', author: 'alice', body: 'note to self @alice', at: 2, mentions: ['alice'] })
    const reply = { direction: 'out', author: 'alice', body: 'hi', at: 3, basis: { assignee: null, lastInbound: null } } as const
    doc.appendMessage({ id: 'm1', ...reply })
    doc.appendMessage({ id: 'm2', ...reply })
    doc.setDelivery('m1', { status: 'held', at: 4, reason: 'the customer has written again since you wrote this reply' })
    doc.setDelivery('m2', { status: 'held', at: 4 })
    doc.appendDecision({ id: 'd1', message: 'm2', decision: 'discard', actor: 'alice', at: 5 })
    expect(conversationNotices('c-1', doc, 'alice').map((n) => n.key)).toEqual(['mention:n1', 'held:m1'])
    expect(conversationNotices('c-1', doc, 'bob')).toEqual([])
  })
})
