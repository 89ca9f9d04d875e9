import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { conversationDetail } from '../../../cli/client/conversation-view.js'
import type { ConversationRow } from '../../../cli/client/inbox-view.js'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { makeSummary, NEW_STATE } from '../../helpers/core-fixtures.js'

const T0 = Date.UTC(2025, 10, 25, 12)

describe('conversationDetail, for the channel rules', () => {
  it('carries the contact’s consent and the template a reply came from', () => {
    const doc = new ConversationDoc(new Y.Doc())
    doc.writeMeta({ id: 'c1', inbox: 'inbox/sales', channel: 'sms', contact: '+1', address: '+2' })
    doc.appendMessage({ id: 'm1', direction: 'in', author: '+1', body: 'STOP', at: T0 })
    doc.setConsent({ status: 'opted-out', at: T0, keyword: 'STOP' })
    doc.appendMessage({ id: 'r1', direction: 'out', author: 'alice', body: 'Thanks Ada!', at: T0 - 1, basis: { assignee: null, lastInbound: null }, template: { name: 'thanks', params: { name: 'Ada' } } })
    const summary = makeSummary('c1')
    const row = { id: 'c1', inbox: 'inbox/sales', channel: 'sms', contact: '+1', contactName: null, preview: '', lastMessageAt: T0, status: 'open', assignee: null, snooze: null, labels: [], priority: 'normal', view: 'unassigned' } satisfies ConversationRow
    const detail = conversationDetail(row, { summary, state: NEW_STATE }, doc)
    expect(detail.consent).toEqual({ status: 'opted-out', at: T0, keyword: 'STOP' })
    expect(detail.messages.find((m) => m.id === 'r1')?.template).toEqual({ name: 'thanks', params: { name: 'Ada' } })
    expect(conversationDetail(row, { summary, state: NEW_STATE }, null).consent).toBeNull()
  })
})
