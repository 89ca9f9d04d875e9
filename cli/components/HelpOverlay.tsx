/** The `?` overlay: every key binding, grouped, drawn from the one key table. */
import { Box } from 'ink'
import { helpGroups } from '../dashboard/key-table.js'
import { fit } from '../dashboard/text-width.js'
import type { Theme } from '../dashboard/theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type HelpOverlayProps = { readonly width: number; readonly height: number; readonly theme: Theme }

type HelpLine = { readonly text: string; readonly isHeading: boolean }

/** The help's lines in columns: whole groups, as evenly as they go. */
export function helpColumns(columns: number, columnWidth: number): HelpLine[][] {
  const groups = helpGroups().map(({ group, bindings }) => [
    { text: group, isHeading: true },
    ...bindings.map((b) => ({ text: fit(`  ${fit(b.label, 10)} ${b.help}`, columnWidth), isHeading: false })),
  ])
  const total = groups.reduce((sum, g) => sum + g.length + 1, 0)
  const target = Math.ceil(total / columns)
  const split: HelpLine[][] = [[]]
  for (const group of groups) {
    let column = split[split.length - 1]!
    if (column.length > 0 && column.length + group.length > target && split.length < columns) split.push((column = []))
    if (column.length > 0) column.push({ text: '', isHeading: false })
    column.push(...group)
  }
  return split
}

export function HelpOverlay({ width, height, theme }: HelpOverlayProps) {
  const inner = width - 2
  const rows = height - 3
  const columns = inner >= 150 ? 3 : inner >= 90 ? 2 : 1
  const columnWidth = Math.floor((inner - (columns - 1) * 2) / columns)
  const split = helpColumns(columns, columnWidth)
  return (
    <Pane title="Keys · Esc or ? closes" width={width} height={height} isFocused theme={theme}>
      <Box flexDirection="row">
        {split.map((column, i) => (
          <Box key={i} flexDirection="column" width={columnWidth} marginRight={i < columns - 1 ? 2 : 0}>
            {column.slice(0, rows).map((line, j) => (
              <Line key={j} bold={line.isHeading} color={line.isHeading ? theme.accent : undefined}>
                {line.text}
              </Line>
            ))}
          </Box>
        ))}
      </Box>
      <Line color={theme.muted}>{fit('While writing or filtering, keys are text: only the keys of that mode act.', inner)}</Line>
    </Pane>
  )
}
