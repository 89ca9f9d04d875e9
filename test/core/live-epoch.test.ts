import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { InboxDoc } from '../../core/inbox-doc.js'
import { ENTRY_KEYS, ORIGINAL_EVENTS_KEY } from '../../core/inbox-layout.js'
import { nextEpochUpdate } from '../../core/live-epoch.js'
import { viewOf } from '../../core/views.js'
import { isMemberOf, makeEvent, makeSummary, stampAt } from '../helpers/core-fixtures.js'
import { inboxDocProblems } from '../helpers/doc-problems.js'
import { addOriginalEntry } from '../helpers/original-layout.js'

const members = isMemberOf(['alice', 'bob'])

function rotate(doc: Y.Doc, isKept: (id: string) => boolean = () => true): InboxDoc {
  const next = new Y.Doc()
  Y.applyUpdate(next, nextEpochUpdate(doc, isKept))
  return new InboxDoc(next)
}

/** What every reader sees of an inbox: summaries, events and each user's view of every conversation. */
function seen(inbox: InboxDoc): unknown {
  return inbox.ids().sort().map((id) => ({
    summary: inbox.summary(id),
    events: inbox.events(id),
    state: inbox.state(id, members),
    views: ['alice', 'bob'].map((user) => viewOf(inbox.state(id, members), user, { now: 0, lastInboundAt: inbox.summary(id)?.lastInboundAt ?? null })),
  }))
}

describe('rotating an inbox document to its next epoch', () => {
  it('migrates a document stored in the original layout whole, folding to the same views', () => {
    const old = new Y.Doc()
    addOriginalEntry(old, makeSummary('c1', { contactName: 'Ann', linkedTo: 'c0' }), [
      makeEvent('claim', 'alice', 0),
      makeEvent('claim', 'bob', 0, { saw: null }),
      makeEvent('assign', 'alice', 5, { to: 'bob', saw: 'alice' }),
    ])
    addOriginalEntry(old, makeSummary('c2'), [makeEvent('archive', 'bob', stampAt(1, 999_999)), makeEvent('unarchive', 'alice', stampAt(1, 999_999))])
    addOriginalEntry(old, makeSummary('c3'), [makeEvent('archive', 'alice', 0)])
    const before = new InboxDoc(old)
    // An entry of the original layout that took a compact append and a summary update since.
    before.appendEvent('c3', makeEvent('takeover', 'bob', 2))
    before.updateSummary('c3', { preview: 'Later' })

    const after = rotate(old)

    expect(seen(after)).toEqual(seen(before))
    expect(after.epoch()).toBe(1)
    for (const id of after.ids()) {
      const entry = after.conversations.get(id)!
      expect([...entry.keys()].sort(), `entry ${id}`).toEqual(Object.values(ENTRY_KEYS).sort())
      expect(entry.has(ORIGINAL_EVENTS_KEY)).toBe(false)
      expect(after.storedEvents(id)!.toArray().every(Array.isArray), `events of ${id} as tuples`).toBe(true)
    }
    expect(inboxDocProblems(after.doc)).toEqual([])
  })

  it('keeps only the conversations that stay live, and a compact document rotates to the same again', () => {
    const first = new InboxDoc(new Y.Doc())
    first.addConversation(makeSummary('c1'), [makeEvent('claim', 'alice', 0)])
    first.addConversation(makeSummary('c2'), [makeEvent('archive', 'alice', 0)])
    const second = rotate(first.doc, (id) => id === 'c1')
    expect(second.ids()).toEqual(['c1'])
    expect(seen(rotate(second.doc))).toEqual(seen(second))
    expect(rotate(second.doc).epoch()).toBe(2)
  })
})
