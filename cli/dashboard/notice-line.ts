/**
 * What the notice line says — a question being asked, else the result of the
 * last action, else the oldest notice not dismissed — worded for the
 * dashboard (people and contacts by name), with the keys that act on it, and
 * laid out on one line, or on as many as it takes when read whole (`m`).
 */
import type { Notice } from '../client/merge-notices.js'
import { bulkClaimWords } from '../client/notice-text.js'
import type { Confirmation, Flash } from './dashboard-state.js'
import { dashboardWords } from './dashboard-words.js'
import { clockTime } from './format.js'
import { textWidth, truncate, wrapText } from './text-width.js'

export type NoticeWords = { readonly text: string; readonly keys: string }

/** How a conversation no longer on this computer is named. */
const GONE = 'a conversation no longer in your inboxes'

/** What a notice says on the notice line; `contactOf` names a conversation by its contact (null when it is not here). */
export function noticeWords(notice: Notice, nameOf: (id: string) => string, contactOf: (conversation: string) => string | null): NoticeWords {
  const flat = (text: string): string => text.replace(/\s+/g, ' ').trim()
  const contact = (conversation: string): string => contactOf(conversation) ?? GONE
  switch (notice.kind) {
    case 'lost-claim':
      return { text: `Your claim of ${contact(notice.conversation)} lost: ${nameOf(notice.winner)} claimed it first, at ${clockTime(notice.wonAt)}.`, keys: 'o open · x dismiss' }
    case 'bulk-claim':
      return { text: `Your claim of ${notice.total} conversations: ${bulkClaimWords(notice, contact, nameOf)}.`, keys: 'x dismiss' }
    case 'taken-over':
      return {
        text:
          notice.by === notice.to
            ? `${nameOf(notice.by)} took over ${contact(notice.conversation)} from you.`
            : `${nameOf(notice.by)} reassigned ${contact(notice.conversation)} from you to ${notice.to ? nameOf(notice.to) : 'nobody'}.`,
        keys: 'o open · x dismiss',
      }
    case 'woke':
      return { text: `${contact(notice.conversation)} woke: ${notice.reason === 'customer' ? 'the customer wrote' : 'its snooze ended'}.`, keys: 'o open · x dismiss' }
    case 'mention':
      return { text: `${nameOf(notice.author)} mentioned you on ${contact(notice.conversation)}: “${flat(notice.body)}”`, keys: 'o open · x dismiss' }
    case 'held':
      return { text: `Your reply to ${contact(notice.conversation)} is held (${notice.reason}): “${flat(notice.body)}”`, keys: 's send · d discard · o open' }
    case 'access-lost':
      return { text: `${dashboardWords(notice.reason, contactOf)} Its conversations were removed from this computer.`, keys: 'x dismiss' }
    case 'rejected':
      return { text: `The server refused a change: ${dashboardWords(notice.reason, contactOf)}`, keys: 'x dismiss' }
  }
}

/** The conversation a notice is about, if any. */
export function noticeConversation(notice: Notice): string | null {
  return 'conversation' in notice ? notice.conversation : null
}

/** Which message the notice line shows, as `m` remembers it for reading whole: the last action's result, else the oldest notice. */
export function noticeId(flash: Flash | null, notices: readonly Notice[]): string | null {
  if (flash) return `flash ${flash.text}`
  return notices[0]?.key ?? null
}

export type NoticeTone = 'question' | 'ok' | 'error' | 'notice'

export type NoticeShown = { readonly lead: string; readonly text: string; readonly keys: string; readonly tone: NoticeTone; readonly id: string | null }

/** What the notice line shows, or null for nothing. */
export function noticeShown(
  confirmation: Confirmation | null,
  flash: Flash | null,
  notices: readonly Notice[],
  nameOf: (id: string) => string,
  contactOf: (conversation: string) => string | null,
): NoticeShown | null {
  if (confirmation) return { lead: '?', text: confirmation.question, keys: 'y yes · n no', tone: 'question', id: null }
  const id = noticeId(flash, notices)
  if (flash) return { lead: flash.tone === 'error' ? '✗' : '✓', text: dashboardWords(flash.text, contactOf), keys: '', tone: flash.tone === 'error' ? 'error' : 'ok', id }
  const notice = notices[0]
  if (!notice) return null
  const words = noticeWords(notice, nameOf, contactOf)
  return { lead: `!${notices.length > 1 ? ` (1 of ${notices.length})` : ''}`, text: words.text, keys: words.keys, tone: 'notice', id }
}

/** The notice line laid out: the lead, the text's lines, and the keys (on the first line, whose text has `room` cells; the others have `wideRoom`). */
export type NoticeLayout = { readonly lead: string; readonly lines: readonly string[]; readonly keys: string; readonly room: number; readonly wideRoom: number }

/** One line, its text cut with `…` and `m more` offered when it does not fit; or, read whole, the text wrapped over at most `maxLines`. */
export function noticeLayout(shown: NoticeShown, width: number, isExpanded: boolean, maxLines: number): NoticeLayout {
  const lead = ` ${shown.lead} `
  const roomFor = (keys: string): number => Math.max(1, width - textWidth(lead) - (keys ? textWidth(keys) + 4 : 0))
  const wideRoom = roomFor('')
  const fits = textWidth(shown.text) <= roomFor(shown.keys)
  if (fits || shown.id === null) {
    const room = roomFor(shown.keys)
    return { lead, lines: [truncate(shown.text, room)], keys: shown.keys, room, wideRoom }
  }
  const keys = [isExpanded ? 'm fold' : 'm more', shown.keys].filter((k) => k !== '').join(' · ')
  const room = roomFor(keys)
  if (!isExpanded) return { lead, lines: [truncate(shown.text, room)], keys, room, wideRoom }
  // The first line shares its width with the keys; the lines below have the whole width.
  const first = wrapText(shown.text, room)[0] ?? ''
  const at = shown.text.indexOf(first)
  const lines = at < 0 ? wrapText(shown.text, room) : [first, ...wrapText(shown.text.slice(at + first.length).trim(), wideRoom)].filter((line) => line !== '')
  const shownLines = Math.max(1, maxLines)
  return {
    lead,
    lines: lines.length > shownLines ? [...lines.slice(0, shownLines - 1), truncate(`${lines[shownLines - 1]!} ${lines[shownLines]!}`, wideRoom)] : lines,
    keys,
    room,
    wideRoom,
  }
}
