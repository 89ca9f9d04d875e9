/** The `?` overlay: every key binding, grouped, drawn from the one key table. */
import { Box } from 'ink'
import { helpGroups } from '../dashboard/key-table.js'
import { fit } from '../dashboard/text-width.js'
import type { Theme } from '../dashboard/theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type HelpOverlayProps = { readonly width: number; readonly height: number; readonly theme: Theme }

type HelpLine = { readonly text: string; readonly isHeading: boolean }

/** The help's lines in columns: whole groups, in order, split where the tallest column is shortest. */
export function helpColumns(columns: number, columnWidth: number): HelpLine[][] {
  const groups = helpGroups().map(({ group, bindings }) => [
    { text: group, isHeading: true },
    ...bindings.map((b) => ({ text: fit(`  ${fit(b.label, 10)} ${b.help}`, columnWidth), isHeading: false })),
  ])
  const heightOf = (part: HelpLine[][]): number => part.reduce((sum, g) => sum + g.length, 0) + Math.max(0, part.length - 1)
  let best: HelpLine[][][] = [groups]
  let bestHeight = heightOf(groups)
  // Every way to cut the groups into at most `columns` runs (there are few groups).
  const cut = (from: number, left: number, taken: HelpLine[][][]): void => {
    if (left === 1 || from === groups.length) {
      const split = from === groups.length ? taken : [...taken, groups.slice(from)]
      const height = Math.max(...split.map(heightOf))
      if (height < bestHeight) [best, bestHeight] = [split, height]
      return
    }
    for (let to = from + 1; to <= groups.length; to++) cut(to, left - 1, [...taken, groups.slice(from, to)])
  }
  cut(0, columns, [])
  return best.map((part) => part.flatMap((group, i) => (i === 0 ? group : [{ text: '', isHeading: false }, ...group])))
}

export function HelpOverlay({ width, height, theme }: HelpOverlayProps) {
  const inner = width - 2
  const rows = height - 2
  const columns = inner >= 150 ? 3 : inner >= 90 ? 2 : 1
  const columnWidth = Math.floor((inner - (columns - 1) * 2) / columns)
  const split = helpColumns(columns, columnWidth)
  return (
    <Pane title="Keys · Esc or ? closes · while writing or filtering, keys are text" width={width} height={height} isFocused theme={theme}>
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
    </Pane>
  )
}
