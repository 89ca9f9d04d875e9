/** Notices as the dashboard words them: short, naming people and contacts, with the keys that act on them. */
import type { Notice } from '../client/merge-notices.js'
import { clockTime } from './format.js'

export type NoticeWords = { readonly text: string; readonly keys: string }

/** What a notice says on the notice line; `contactOf` names a conversation by its contact. */
export function noticeWords(notice: Notice, nameOf: (id: string) => string, contactOf: (conversation: string) => string): NoticeWords {
  const flat = (text: string): string => text.replace(/\s+/g, ' ').trim()
  switch (notice.kind) {
    case 'lost-claim':
      return { text: `Your claim of ${contactOf(notice.conversation)} lost: ${nameOf(notice.winner)} claimed it first, at ${clockTime(notice.wonAt)}.`, keys: 'o open · x dismiss' }
    case 'taken-over':
      return {
        text:
          notice.by === notice.to
            ? `${nameOf(notice.by)} took over ${contactOf(notice.conversation)} from you.`
            : `${nameOf(notice.by)} reassigned ${contactOf(notice.conversation)} from you to ${notice.to ? nameOf(notice.to) : 'nobody'}.`,
        keys: 'o open · x dismiss',
      }
    case 'mention':
      return { text: `${nameOf(notice.author)} mentioned you on ${contactOf(notice.conversation)}: “${flat(notice.body)}”`, keys: 'o open · x dismiss' }
    case 'held':
      return { text: `Your reply to ${contactOf(notice.conversation)} is held (${notice.reason}): “${flat(notice.body)}”`, keys: 's send · d discard · o open' }
    case 'access-lost':
      return { text: `${notice.reason} Its conversations were removed from this computer.`, keys: 'x dismiss' }
    case 'rejected':
      return { text: `The server refused a change: ${notice.reason}`, keys: 'x dismiss' }
  }
}

/** The conversation a notice is about, if any. */
export function noticeConversation(notice: Notice): string | null {
  return 'conversation' in notice ? notice.conversation : null
}
