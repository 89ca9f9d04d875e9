/**
 * The Inboxes pane: every inbox of the user with its five views and their
 * counts; the current inbox and view marked with `›`. When the pane is too
 * short for every inbox in full, the others fold to one line of counts.
 */
import { Box } from 'ink'
import { memo, type ReactElement } from 'react'
import type { InboxInfo } from '../../client/huddle-client.js'
import { VIEWS, VIEW_TITLES, type View } from '../../../core/views.js'
import { inboxTitle } from '../format.js'
import { fit, fitStart } from '../text-width.js'
import type { Theme } from '../theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type InboxesPaneProps = {
  readonly inboxes: readonly InboxInfo[]
  readonly current: string | null
  readonly view: View
  readonly width: number
  readonly height: number
  readonly isFocused: boolean
  readonly theme: Theme
}


export const InboxesPane = memo(function InboxesPane({ inboxes, current, view, width, height, isFocused, theme }: InboxesPaneProps) {
  const inner = width - 2
  const lines = height - 2
  const isFull = inboxes.length * 5 <= lines
  const rows: ReactElement[] = []
  for (const inbox of inboxes) {
    const isCurrent = inbox.doc === current
    const open = inbox.counts.mine + inbox.counts.others + inbox.counts.unassigned
    if (!isFull && !isCurrent) {
      rows.push(
        <Line key={inbox.doc} color={theme.muted}>
          {fit(`  ${inboxTitle(inbox)}`, inner - 8) + fitStart(`${open} open`, 8)}
        </Line>,
      )
      continue
    }
    rows.push(
      <Line key={inbox.doc} bold={isCurrent}>
        {fit(`${isCurrent ? '▾' : ' '} ${inboxTitle(inbox)}`, inner)}
      </Line>,
    )
    VIEWS.forEach((v, i) => {
      const isSelected = isCurrent && v === view
      const count = String(inbox.counts[v])
      const label = fit(`${isSelected ? '›' : ' '} ${i + 1} ${VIEW_TITLES[v]}`, inner - count.length - 1)
      rows.push(
        <Line key={`${inbox.doc} ${v}`} bold={isSelected} inverse={isSelected && isFocused} color={isSelected ? theme.accent : undefined}>
          {`${label} ${count}`}
        </Line>,
      )
    })
  }
  if (inboxes.length === 0) rows.push(<Line key="none" color={theme.muted}>Waiting for your inboxes…</Line>)
  return (
    <Pane title="Inboxes" width={width} height={height} isFocused={isFocused} theme={theme}>
      <Box flexDirection="column">{rows.slice(0, Math.max(0, lines))}</Box>
    </Pane>
  )
})
