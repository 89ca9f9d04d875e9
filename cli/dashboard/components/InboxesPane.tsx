/**
 * The Inboxes pane: every inbox of the user with its five views and their
 * counts, then the agent's saved views under their name, each with its count;
 * the view shown marked with `›`. When the pane is too short for every inbox
 * in full, the others fold to one line of counts.
 */
import { Box } from 'ink'
import { memo, type ReactElement } from 'react'
import type { InboxInfo } from '../../client/huddle-client.js'
import type { SavedViewSummary } from '../../client/saved-view-rows.js'
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
  /** The agent's saved views, the name of the one shown (null: an inbox's view is), and the agent's name above them. */
  readonly savedViews: readonly SavedViewSummary[]
  readonly saved: string | null
  readonly owner: string
  readonly width: number
  readonly height: number
  readonly isFocused: boolean
  readonly theme: Theme
}


function CountLine({ label, count, isSelected, isFocused, inner, theme }: { label: string; count: number; isSelected: boolean; isFocused: boolean; inner: number; theme: Theme }) {
  const shown = String(count)
  return (
    <Line bold={isSelected} inverse={isSelected && isFocused} color={isSelected ? theme.accent : undefined}>
      {`${fit(`${isSelected ? '›' : ' '} ${label}`, inner - shown.length - 1)} ${shown}`}
    </Line>
  )
}

export const InboxesPane = memo(function InboxesPane({ inboxes, current, view, savedViews, saved, owner, width, height, isFocused, theme }: InboxesPaneProps) {
  const inner = width - 2
  const lines = height - 2
  const savedLines = savedViews.length === 0 ? 0 : savedViews.length + 1
  const isFull = inboxes.length * 5 + savedLines <= lines
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
      const isSelected = saved === null && isCurrent && v === view
      rows.push(<CountLine key={`${inbox.doc} ${v}`} label={`${i + 1} ${VIEW_TITLES[v]}`} count={inbox.counts[v]} isSelected={isSelected} isFocused={isFocused} inner={inner} theme={theme} />)
    })
  }
  if (savedViews.length > 0) {
    rows.push(
      <Line key="saved" bold={saved !== null}>
        {fit(`${saved !== null ? '▾' : ' '} ${owner}`, inner)}
      </Line>,
    )
    for (const v of savedViews)
      rows.push(<CountLine key={`saved ${v.name}`} label={`★ ${v.name}`} count={v.count} isSelected={saved === v.name} isFocused={isFocused} inner={inner} theme={theme} />)
  }
  if (inboxes.length === 0) rows.push(<Line key="none" color={theme.muted}>Waiting for your inboxes…</Line>)
  return (
    <Pane title="Inboxes" width={width} height={height} isFocused={isFocused} theme={theme}>
      <Box flexDirection="column">{rows.slice(0, Math.max(0, lines))}</Box>
    </Pane>
  )
})
