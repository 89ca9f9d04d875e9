/**
 * The folding rules of search (docs/design.md, "Search"), shared by the server's full-text
 * engine and the client's offline scan: text is cut into words (runs of
 * letters, digits and combining marks), compared without case or accents,
 * and every word of the query matches as a prefix (`refu` finds `refund`).
 * A query word holding several words (`c-12ab`) matches them in sequence, the
 * last as a prefix, as an FTS5 phrase `"c 12ab"*` does. The server turns the
 * same words into an FTS5 expression whose terms are all quoted, so nothing a
 * user types is read as FTS5 syntax.
 */

/** Marks around a matched word in a snippet; removed from indexed text, so customer text can never forge them. */
export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

const WORD = /[\p{L}\p{N}\p{M}]+/gu
const MARKS = /[\uE000\uE001]/g

/** One query word, as the list of folded words it holds. */
export type SearchTerm = readonly string[]

/** A matched stretch of a text: [start, end) in UTF-16 units. */
export type TextRange = readonly [start: number, end: number]

/** Lower case, accents removed (NFD, combining marks dropped): what `unicode61 remove_diacritics 2` compares. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Text as it is indexed: without the snippet marks. */
export function indexableText(text: string): string {
  return text.replace(MARKS, '')
}

type Token = { readonly folded: string; readonly start: number; readonly end: number }

function tokens(text: string): Token[] {
  const found: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const folded = foldWord(match[0])
    if (folded !== '') found.push({ folded, start: match.index, end: match.index + match[0].length })
  }
  return found
}

/** The terms of a query: one per whitespace-separated word that holds a letter or digit. */
export function searchTerms(query: string): SearchTerm[] {
  return query
    .split(/\s+/u)
    .map((word) => tokens(indexableText(word)).map((t) => t.folded))
    .filter((term) => term.length > 0)
}

/** The FTS5 MATCH expression for terms: each a quoted prefix phrase (quotes doubled), all required. */
export function ftsExpression(terms: readonly SearchTerm[]): string {
  return terms.map((term) => `"${term.join(' ').replaceAll('"', '""')}"*`).join(' AND ')
}

function termRanges(text: readonly Token[], term: SearchTerm): TextRange[] {
  const ranges: TextRange[] = []
  for (let i = 0; i + term.length <= text.length; i++) {
    const last = term.length - 1
    let matches = true
    for (let j = 0; j < last && matches; j++) matches = text[i + j]!.folded === term[j]
    if (matches && text[i + last]!.folded.startsWith(term[last]!)) ranges.push([text[i]!.start, text[i + last]!.end])
  }
  return ranges
}

/** Where every term matches in `text`, in text order; null when one of them does not. */
export function matchRanges(text: string, terms: readonly SearchTerm[]): TextRange[] | null {
  if (terms.length === 0) return null
  const words = tokens(text)
  const all: TextRange[] = []
  for (const term of terms) {
    const ranges = termRanges(words, term)
    if (ranges.length === 0) return null
    all.push(...ranges)
  }
  return all.sort((a, b) => a[0] - b[0])
}

/**
 * A snippet of `text` around its first match, at most about `width` characters
 * (`…` where cut), the matched words between MARK_START and MARK_END.
 */
export function markedSnippet(text: string, ranges: readonly TextRange[], width = 64): string {
  // One space for one whitespace character, so the ranges still point at the same words.
  const clean = text.replace(/\s/gu, ' ')
  const first = ranges[0]?.[0] ?? 0
  const start = Math.max(0, Math.min(first - Math.floor(width / 4), clean.length - width))
  const end = Math.min(clean.length, start + width)
  let out = start > 0 ? '…' : ''
  let at = start
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue
    out += clean.slice(at, Math.max(at, from)) + MARK_START + clean.slice(Math.max(at, from), Math.min(to, end)) + MARK_END
    at = Math.min(to, end)
  }
  return out + clean.slice(at, end) + (end < clean.length ? '…' : '')
}

/** A marked snippet as plain text and highlighted stretches, for display. */
export function snippetParts(snippet: string): { readonly text: string; readonly marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = []
  let marked = false
  for (const piece of snippet.split(/([\uE000\uE001])/u)) {
    if (piece === MARK_START) marked = true
    else if (piece === MARK_END) marked = false
    else if (piece !== '') parts.push({ text: piece, marked })
  }
  return parts
}
