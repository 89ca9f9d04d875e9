/**
 * The reports screen, over the panes: the current inbox's figures over the
 * last 7 or 30 days, with bar charts and sparklines (cli/dashboard/report-screen.ts
 * lays them out to fit).
 */
import { Box } from 'ink'
import { useMemo } from 'react'
import type { ReportState } from '../hooks/use-report.js'
import { reportScreenLines } from '../report-screen.js'
import type { Theme } from '../theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type ReportsPaneProps = {
  readonly inboxName: string
  readonly days: number
  readonly state: ReportState
  readonly width: number
  readonly height: number
  readonly theme: Theme
}

export function ReportsPane({ inboxName, days, state, width, height, theme }: ReportsPaneProps) {
  const inner = Math.max(1, width - 2)
  const lines = useMemo(() => reportScreenLines(state.report, state.status, inner, Math.max(1, height - 2)), [state, inner, height])
  const zone = state.report ? ` · ${state.report.zone}` : ''
  return (
    <Pane title={`Reports · ${inboxName} · last ${days} days${zone}`} aside="t: 7/30 days" width={width} height={height} isFocused theme={theme}>
      <Box flexDirection="column">
        {lines.map((line, i) => (
          <Line key={i} bold={line.isHeading} color={line.isHeading ? theme.accent : undefined}>
            {line.text}
          </Line>
        ))}
      </Box>
    </Pane>
  )
}
