/**
 * A search request as a domain value (docs/design.md, "Search"): the query's terms and the
 * filters, parsed once at the edge (HTTP query string, CLI flags) with every
 * problem reported together. Dates are `YYYY-MM-DD` (a whole UTC day:
 * `--since` from its start, `--until` to its end) or ISO times.
 */
import { assertNoProblems } from './errors.js'
import type { ConversationStatus } from './fold.js'
import { searchTerms, type SearchTerm } from './search-text.js'
import { CHANNELS, isChannel, type Channel } from './users.js'

export const DEFAULT_SEARCH_LIMIT = 20
export const MAX_SEARCH_LIMIT = 200
const MAX_QUERY_LENGTH = 500
const MAX_TERMS = 16
const DAY_MS = 86_400_000

export type SearchFilters = {
  /** Doc name of an inbox (`inbox/<id>` or `personal/<user>`). */
  readonly inbox?: string
  readonly channel?: Channel
  readonly status?: ConversationStatus
  readonly assignee?: string
  /** Inclusive bounds, ms since the epoch. */
  readonly since?: number
  readonly until?: number
}

export type SearchQuery = {
  readonly text: string
  readonly terms: readonly SearchTerm[]
  readonly filters: SearchFilters
  readonly limit: number
  /** Opaque position after which the next page starts (from the previous page), or null for the first. */
  readonly cursor: string | null
}

/** The raw fields of a request, as strings (absent: undefined). */
export type SearchInput = { readonly [K in 'q' | 'inbox' | 'channel' | 'status' | 'assignee' | 'since' | 'until' | 'limit' | 'cursor']?: string | undefined }

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const CURSOR = /^\d{1,16}$/

/** A `--since`/`--until` value as ms, or null when it is neither a date nor an ISO time. */
export function parseSearchTime(value: string, bound: 'since' | 'until'): number | null {
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`)
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== value) return null
    return bound === 'since' ? start : start + DAY_MS - 1
  }
  if (!ISO_TIME.test(value)) return null
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : at
}

/** Parses a search request, or throws one `invalid` error naming every bad value and how to fix it. */
export function parseSearchQuery(input: SearchInput): SearchQuery {
  const problems: string[] = []
  const text = input.q ?? ''
  const terms = searchTerms(text)
  if (text.length > MAX_QUERY_LENGTH) problems.push(`The query is ${text.length} characters long; search with at most ${MAX_QUERY_LENGTH}.`)
  else if (terms.length === 0)
    problems.push(`The query \`${text.slice(0, 80)}\` holds no word to search for; give at least one word of letters or digits, e.g. \`huddle search refund\`.`)
  else if (terms.length > MAX_TERMS) problems.push(`The query has ${terms.length} words; search with at most ${MAX_TERMS}.`)
  const filters: { -readonly [K in keyof SearchFilters]: SearchFilters[K] } = {}
  if (input.inbox !== undefined && input.inbox !== '') filters.inbox = input.inbox
  if (input.assignee !== undefined && input.assignee !== '') filters.assignee = input.assignee
  if (input.channel !== undefined && input.channel !== '') {
    if (isChannel(input.channel)) filters.channel = input.channel
    else problems.push(`Channel \`${input.channel}\` is not one of ${CHANNELS.map((c) => `\`${c}\``).join(', ')}; filter with one of them.`)
  }
  if (input.status !== undefined && input.status !== '') {
    if (input.status === 'open' || input.status === 'archived') filters.status = input.status
    else problems.push(`Status \`${input.status}\` is not \`open\` or \`archived\`; filter with one of them.`)
  }
  for (const bound of ['since', 'until'] as const) {
    const value = input[bound]
    if (value === undefined || value === '') continue
    const at = parseSearchTime(value, bound)
    if (at === null) problems.push(`\`${value}\` is not a date or time for \`${bound}\`; give a date like \`2026-01-31\` or an ISO time like \`2026-01-31T09:30:00Z\`.`)
    else filters[bound] = at
  }
  if (filters.since !== undefined && filters.until !== undefined && filters.since > filters.until)
    problems.push(`\`since\` (${input.since}) is after \`until\` (${input.until}); swap them.`)
  let limit = DEFAULT_SEARCH_LIMIT
  if (input.limit !== undefined && input.limit !== '') {
    const n = /^\d{1,4}$/.test(input.limit) ? Number(input.limit) : Number.NaN
    if (n >= 1 && n <= MAX_SEARCH_LIMIT) limit = n
    else problems.push(`Limit \`${input.limit}\` is not a whole number from 1 to ${MAX_SEARCH_LIMIT}; give one in that range.`)
  }
  const cursor = input.cursor === undefined || input.cursor === '' ? null : input.cursor
  if (cursor !== null && !CURSOR.test(cursor)) problems.push(`Cursor \`${cursor.slice(0, 40)}\` is not one this server gave; pass the \`next\` value of the previous page, or none for the first page.`)
  assertNoProblems(problems, 'The search request has problems:')
  return { text, terms, filters, limit, cursor }
}
