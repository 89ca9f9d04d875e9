/** The status bar: who, which server, the connection, changes waiting to sync, how many are marked, and the keys that matter here. */
import { Box, Text } from 'ink'
import { memo } from 'react'
import type { ClientStatus } from '../../client/huddle-client.js'
import { hintsFor, type Mode, type Pane } from '../key-table.js'
import { statusLineFor, statusLineWidth } from '../status-line.js'
import type { Theme } from '../theme.js'

export type StatusBarProps = {
  readonly user: string
  readonly server: string
  readonly status: ClientStatus
  readonly mode: Mode
  readonly pane: Pane
  /** Conversations marked for a bulk action. */
  readonly marked: number
  readonly width: number
  readonly theme: Theme
}

export const StatusBar = memo(function StatusBar({ user, server, status, mode, pane, marked, width, theme }: StatusBarProps) {
  const line = statusLineFor(user, server, status, hintsFor(mode, pane), width, marked)
  const toneColour = line.tone === 'ok' ? theme.ok : line.tone === 'busy' ? theme.warning : theme.error
  // The hints take what is left, so the bar is as wide as the terminal.
  const rest = ' '.repeat(Math.max(0, width - statusLineWidth(line)))
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {line.who !== '' && (
          <Text inverse bold>
            {` ${line.who} `}
          </Text>
        )}
        <Text color={toneColour} bold>
          {` ${line.connection} `}
        </Text>
        │<Text color={status.pending > 0 ? theme.warning : theme.muted}>{` ${line.pending} `}</Text>│
        {line.marked !== '' && (
          <>
            <Text bold>{` ${line.marked} `}</Text>│
          </>
        )}
        <Text color={theme.muted}>{` ${line.hints} ${rest}`}</Text>
      </Text>
    </Box>
  )
})
