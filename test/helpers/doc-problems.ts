/**
 * Whole-document schema checks, for tests to assert that what the writers
 * (ConversationDoc, InboxDoc) produce is valid. The server checks updates one
 * change at a time instead (core/update-rules.ts).
 */
import * as Y from 'yjs'
import { assignmentEventProblems } from '../../core/assignment-event.js'
import { isConsent } from '../../core/consent.js'
import { CONVERSATION_ROOTS, ConversationDoc, type ConversationMeta } from '../../core/conversation-doc.js'
import { isDeliveryStatus } from '../../core/delivery.js'
import { parseInboxRef } from '../../core/doc-names.js'
import { heldDecisionProblems } from '../../core/held-decision.js'
import { EPOCH_ROOT, INBOX_ROOT, summaryFieldProblems } from '../../core/inbox-doc.js'
import { ENTRY_KEYS, FIXED_TUPLE_FIELDS, ORIGINAL_EVENTS_KEY, decodeEvent, mutableFieldOf, storedEventFormProblems } from '../../core/inbox-layout.js'
import { messageProblems } from '../../core/message.js'
import { noteProblems } from '../../core/note.js'
import { isChannel } from '../../core/users.js'

const META_CHECKS: Readonly<Record<keyof ConversationMeta, (v: unknown) => boolean>> = {
  id: (v) => typeof v === 'string' && v.length > 0,
  inbox: (v) => typeof v === 'string' && parseInboxRef(v) !== null,
  channel: isChannel,
  contact: (v) => typeof v === 'string' && v.length > 0 && v.length <= 128,
  address: (v) => typeof v === 'string' && v.length > 0 && v.length <= 64,
  consent: isConsent,
}

/** Problems with a conversation document's content against the schema (empty when valid). */
export function conversationDocProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  const roots = new Set<string>(Object.values(CONVERSATION_ROOTS))
  for (const key of doc.share.keys()) if (!roots.has(key)) problems.push(`unknown root \`${key}\``)
  const conversation = new ConversationDoc(doc)
  conversation.meta.forEach((value, key) => {
    const check = Object.hasOwn(META_CHECKS, key) ? META_CHECKS[key as keyof ConversationMeta] : undefined
    if (!check) problems.push(`meta has an unknown field \`${key}\``)
    else if (!check(value)) problems.push(`meta field \`${key}\` has a malformed value`)
  })
  conversation.messages.forEach((m, i) => problems.push(...messageProblems(m).map((p) => `message ${i + 1}: ${p}`)))
  conversation.notes.forEach((n, i) => problems.push(...noteProblems(n).map((p) => `note ${i + 1}: ${p}`)))
  conversation.decisions.forEach((d, i) => problems.push(...heldDecisionProblems(d).map((p) => `decision ${i + 1}: ${p}`)))
  conversation.events.forEach((e, i) => problems.push(...storedEventProblems(e).map((p) => `event ${i + 1}: ${p}`)))
  conversation.delivery.forEach((d, id) => {
    if (typeof d !== 'object' || d === null || !isDeliveryStatus(d.status) || typeof d.at !== 'number')
      problems.push(`delivery of \`${id}\` is malformed`)
  })
  return problems
}

function storedEventProblems(stored: unknown): string[] {
  return [...storedEventFormProblems(stored), ...assignmentEventProblems(decodeEvent(stored))]
}

/** The original layout's fixed fields (the compact layout keeps all but the id in its tuple). */
const ORIGINAL_FIXED_KEYS = ['id', ...FIXED_TUPLE_FIELDS] as const

/** Problems with one entry's value at `key`, in the compact layout (inbox-layout.ts). */
function compactKeyProblems(key: string, value: unknown): string[] {
  if (key === ENTRY_KEYS.fixed) {
    if (!Array.isArray(value) || value.length !== FIXED_TUPLE_FIELDS.length) return [`the fixed summary is not a tuple of ${FIXED_TUPLE_FIELDS.length}`]
    return FIXED_TUPLE_FIELDS.flatMap((field, i) => summaryFieldProblems(field, value[i]))
  }
  const field = mutableFieldOf(key)
  return field === undefined ? [`conversation entry has an unknown field \`${key}\``] : summaryFieldProblems(field, value)
}

/** Problems with an inbox document's content against the schema, in either layout (empty when valid). */
export function inboxDocProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  for (const key of doc.share.keys()) if (key !== INBOX_ROOT && key !== EPOCH_ROOT) problems.push(`unknown root \`${key}\``)
  const conversations = doc.getMap<unknown>(INBOX_ROOT)
  conversations.forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) {
      problems.push(`conversation \`${id}\` is not a map`)
      return
    }
    const isCompact = entry.has(ENTRY_KEYS.fixed)
    const eventsKey = isCompact ? ENTRY_KEYS.events : ORIGINAL_EVENTS_KEY
    entry.forEach((value, key) => {
      if (key === eventsKey) {
        if (!(value instanceof Y.Array)) problems.push(`conversation \`${id}\` events are not a list`)
        else for (const event of value.toArray()) problems.push(...storedEventProblems(event).map((p) => `conversation \`${id}\`: ${p}`))
        return
      }
      // An entry of the original layout takes later updates under the compact keys.
      const keyProblems = isCompact || mutableFieldOf(key) !== undefined ? compactKeyProblems(key, value) : summaryFieldProblems(key, value)
      problems.push(...keyProblems.map((p) => `conversation \`${id}\`: ${p}`))
    })
    const required = isCompact ? [ENTRY_KEYS.fixed, eventsKey] : [...ORIGINAL_FIXED_KEYS, eventsKey]
    for (const key of required) if (!entry.has(key)) problems.push(`conversation \`${id}\` lacks \`${key}\``)
    if (!isCompact && entry.get('id') !== id) problems.push(`conversation \`${id}\` carries another id`)
  })
  return problems
}
