/**
 * The composer at the foot of the Conversation pane: a reply (on the
 * conversation's channel) or an internal note, the text wrapped with its last
 * lines in sight, and the members an `@` being typed may complete to.
 */
import { Box } from 'ink'
import type { Channel } from '../../core/users.js'
import type { Composer as ComposerState } from '../dashboard/dashboard-state.js'
import { CHANNEL_LABELS } from '../dashboard/format.js'
import type { Member } from '../dashboard/mentions.js'
import { fit, wrapText } from '../dashboard/text-width.js'
import type { Theme } from '../dashboard/theme.js'
import { Line } from './Line.js'

export const MAX_COMPOSER_TEXT_LINES = 4

export type ComposerProps = {
  readonly composer: ComposerState
  readonly channel: Channel
  readonly contact: string
  readonly candidates: readonly Member[]
  readonly width: number
  readonly theme: Theme
}

/** The composer's text lines (the last ones when long), with the cursor at the end. */
export function composerLines(text: string, width: number): string[] {
  const lines = wrapText(`${text}█`, Math.max(1, width - 2))
  return lines.slice(-MAX_COMPOSER_TEXT_LINES)
}

export function composerHeight(composer: ComposerState, width: number, candidates: number): number {
  return 1 + composerLines(composer.text, width).length + (candidates > 0 ? 1 : 0)
}

export function Composer({ composer, channel, contact, candidates, width, theme }: ComposerProps) {
  const isNote = composer.kind === 'note'
  const title = isNote ? ' Internal note (only your team sees it) ' : ` Reply on ${CHANNEL_LABELS[channel]} to ${contact} `
  const colour = isNote ? theme.note : theme.outbound
  const lines = composerLines(composer.text, width)
  const choice = candidates.length > 0 ? candidates[composer.completion % candidates.length] : undefined
  return (
    <Box flexDirection="column">
      <Line color={colour} bold>
        {fit(`──${title}${'─'.repeat(width)}`, width)}
      </Line>
      {lines.map((line, i) => (
        <Line key={i} color={isNote ? theme.note : undefined}>
          {fit(`${i === 0 ? (isNote ? '┃ ' : '> ') : isNote ? '┃ ' : '  '}${line}`, width)}
        </Line>
      ))}
      {candidates.length > 0 ? (
        <Line color={theme.accent}>
          {fit(`@ ${candidates.map((m) => `${m === choice ? '›' : ' '}${m.id} (${m.name})`).join('  ')} · Tab completes`, width)}
        </Line>
      ) : null}
    </Box>
  )
}
