import { describe, expect, it } from 'vitest'
import type { ConversationRow } from '../../../cli/client/inbox-view.js'
import { filterRows } from '../../../cli/dashboard/filter-rows.js'
import { ageLabel, agoLabel } from '../../../cli/dashboard/format.js'
import { completeMention, mentionAtEnd, mentionCandidates } from '../../../cli/dashboard/mentions.js'
import { isUnread, SeenMarks } from '../../../cli/dashboard/seen-marks.js'
import { MemoryReplicaStore } from '../../../cli/client/memory-replica-store.js'

const row = (over: Partial<ConversationRow>): ConversationRow => ({
  id: 'c1',
  inbox: 'inbox/sales',
  channel: 'sms',
  contact: '+15555550001',
  contactName: null,
  preview: '',
  lastMessageAt: 0,
  status: 'open',
  assignee: null,
  snooze: null,
  labels: [],
  priority: 'normal',
  view: 'unassigned',
  ...over,
})

describe('dashboard helpers', () => {
  it('filters rows by every word typed, over contact, number, preview, assignee and channel', () => {
    const rows = [
      row({ id: 'a', contactName: 'Jane Cooper', preview: 'Where is my order?', channel: 'whatsapp' }),
      row({ id: 'b', contact: '+447700900123', preview: 'Refund please', assignee: 'bob' }),
    ]
    const nameOf = (id: string): string => (id === 'bob' ? 'Bob Jones' : id)
    expect(filterRows(rows, 'jane order', nameOf).map((r) => r.id)).toEqual(['a'])
    expect(filterRows(rows, 'WHATSAPP', nameOf).map((r) => r.id)).toEqual(['a'])
    expect(filterRows(rows, '7700', nameOf).map((r) => r.id)).toEqual(['b'])
    expect(filterRows(rows, 'bob', nameOf).map((r) => r.id)).toEqual(['b'])
    expect(filterRows(rows, '  ', nameOf)).toBe(rows)
  })

  it('completes @member names by id or by any word of the name', () => {
    const members = [
      { id: 'bob', name: 'Bob Jones' },
      { id: 'carol', name: 'Carol Diaz' },
      { id: 'dj', name: 'Dan Jones' },
    ]
    expect(mentionAtEnd('hi @bo')).toBe('bo')
    expect(mentionAtEnd('mail me@bo')).toBeNull()
    expect(mentionCandidates('ask @jo', members).map((m) => m.id)).toEqual(['bob', 'dj'])
    expect(mentionCandidates('ask @', members)).toHaveLength(3)
    expect(completeMention('ask @jo', members[0]!)).toBe('ask @bob ')
  })

  it('keeps last-seen marks in the replica and tells unread rows', async () => {
    const store = new MemoryReplicaStore()
    const marks = await SeenMarks.load(store)
    expect(isUnread(row({ lastInboundAt: 100 }), marks)).toBe(true)
    marks.markSeen('c1', 150)
    expect(isUnread(row({ lastInboundAt: 100 }), marks)).toBe(false)
    expect(isUnread(row({ lastInboundAt: 200 }), marks)).toBe(true)
    expect((await SeenMarks.load(store)).seenAt('c1')).toBe(150)
    expect(isUnread(row({ lastInboundAt: null }), marks)).toBe(false)
  })

  it('says ages briefly', () => {
    expect(ageLabel(0, 5_000)).toBe('now')
    expect(ageLabel(0, 300_000)).toBe('5m')
    expect(ageLabel(0, 3 * 3_600_000)).toBe('3h')
    expect(ageLabel(0, 2 * 86_400_000)).toBe('2d')
  })

  it('says ages in a sentence as “just now” or “5m ago”, never “now ago”', () => {
    expect(agoLabel(0, 5_000)).toBe('just now')
    expect(agoLabel(0, 300_000)).toBe('5m ago')
  })
})
