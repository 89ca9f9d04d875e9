/**
 * The lines above the status bar: a question being asked (take over? discard?),
 * else the result of the last action, else the oldest notice not dismissed —
 * lost claims, take-overs, mentions, held replies — with the keys that act on
 * it; one line, or the whole text while it is read with `m`.
 */
import { Box, Text } from 'ink'
import { memo } from 'react'
import type { NoticeLayout, NoticeTone } from '../notice-line.js'
import { fit, textWidth } from '../text-width.js'
import type { Theme } from '../theme.js'

export type NoticeLineProps = {
  readonly layout: NoticeLayout | null
  readonly tone: NoticeTone
  readonly width: number
  readonly theme: Theme
}

function colourOf(tone: NoticeTone, theme: Theme): string | undefined {
  switch (tone) {
    case 'question':
    case 'notice':
      return theme.warning
    case 'ok':
      return theme.ok
    case 'error':
      return theme.error
  }
}

export const NoticeLine = memo(function NoticeLine({ layout, tone, width, theme }: NoticeLineProps) {
  if (!layout)
    return (
      <Box width={width} height={1}>
        <Text> </Text>
      </Box>
    )
  const indent = ' '.repeat(textWidth(layout.lead))
  return (
    <Box width={width} height={layout.lines.length} flexDirection="column">
      {layout.lines.map((line, i) => (
        <Box key={i} width={width} height={1}>
          <Text wrap="truncate-end">
            <Text color={colourOf(tone, theme)} bold>
              {i === 0 ? layout.lead : indent}
            </Text>
            <Text>{i === 0 ? fit(line, layout.room) : line}</Text>
            {i === 0 && layout.keys ? <Text color={theme.accent}>{`  [${layout.keys}]`}</Text> : null}
          </Text>
        </Box>
      ))}
    </Box>
  )
})
