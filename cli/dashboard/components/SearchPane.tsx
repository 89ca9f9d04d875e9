/**
 * The search screen, over the panes: what the agent types, then the results
 * newest first, two lines each (when and who, then the matching text with
 * the matched words emphasised), the highlighted one inverse.
 */
import { Box, Text } from 'ink'
import type { SearchHit } from '../../../core/search-hit.js'
import { snippetParts } from '../../../core/search-text.js'
import type { SearchResults } from '../hooks/use-search.js'
import { dayLabel, clockTime, plural } from '../format.js'
import { scrollWindow } from '../layout.js'
import { terminalText } from '../../../core/terminal-text.js'
import { fit, textWidth, truncate } from '../text-width.js'
import type { Theme } from '../theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type SearchPaneProps = {
  readonly query: string
  readonly results: SearchResults
  readonly index: number
  readonly inboxLabel: (doc: string) => string
  readonly now: number
  readonly width: number
  readonly height: number
  readonly theme: Theme
}

/** How many results fit a search screen of `height` (two lines each). */
function searchResultRows(height: number): number {
  return Math.max(1, Math.floor((height - 5) / 2))
}

function oneLine(text: string): string {
  return terminalText(text)
}

function statusText(query: string, results: SearchResults): string {
  if (results.error !== null) return results.error
  if (results.text.trim() === '' && query.trim() === '') return 'Type words to search the messages, notes and contacts of every conversation you may read.'
  if (results.isSearching || results.text !== query) return 'Searching…'
  const where = results.isLocal
    ? ' on this computer’s copy only: the server is not reachable'
    : results.isRebuilding
      ? '; the server is still rebuilding its index, some may be missing'
      : ''
  return results.hits.length === 0 ? `Nothing found${where}.` : `${plural(results.hits.length, 'result')}, newest first${where}.`
}

/** The matching text, cut to `width` cells, matched words emphasised. */
function Snippet({ hit, width, theme, isSelected }: { hit: SearchHit; width: number; theme: Theme; isSelected: boolean }) {
  let room = width
  const parts = snippetParts(hit.snippet).flatMap((part, i) => {
    if (room <= 0) return []
    const text = truncate(oneLine(part.text), room)
    room -= textWidth(text)
    return [
      <Text key={i} bold={part.marked} underline={part.marked} color={part.marked && !isSelected ? theme.accent : undefined}>
        {text}
      </Text>,
    ]
  })
  return (
    <Text wrap="truncate-end" inverse={isSelected}>
      {'    '}
      {parts}
      {' '.repeat(Math.max(0, room))}
    </Text>
  )
}

export function SearchPane({ query, results, index, inboxLabel, now, width, height, theme }: SearchPaneProps) {
  const inner = width - 2
  const visible = searchResultRows(height)
  const hits = results.text === query ? results.hits : []
  const start = scrollWindow(0, index, visible, hits.length)
  return (
    <Pane title="Search" width={width} height={height} isFocused theme={theme}>
      <Line color={theme.accent} bold>
        {fit(`> ${query}█`, inner)}
      </Line>
      <Line color={results.error !== null ? theme.error : results.isLocal ? theme.warning : theme.muted}>{fit(statusText(query, results), inner)}</Line>
      <Line color={theme.muted}>{'─'.repeat(inner)}</Line>
      <Box flexDirection="column">
        {hits.slice(start, start + visible).map((hit, i) => {
          const isSelected = start + i === index
          const who = oneLine(hit.contactName ? `${hit.contactName} ${hit.contact}` : hit.contact)
          const head = `${isSelected ? '›' : ' '} ${dayLabel(hit.at, now)} ${clockTime(hit.at)}  ${who}  ${inboxLabel(hit.inbox)}  ${hit.status}  ${hit.kind}`
          return (
            <Box key={`${hit.conversation} ${hit.at} ${i}`} flexDirection="column">
              <Line inverse={isSelected} bold={isSelected}>
                {fit(head, inner)}
              </Line>
              <Snippet hit={hit} width={inner - 4} theme={theme} isSelected={isSelected} />
            </Box>
          )
        })}
      </Box>
    </Pane>
  )
}
