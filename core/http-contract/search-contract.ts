/** The HTTP contract of `GET /api/v1/search`: a page of hits, as the server answers it and the CLI reads it. */
import type { SearchEntryKind, SearchHit } from '../search-hit.js'
import { answerFields, answerList, answerNumber, answerText, misunderstood, nullableAnswerText } from './answer-fields.js'

/** One page of results, newest first; `next` the cursor of the following page; `rebuilding` while the index is being rebuilt. */
export type SearchAnswer = { readonly results: readonly SearchHit[]; readonly next: string | null; readonly rebuilding: boolean }

const KINDS: readonly string[] = ['message', 'note', 'contact'] satisfies readonly SearchEntryKind[]

function isKind(value: string): value is SearchEntryKind {
  return KINDS.includes(value)
}

export function readSearchAnswer(value: unknown): SearchAnswer {
  const page = answerFields(value, 'search results')
  const results = answerList(page.results, 'search results').map((item): SearchHit => {
    const what = 'search result'
    const hit = answerFields(item, what)
    const kind = answerText(hit, 'kind', what)
    if (!isKind(kind)) throw misunderstood(what, `kind \`${kind}\` is not one it knows`)
    return {
      conversation: answerText(hit, 'conversation', what),
      inbox: answerText(hit, 'inbox', what),
      channel: answerText(hit, 'channel', what),
      contact: answerText(hit, 'contact', what),
      contactName: nullableAnswerText(hit, 'contactName', what),
      status: answerText(hit, 'status', what),
      assignee: nullableAnswerText(hit, 'assignee', what),
      kind,
      at: answerNumber(hit, 'at', what),
      snippet: answerText(hit, 'snippet', what),
    }
  })
  return { results, next: nullableAnswerText(page, 'next', 'search results'), rebuilding: page.rebuilding === true }
}
