/**
 * The line above the status bar: a question being asked (take over? discard?),
 * else the result of the last action, else the oldest notice not dismissed —
 * lost claims, take-overs, mentions, held replies — with the keys that act on it.
 */
import { Box, Text } from 'ink'
import { memo } from 'react'
import type { Notice } from '../../client/merge-notices.js'
import type { Confirmation, Flash } from '../dashboard-state.js'
import { noticeWords } from '../notice-line.js'
import { fit, textWidth, truncate } from '../text-width.js'
import type { Theme } from '../theme.js'

export type NoticeLineProps = {
  readonly confirmation: Confirmation | null
  readonly flash: Flash | null
  readonly notices: readonly Notice[]
  readonly nameOf: (id: string) => string
  readonly contactOf: (conversation: string) => string
  readonly width: number
  readonly theme: Theme
}

export const NoticeLine = memo(function NoticeLine({ confirmation, flash, notices, nameOf, contactOf, width, theme }: NoticeLineProps) {
  let lead: string
  let text: string
  let keys: string
  let colour: string | undefined
  if (confirmation) {
    ;[lead, text, keys, colour] = ['?', confirmation.question, 'y yes · n no', theme.warning]
  } else if (flash) {
    ;[lead, text, keys, colour] = [flash.tone === 'error' ? '✗' : '✓', flash.text, '', flash.tone === 'error' ? theme.error : theme.ok]
  } else if (notices.length > 0) {
    const words = noticeWords(notices[0]!, nameOf, contactOf)
    const count = notices.length > 1 ? ` (1 of ${notices.length})` : ''
    ;[lead, text, keys, colour] = [`!${count}`, words.text, words.keys, theme.warning]
  } else {
    return (
      <Box width={width} height={1}>
        <Text> </Text>
      </Box>
    )
  }
  const keysText = keys ? `  [${keys}]` : ''
  const room = Math.max(0, width - textWidth(lead) - 2 - textWidth(keysText))
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text color={colour} bold>{` ${lead} `}</Text>
        <Text>{fit(truncate(text, room), room)}</Text>
        <Text color={theme.accent}>{keysText}</Text>
      </Text>
    </Box>
  )
})
