/** The status bar: who, which server, the connection, changes waiting to sync, and the keys that matter here. */
import { Box, Text } from 'ink'
import { memo } from 'react'
import type { ClientStatus } from '../../client/huddle-client.js'
import { plural } from '../format.js'
import { hintsFor, type Mode, type Pane } from '../key-table.js'
import { fit, textWidth, truncate } from '../text-width.js'
import type { Theme } from '../theme.js'

export type StatusBarProps = {
  readonly user: string
  readonly server: string
  readonly status: ClientStatus
  readonly mode: Mode
  readonly pane: Pane
  readonly width: number
  readonly theme: Theme
}

export function connectionLabel(status: ClientStatus): { readonly text: string; readonly tone: 'ok' | 'busy' | 'bad' } {
  const state = status.connection
  switch (state.kind) {
    case 'online':
      return { text: '● online', tone: 'ok' }
    case 'syncing':
      return { text: '◐ syncing', tone: 'busy' }
    case 'connecting':
      return { text: '◌ connecting', tone: 'busy' }
    case 'offline':
      return { text: '○ offline, retrying', tone: 'bad' }
    case 'denied':
      return { text: `✗ refused: ${state.reason}`, tone: 'bad' }
  }
}

export function pendingLabel(pending: number): string {
  return pending === 0 ? 'all changes synced' : `${plural(pending, 'change')} waiting to sync`
}

/** `alice@127.0.0.1:8787` from a user and a server URL. */
export function whereLabel(user: string, server: string): string {
  let host = server
  try {
    host = new URL(server).host
  } catch {
    // Shown as given.
  }
  return `${user}@${host}`
}

/** The hints that fit in `width`, in table order up to the first that does not; help and quit are kept whatever else must go. */
export function fitHints(hints: ReadonlyArray<{ readonly label: string; readonly hint: string }>, width: number): string {
  const isKept = (h: { hint: string }): boolean => h.hint === 'help' || h.hint === 'quit'
  const text = (h: { label: string; hint: string }): string => `${h.label} ${h.hint}`
  let room = width - hints.filter(isKept).reduce((sum, h) => sum + textWidth(text(h)) + 2, 0)
  let isFull = false
  const shown = hints.filter((h) => {
    if (isKept(h)) return true
    const cost = textWidth(text(h)) + 2
    isFull ||= cost > room
    if (isFull) return false
    room -= cost
    return true
  })
  return shown.map(text).join('  ')
}

export const StatusBar = memo(function StatusBar({ user, server, status, mode, pane, width, theme }: StatusBarProps) {
  const connection = connectionLabel(status)
  const who = ` ${whereLabel(user, server)} `
  const state = ` ${connection.text} `
  const pending = ` ${pendingLabel(status.pending)} `
  const used = textWidth(who) + textWidth(state) + textWidth(pending) + 2
  const rest = Math.max(0, width - used)
  const hints = fitHints(hintsFor(mode, pane), rest - 1)
  const toneColour = connection.tone === 'ok' ? theme.ok : connection.tone === 'busy' ? theme.warning : theme.error
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text inverse bold>
          {truncate(who, width)}
        </Text>
        <Text color={toneColour} bold>
          {state}
        </Text>
        │<Text color={status.pending > 0 ? theme.warning : theme.muted}>{pending}</Text>│
        <Text color={theme.muted}>{fit(rest > 0 ? ` ${hints}` : '', rest)}</Text>
      </Text>
    </Box>
  )
})
