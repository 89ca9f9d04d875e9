import { describe, expect, it } from 'vitest'
import { searchLocally, type LocalConversation } from '../../core/local-search.js'
import { parseSearchQuery } from '../../core/search-query.js'
import { ftsExpression, MARK_END, MARK_START, markedSnippet, matchRanges, searchTerms, snippetParts } from '../../core/search-text.js'

describe('search folding rules', () => {
  it.each([
    ['refu', 'A refund, please', true],
    ['REFU', 'a Refund', true],
    ['creme', 'la crème brûlée', true],
    ['BRÛL', 'la creme brulee', true],
    ['fund', 'a refund', false],
    ['refund parcel', 'refund for the parcel', true],
    ['refund parcel', 'refund only', false],
    ['c-12', 'conversation c-12ab', true],
    ['c-12', 'c then 12 apart c x 12', false],
  ])('`%s` in `%s`: %s', (query, text, found) => {
    expect(matchRanges(text, searchTerms(query)) !== null).toBe(found)
  })

  it('quotes every term of an FTS5 expression, so operators and quotes are words', () => {
    expect(ftsExpression(searchTerms('NEAR( OR "x* -y'))).toBe('"near"* AND "or"* AND "x"* AND "y"*')
    expect(searchTerms('" * - ()')).toEqual([])
  })

  it('marks the matched words in a snippet, and customer text cannot forge a mark', () => {
    const text = `Hello ${MARK_START}there${MARK_END}, my refund`
    const snippet = markedSnippet(text.replace(/[\uE000\uE001]/g, ''), matchRanges('Hello there, my refund', searchTerms('ref'))!)
    expect(snippetParts(snippet)).toEqual([
      { text: 'Hello there, my ', marked: false },
      { text: 'refund', marked: true },
    ])
    expect(searchTerms(`${MARK_START}x${MARK_END}`)).toEqual([['x']])
  })
})

describe('local search', () => {
  const conversation = (id: string, at: number, text: string, status: 'open' | 'archived' = 'open'): LocalConversation => ({
    facts: { id, inbox: 'inbox/sales', channel: 'sms', contact: `+1555000${id}`, contactName: null, address: '+15550100', status, assignee: null, lastActivityAt: at },
    entries: [{ kind: 'message', at, text }],
  })
  const replica = [conversation('1', 1000, 'Remboursement demandé'), conversation('2', 3000, 'refund now', 'archived'), conversation('3', 2000, 'A REFUND?')]

  it('finds newest first with the same folding, filters and limit', () => {
    expect(searchLocally(replica, parseSearchQuery({ q: 'refu' })).map((h) => h.conversation)).toEqual(['2', '3'])
    expect(searchLocally(replica, parseSearchQuery({ q: 'refu', status: 'open' })).map((h) => h.conversation)).toEqual(['3'])
    expect(searchLocally(replica, parseSearchQuery({ q: 'refu', limit: '1' })).map((h) => h.conversation)).toEqual(['2'])
    expect(searchLocally(replica, parseSearchQuery({ q: 'demande' }))[0]!.snippet).toBe(`Remboursement ${MARK_START}demandé${MARK_END}`)
  })

  it('finds a conversation by its contact number', () => {
    expect(searchLocally(replica, parseSearchQuery({ q: '15550001' })).map((h) => [h.conversation, h.kind])).toEqual([['1', 'contact']])
  })
})
