/** The `?` overlay: every key binding, grouped, drawn from the one key table; it scrolls when it does not fit. */
import { Box } from 'ink'
import { helpGroups } from '../key-table.js'
import { fit } from '../text-width.js'
import type { Theme } from '../theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type HelpOverlayProps = { readonly width: number; readonly height: number; readonly scroll: number; readonly theme: Theme }

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

/** The help laid out for a pane of `width` × `height`: its columns, and how far it can scroll. */
export function helpLayout(width: number, height: number): { columns: HelpLine[][]; columnWidth: number; rows: number; maxScroll: number } {
  const inner = width - 2
  const rows = Math.max(1, height - 2)
  const count = inner >= 150 ? 3 : inner >= 90 ? 2 : 1
  const columnWidth = Math.floor((inner - (count - 1) * 2) / count)
  const columns = helpColumns(count, columnWidth)
  return { columns, columnWidth, rows, maxScroll: Math.max(0, Math.max(...columns.map((c) => c.length)) - rows) }
}

export function HelpOverlay({ width, height, scroll, theme }: HelpOverlayProps) {
  const { columns, columnWidth, rows, maxScroll } = helpLayout(width, height)
  const top = Math.min(scroll, maxScroll)
  const more = maxScroll === 0 ? '' : top < maxScroll ? ' · j ↓ for more' : ' · k ↑ back up'
  return (
    <Pane title={`Keys${more} · Esc or ? closes · while writing or filtering, keys are text`} width={width} height={height} isFocused theme={theme}>
      <Box flexDirection="row">
        {columns.map((column, i) => (
          <Box key={i} flexDirection="column" width={columnWidth} marginRight={i < columns.length - 1 ? 2 : 0}>
            {column.slice(top, top + rows).map((line, j) => (
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
