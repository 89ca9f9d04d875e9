/**
 * Writes a conversation's entry in the original stored layout (field names
 * as keys, events as objects), as inbox documents stored before the compact
 * layout hold them, so tests can show such documents still read, take
 * appends and migrate. Nothing in the product writes this layout any more.
 */
import * as Y from 'yjs'
import type { AssignmentEvent } from '../../core/assignment-event.js'
import { INBOX_ROOT, type ConversationSummary } from '../../core/inbox-doc.js'
import { ORIGINAL_EVENTS_KEY } from '../../core/inbox-layout.js'

export function addOriginalEntry(doc: Y.Doc, summary: ConversationSummary, events: readonly AssignmentEvent[] = []): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>()
    for (const [key, value] of Object.entries(summary)) entry.set(key, value)
    const array = new Y.Array<AssignmentEvent>()
    array.push([...events])
    entry.set(ORIGINAL_EVENTS_KEY, array)
    doc.getMap(INBOX_ROOT).set(summary.id, entry)
  })
}
