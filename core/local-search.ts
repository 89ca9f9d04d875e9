/**
 * Search over what a client's replica holds, when the server cannot be
 * reached (docs/design.md, "Search"): a scan of the cached conversations with the folding
 * rules of core/search-text.ts (case, accents, word prefixes), the same
 * filters and the same hit shape as the server's index, newest first.
 * Access needs no check here: a replica only ever holds what its user may read.
 */
import type { ConversationFacts } from './conversation-facts.js'
import { contactText, type SearchEntry, type SearchEntryKind, type SearchHit } from './search-hit.js'
import type { SearchQuery } from './search-query.js'
import { foldWord, markedSnippet, matchRanges, type SearchTerm } from './search-text.js'

export type LocalConversation = { readonly facts: ConversationFacts; readonly entries: readonly SearchEntry[] }

function passes(facts: ConversationFacts, query: SearchQuery): boolean {
  const { filters } = query
  return (
    (filters.inbox === undefined || facts.inbox === filters.inbox) &&
    (filters.channel === undefined || facts.channel === filters.channel) &&
    (filters.status === undefined || facts.status === filters.status) &&
    (filters.assignee === undefined || facts.assignee === filters.assignee)
  )
}

/** Whether one of `texts` holds every term, as a hit of the scan below would (a saved view's text, core/saved-view-filter.ts). */
export function isTextMatch(texts: readonly string[], terms: readonly SearchTerm[]): boolean {
  return texts.some((text) => {
    // Every word of a match is in the text folded whole: a quick test that spares most texts the word by word one.
    const folded = foldWord(text)
    return terms.every((term) => term.every((word) => folded.includes(word))) && matchRanges(text, terms) !== null
  })
}

/** The first `query.limit` hits among `conversations`, newest first (the cursor is not used: one page). */
export function searchLocally(conversations: Iterable<LocalConversation>, query: SearchQuery): SearchHit[] {
  const { since, until } = query.filters
  const hits: SearchHit[] = []
  for (const { facts, entries } of conversations) {
    if (!passes(facts, query)) continue
    const texts: { kind: SearchEntryKind; at: number; text: string }[] = [...entries, { kind: 'contact', at: facts.lastActivityAt, text: contactText(facts) }]
    for (const { kind, at, text } of texts) {
      if ((since !== undefined && at < since) || (until !== undefined && at > until)) continue
      const ranges = matchRanges(text, query.terms)
      if (ranges === null) continue
      hits.push({
        conversation: facts.id,
        inbox: facts.inbox,
        channel: facts.channel,
        contact: facts.contact,
        contactName: facts.contactName,
        status: facts.status,
        assignee: facts.assignee,
        kind,
        at,
        snippet: markedSnippet(text, ranges),
      })
    }
  }
  return hits.sort((a, b) => b.at - a.at).slice(0, query.limit)
}
