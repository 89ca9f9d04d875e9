/**
 * A bordered pane of a fixed size with its title in the top border. The
 * focused pane has a heavy border and a `▸` before its title, so focus shows
 * without colour too. Content is cut to the pane, never wrapped out of it.
 */
import { Box, Text } from 'ink'
import type { ReactNode } from 'react'
import { textWidth, truncate } from '../text-width.js'
import type { Theme } from '../theme.js'

export type PaneProps = {
  readonly title: string
  /** Text at the right end of the top border (a count, a position). */
  readonly aside?: string
  readonly width: number
  readonly height: number
  readonly isFocused: boolean
  readonly theme: Theme
  readonly children?: ReactNode
}

export function Pane({ title, aside, width, height, isFocused, theme, children }: PaneProps) {
  const [left, line, right] = isFocused ? ['┏', '━', '┓'] : ['╭', '─', '╮']
  const label = truncate(`${isFocused ? '▸ ' : ''}${title}`, Math.max(0, width - 6))
  const asideText = aside ? truncate(aside, Math.max(0, width - 8 - textWidth(label))) : ''
  const fill = Math.max(0, width - 5 - textWidth(label) - (asideText ? textWidth(asideText) + 3 : 0))
  const colour = isFocused ? theme.focus : theme.muted
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text color={colour}>{`${left}${line} `}</Text>
        <Text bold={isFocused}>{label}</Text>
        <Text color={colour}>{` ${line.repeat(fill)}`}</Text>
        {asideText ? (
          <>
            <Text> {asideText} </Text>
            <Text color={colour}>{line}</Text>
          </>
        ) : null}
        <Text color={colour}>{right}</Text>
      </Text>
      {/* Keyed by the border style: Ink lays out a box whose border style changed as if it had a top border again. */}
      <Box
        key={isFocused ? 'focused' : 'plain'}
        flexDirection="column"
        width={width}
        height={Math.max(1, height - 1)}
        borderStyle={isFocused ? 'bold' : 'round'}
        borderTop={false}
        borderColor={colour}
      >
        {children}
      </Box>
    </Box>
  )
}
