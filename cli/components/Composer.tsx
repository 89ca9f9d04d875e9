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
  /** Lines it may take. */
  readonly room: number
  readonly theme: Theme
}

/** The composer's text lines (the last ones when long, at most `maxLines`), with the cursor at the end. */
export function composerLines(text: string, width: number, maxLines = MAX_COMPOSER_TEXT_LINES): string[] {
  const lines = wrapText(`${text}█`, Math.max(1, width - 2))
  return lines.slice(-Math.max(1, Math.min(MAX_COMPOSER_TEXT_LINES, maxLines)))
}

/** Lines the composer takes, given at most `room` lines for it. */
export function composerHeight(composer: ComposerState, width: number, candidates: number, room = Infinity): number {
  const extra = 1 + (candidates > 0 && room >= 3 ? 1 : 0)
  return extra + composerLines(composer.text, width, room - extra).length
}

export function Composer({ composer, channel, contact, candidates, width, room, theme }: ComposerProps) {
  const isNote = composer.kind === 'note'
  const title = isNote ? ' Internal note (only your team sees it) ' : ` Reply on ${CHANNEL_LABELS[channel]} to ${contact} `
  const colour = isNote ? theme.note : theme.outbound
  const showsCandidates = candidates.length > 0 && room >= 3
  const lines = composerLines(composer.text, width, room - 1 - (showsCandidates ? 1 : 0))
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
      {showsCandidates ? (
        <Line color={theme.accent}>
          {fit(`@ ${candidates.map((m) => `${m === choice ? '›' : ' '}${m.id} (${m.name})`).join('  ')} · Tab completes`, width)}
        </Line>
      ) : null}
    </Box>
  )
}
