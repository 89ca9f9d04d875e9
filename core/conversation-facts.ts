/** What search shows and filters on about one conversation, besides its text (docs/design.md, "Search"). */
import type { ConversationStatus } from './fold.js'
import type { Channel } from './users.js'

export type ConversationFacts = {
  readonly id: string
  /** Doc name of the inbox it belongs to (`inbox/<id>` or `personal/<user>`). */
  readonly inbox: string
  readonly channel: Channel
  /** The customer's address (phone number, chat visitor id). */
  readonly contact: string
  readonly contactName: string | null
  /** The organisation's address it came in on. */
  readonly address: string
  readonly status: ConversationStatus
  readonly assignee: string | null
  /** Time of the last message (ms since the epoch). */
  readonly lastActivityAt: number
}
