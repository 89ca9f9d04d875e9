/** Notices as sentences, for the commands and the dashboard. */
import type { Notice } from './merge-notices.js'

/** `2025-11-25 12:00:01Z` */
function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}

function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`
}

/** `claimed 28 of 30; lost c-1 to bob, c-9 to eve`, naming conversations and users as told. */
export function bulkClaimWords(notice: Extract<Notice, { kind: 'bulk-claim' }>, conversationOf: (id: string) => string, nameOf: (userId: string) => string): string {
  const lost = notice.lost.map((l) => `${conversationOf(l.conversation)} to ${nameOf(l.winner)}`).join(', ')
  return `claimed ${notice.total - notice.lost.length} of ${notice.total}; lost ${lost}`
}

/** One sentence for a notice; `nameOf` turns a user id into a display name. */
export function describeNotice(notice: Notice, nameOf: (userId: string) => string): string {
  switch (notice.kind) {
    case 'lost-claim':
      return `Your claim of conversation ${notice.conversation} lost: ${nameOf(notice.winner)} claimed it first, at ${when(notice.wonAt)}.`
    case 'bulk-claim':
      return `Your claim of ${notice.total} conversations: ${bulkClaimWords(notice, (id) => id, nameOf)}.`
    case 'taken-over':
      return notice.by === notice.to
        ? `${nameOf(notice.by)} took over conversation ${notice.conversation} from you at ${when(notice.at)}.`
        : `${nameOf(notice.by)} reassigned conversation ${notice.conversation} from you to ${notice.to ? nameOf(notice.to) : 'nobody'} at ${when(notice.at)}.`
    case 'woke':
      return `Conversation ${notice.conversation} woke: ${notice.reason === 'customer' ? 'the customer wrote' : 'its snooze ended'}, at ${when(notice.at)}.`
    case 'mention':
      return `${nameOf(notice.author)} mentioned you in conversation ${notice.conversation}: ${quote(notice.body)}`
    case 'held':
      return `Your reply ${quote(notice.body)} in conversation ${notice.conversation} is held: ${notice.reason}. Send it with \`huddle held send ${notice.message}\` or drop it with \`huddle held discard ${notice.message}\`.`
    case 'access-lost':
      return `${notice.reason} Its conversations were removed from this computer.`
    case 'rejected':
      return `The server refused ${notice.what}, so it was undone here: ${notice.reason}`
  }
}
