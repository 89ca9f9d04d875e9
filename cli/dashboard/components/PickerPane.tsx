/** A picker in place of a pane: choices narrowed as the agent types, one highlighted, Enter chooses. */
import { Box } from 'ink'
import { fit } from '../text-width.js'
import type { Theme } from '../theme.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'
import { scrollWindow } from '../layout.js'

export type PickerChoice = { readonly key: string; readonly label: string; readonly detail?: string }

export type PickerPaneProps = {
  readonly title: string
  readonly query: string
  readonly choices: readonly PickerChoice[]
  readonly index: number
  readonly width: number
  readonly height: number
  readonly theme: Theme
}

export function PickerPane({ title, query, choices, index, width, height, theme }: PickerPaneProps) {
  const inner = width - 2
  const visible = Math.max(1, height - 4)
  const start = scrollWindow(0, index, visible, choices.length)
  return (
    <Pane title={title} width={width} height={height} isFocused theme={theme}>
      <Line color={theme.accent} bold>
        {fit(`> ${query}█`, inner)}
      </Line>
      <Line color={theme.muted}>{'─'.repeat(inner)}</Line>
      <Box flexDirection="column">
        {choices.length === 0 ? <Line color={theme.muted}>{fit(`Nothing matches “${query}”.`, inner)}</Line> : null}
        {choices.slice(start, start + visible).map((choice, i) => {
          const isSelected = start + i === index
          const detail = choice.detail ? `  ${choice.detail}` : ''
          return (
            <Line key={choice.key} inverse={isSelected} bold={isSelected}>
              {fit(`${isSelected ? '›' : ' '} ${choice.label}${detail}`, inner)}
            </Line>
          )
        })}
      </Box>
    </Pane>
  )
}
