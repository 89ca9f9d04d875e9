/** What a search finds: a matching message, note or contact, with its conversation's facts (docs/design.md, "Search"). */

export type SearchEntryKind = 'message' | 'note' | 'contact'

/** One dated piece of a conversation's text: a message's or a note's body. */
export type SearchEntry = { readonly kind: 'message' | 'note'; readonly at: number; readonly text: string }

export type SearchHit = {
  readonly conversation: string
  /** Doc name of its inbox. */
  readonly inbox: string
  readonly channel: string
  readonly contact: string
  readonly contactName: string | null
  readonly status: string
  readonly assignee: string | null
  readonly kind: SearchEntryKind
  /** The matching message's or note's time; the conversation's last activity for a contact match. */
  readonly at: number
  /** The matching text around the match, matched words between MARK_START and MARK_END (core/search-text.ts). */
  readonly snippet: string
}

/** One page of hits, newest first, and the cursor of the next page (null: no more). */
export type SearchPage = { readonly hits: readonly SearchHit[]; readonly next: string | null }

/** The text of a conversation's contact entry: what finds it by name, number, our address or id. */
export function contactText(facts: { readonly id: string; readonly contact: string; readonly contactName: string | null; readonly address: string }): string {
  return [facts.contactName ?? '', facts.contact, facts.address, facts.id].join(' ')
}
