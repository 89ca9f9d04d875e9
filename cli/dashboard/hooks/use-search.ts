/**
 * Results of the search screen as the agent types: one search once typing
 * pauses for `debounceMs`, and only the answer to the latest text is kept
 * (an earlier one arriving late is dropped).
 */
import { useEffect, useState } from 'react'
import type { SearchHit } from '../../../core/search-hit.js'
import { searchTerms } from '../../../core/search-text.js'
import type { Searcher } from '../../client/search-client.js'

export type SearchResults = {
  /** The text these results are for. */
  readonly text: string
  readonly hits: readonly SearchHit[]
  readonly isLocal: boolean
  /** The server's index was still being rebuilt: results may be missing. */
  readonly isRebuilding: boolean
  readonly isSearching: boolean
  readonly error: string | null
}

const NONE: SearchResults = { text: '', hits: [], isLocal: false, isRebuilding: false, isSearching: false, error: null }

export function useSearch(search: Searcher | undefined, text: string | null, limit: number, debounceMs = 200): SearchResults {
  const [results, setResults] = useState<SearchResults>(NONE)
  useEffect(() => {
    if (text === null || searchTerms(text).length === 0 || !search) {
      setResults({ ...NONE, text: text ?? '' })
      return
    }
    let isCurrent = true
    setResults((before) => ({ ...before, isSearching: true }))
    const timer = setTimeout(() => {
      search(text, limit).then(
        (outcome) => isCurrent && setResults({ text, hits: outcome.hits, isLocal: outcome.isLocal, isRebuilding: outcome.isRebuilding, isSearching: false, error: null }),
        (error: unknown) => isCurrent && setResults({ ...NONE, text, error: error instanceof Error ? error.message : String(error) }),
      )
    }, debounceMs)
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [search, text, limit])
  return results
}
