import { describe, expect, it } from 'vitest'
import type { ConversationDetail } from '../../../cli/client/conversation-view.js'
import { buildTimeline, historyText } from '../../../cli/dashboard/timeline.js'

const T = Date.UTC(2025, 10, 25, 9, 0, 0)
const names: Record<string, string> = { alice: 'You', bob: 'Bob Jones', carol: 'Carol Diaz' }
const nameOf = (id: string): string => names[id] ?? id
const labelNames: Record<string, string> = { vip: 'VIP', gone: 'Old label' }
const namesOf = { nameOf, labelOf: (id: string): string => labelNames[id] ?? id }

const detail: ConversationDetail = {
  id: 'c1',
  inbox: 'inbox/sales',
  channel: 'whatsapp',
  contact: '+15555550001',
  contactName: 'Jane Cooper',
  preview: '',
  lastMessageAt: T,
  lastInboundAt: T,
  status: 'open',
  assignee: 'bob',
  snooze: null,
  labels: [],
  priority: 'normal',
  view: 'others',
  address: '+15550100',
  createdAt: T,
  linkedTo: null,
  isLoaded: true,
  messages: [
    { id: 'm1', direction: 'in', author: '+15555550001', body: 'Where is my order? It was due yesterday.', at: T, status: null },
    { id: 'm2', direction: 'out', author: 'bob', body: 'It ships today.', at: T + 120_000, status: 'delivered' },
    { id: 'm3', direction: 'out', author: 'alice', body: 'Sorry for the wait!', at: T + 180_000, status: 'held', reason: 'the customer has written again since you wrote this reply' },
  ],
  notes: [{ id: 'n1', author: 'carol', body: '@bob courier confirmed', at: T + 150_000, mentions: ['bob'] }],
  history: [
    { id: 'e1', kind: 'claim', actor: 'bob', at: T + 60_000, stamp: 'x', outcome: 'applied', assignee: 'bob', status: 'open' },
    { id: 'e2', kind: 'claim', actor: 'alice', at: T + 61_000, stamp: 'y', outcome: 'lost', winner: 'bob', assignee: 'bob', status: 'open' },
    { id: 'e3', kind: 'takeover', actor: 'carol', at: T + 200_000, stamp: 'z', outcome: 'applied', assignee: 'carol', status: 'open' },
  ],
}

describe('the conversation timeline', () => {
  const lines = buildTimeline(detail, 70, namesOf, T + 3_600_000)
  const text = lines.map((l) => l.text)

  it('orders messages, notes and history by time, under a day line', () => {
    expect(lines[0]!.style).toBe('day')
    expect(lines[0]!.text).toContain('Today')
    const order = ['← Jane Cooper', 'Bob Jones claimed it', 'Your claim lost: Bob Jones was first', '→ Bob Jones', '┃ Note · Carol Diaz', '→ You', 'Carol Diaz took it over from Bob Jones']
    const positions = order.map((part) => text.findIndex((t) => t.includes(part)))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('shows direction, author, delivery status and why a reply is held', () => {
    expect(text.find((t) => t.startsWith('→ Bob Jones'))).toMatch(/· delivered$/)
    expect(lines.find((l) => l.text.startsWith('→ You'))?.style).toBe('held-head')
    expect(text.join(' ')).toContain('held: the customer has written again')
  })

  it('sets notes apart and wraps every line to the width', () => {
    expect(lines.filter((l) => l.style === 'note-body').every((l) => l.text.startsWith('┃ '))).toBe(true)
    expect(lines.find((l) => l.text.includes('Your claim lost'))?.style).toBe('lost')
    for (const line of buildTimeline(detail, 20, namesOf, T)) expect([...line.text].length).toBeLessThanOrEqual(20)
  })
})

describe('historyText', () => {
  it('says “you were first” when the agent won the claim another lost', () => {
    const line = { id: 'e1', kind: 'claim', actor: 'bob', at: T, stamp: 'x', outcome: 'lost', winner: 'alice', assignee: 'alice', status: 'open' } as const
    expect(historyText(line, null, namesOf)).toBe('Bob Jones’s claim lost: you were first')
  })

  it('says an automatic assignment went to its member, or to “you”', () => {
    const line = { id: 'e2', kind: 'auto-assign', actor: 'system', at: T, stamp: 'x', outcome: 'applied', to: 'bob', assignee: 'bob', status: 'open' } as const
    expect(historyText(line, null, namesOf)).toBe('Assigned automatically to Bob Jones')
    expect(historyText({ ...line, to: 'alice', assignee: 'alice' }, null, namesOf)).toBe('Assigned automatically to you')
  })

  it('says until when a snooze was made and by whom, and who woke it', () => {
    const base = { actor: 'bob', at: T, stamp: 'x', outcome: 'applied', assignee: null, status: 'open' } as const
    expect(historyText({ ...base, id: 'e1', kind: 'snooze', until: 'reply' }, null, namesOf)).toBe('Snoozed until the customer replies by Bob Jones')
    expect(historyText({ ...base, id: 'e2', kind: 'snooze', until: T + 60 * 60_000 }, null, namesOf)).toMatch(/^Snoozed until today \d\d:\d\d by Bob Jones$/)
    expect(historyText({ ...base, id: 'e3', kind: 'unsnooze', actor: 'alice' }, null, namesOf)).toBe('Woken by you')
  })
  it('names the label added or taken off, a removed one too, and the priority set', () => {
    const base = { actor: 'bob', at: T, stamp: 'x', outcome: 'applied', assignee: null, status: 'open' } as const
    expect(historyText({ ...base, id: 'e1', kind: 'label', label: 'vip' }, null, namesOf)).toBe('Bob Jones added label VIP')
    expect(historyText({ ...base, id: 'e2', kind: 'unlabel', label: 'gone', actor: 'alice' }, null, namesOf)).toBe('You took label Old label off')
    expect(historyText({ ...base, id: 'e3', kind: 'priority', priority: 'urgent' }, null, namesOf)).toBe('Bob Jones set the priority to urgent')
  })
})
