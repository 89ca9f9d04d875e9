/**
 * The composer at the foot of the Conversation pane: a reply (on the
 * conversation's channel) or an internal note, the text wrapped with its last
 * lines in sight (saying how many are out of sight), an SMS reply's length in
 * segments, and the members an `@` being typed may complete to — or a
 * template reply: the text as filled so far and one line per placeholder.
 */
import { Box } from 'ink'
import { fillTemplate, type Template } from '../../../core/template.js'
import type { Channel } from '../../../core/users.js'
import type { Composer as ComposerState, TemplateDraft } from '../dashboard-state.js'
import { smsSegments, type SmsSegments } from '../../../core/sms-segments.js'
import { CHANNEL_LABELS, plural } from '../format.js'
import type { Member } from '../mentions.js'
import { beforeCursor, type TextEdit } from '../text-edit.js'
import { fit, fitStart, textWidth, wrapText } from '../text-width.js'
import type { Theme } from '../theme.js'
import { Line } from './Line.js'

export const MAX_COMPOSER_TEXT_LINES = 4
const CURSOR = '█'
const MAX_PREVIEW_LINES = 3

export type ComposerContext = {
  readonly composer: ComposerState
  readonly channel: Channel
  readonly contact: string
  readonly candidates: readonly Member[]
  /** The template of a template reply, or null (none, or an admin removed it). */
  readonly template: Template | null
  readonly width: number
  /** Lines it may take. */
  readonly room: number
}

export type ComposerProps = ComposerContext & { readonly theme: Theme }

type RowStyle = 'reply-title' | 'note-title' | 'text' | 'note-text' | 'field' | 'current-field' | 'hint' | 'info' | 'problem'

type ComposerRow = { readonly text: string; readonly style: RowStyle }

/** A window on the composer's wrapped text: the lines in sight, and how many are out of sight above and below. */
export type ComposerWindow = { readonly lines: readonly string[]; readonly above: number; readonly below: number }

/** The composer's text lines with the cursor drawn as `█`: at most `maxLines`, those around the cursor when the text is longer. */
export function composerLines(edit: TextEdit, width: number, maxLines = MAX_COMPOSER_TEXT_LINES): ComposerWindow {
  const lines = wrapText(`${beforeCursor(edit)}${CURSOR}${[...edit.text].slice(edit.cursor).join('')}`, Math.max(1, width - 2))
  const shown = Math.max(1, Math.min(MAX_COMPOSER_TEXT_LINES, maxLines))
  const at = Math.max(0, lines.findIndex((line) => line.includes(CURSOR)))
  const start = Math.min(Math.max(0, at - shown + 1), Math.max(0, lines.length - shown))
  const window = lines.slice(start, start + shown)
  return { lines: window, above: start, below: lines.length - start - window.length }
}

/** The line under the text, when there is something to say: lines out of sight, and an SMS reply's length in characters and segments. */
export function composerInfo(window: ComposerWindow, sms: SmsSegments | null): string {
  const parts = [
    window.above > 0 ? `↑ ${plural(window.above, 'more line')}` : '',
    window.below > 0 ? `↓ ${window.below} below` : '',
    sms ? `${plural(sms.characters, 'char')} · ${plural(sms.segments, 'segment')}` : '',
  ]
  return parts.filter((part) => part !== '').join(' · ')
}

/** The composer's rule with its title: ruled to the edge, cut with `…` only when the title itself is too long. */
function title(text: string, width: number): string {
  return fit(`──${text}${'─'.repeat(Math.max(0, width - textWidth(text) - 2))}`, width)
}

function freeTextRows({ composer, channel, contact, candidates, width, room }: ComposerContext): ComposerRow[] {
  const isNote = composer.kind === 'note'
  const heading = isNote
    ? ' Internal note (only your team sees it) '
    : composer.template
      ? ` Reply from template ${composer.template.name} (edited) `
      : ` Reply on ${CHANNEL_LABELS[channel]} to ${contact} `
  const showsCandidates = candidates.length > 0 && room >= 3
  const sms = !isNote && channel === 'sms' ? smsSegments(composer.text.trim()) : null
  const textRoom = room - 1 - (showsCandidates ? 1 : 0)
  // The info line takes a text line only when it has something to say.
  const full = composerLines(composer, width, textRoom)
  const window = sms || full.above + full.below > 0 ? composerLines(composer, width, textRoom - 1) : full
  const info = composerInfo(window, sms)
  const choice = candidates.length > 0 ? candidates[composer.completion % candidates.length] : undefined
  const mark = isNote ? '┃ ' : '> '
  return [
    { text: title(heading, width), style: isNote ? 'note-title' : 'reply-title' },
    ...window.lines.map((line, i): ComposerRow => ({ text: fit(`${i === 0 || isNote ? mark : '  '}${line}`, width), style: isNote ? 'note-text' : 'text' })),
    ...(info !== '' ? [{ text: fitStart(`${info} `, width), style: 'info' } as const] : []),
    ...(showsCandidates
      ? [{ text: fit(`@ ${candidates.map((m) => `${m === choice ? '›' : ' '}${m.id} (${m.name})`).join('  ')} · Tab completes`, width), style: 'hint' } as const]
      : []),
  ]
}

function templateRows(draft: TemplateDraft, template: Template | null, { width, room }: ComposerContext): ComposerRow[] {
  if (!template)
    return [
      { text: title(` Template ${draft.name} `, width), style: 'reply-title' },
      { text: fit(`Template ${draft.name} is no longer there; ^o picks another, Esc stops.`, width), style: 'problem' },
    ]
  const fields = template.placeholders
  const fieldRows = Math.min(fields.length, Math.max(1, room - 2))
  const previewRows = Math.max(1, Math.min(fields.length === 0 ? MAX_COMPOSER_TEXT_LINES : MAX_PREVIEW_LINES, room - 1 - fieldRows))
  const preview = wrapText(fillTemplate(template, draft.params), Math.max(1, width - 2))
  const shown = preview.length > previewRows ? [...preview.slice(0, previewRows - 1), `${preview[previewRows - 1]!} …`] : preview
  // Keep the placeholder with the cursor in sight when not all fit.
  const first = Math.min(Math.max(0, draft.field - fieldRows + 1), Math.max(0, fields.length - fieldRows))
  return [
    { text: title(` Template ${template.name} (${template.kind}) `, width), style: 'reply-title' },
    ...shown.map((line, i): ComposerRow => ({ text: fit(`${i === 0 ? '> ' : '  '}${line}`, width), style: 'text' })),
    ...fields.slice(first, first + fieldRows).map((name, i): ComposerRow => {
      const isCurrent = first + i === draft.field
      const value = draft.params[name] ?? ''
      return { text: fit(`${isCurrent ? '›' : ' '} ${name}: ${value}${isCurrent ? CURSOR : ''}`, width), style: isCurrent ? 'current-field' : 'field' }
    }),
  ]
}

/** Every line of the composer, as drawn. */
export function composerRows(context: ComposerContext): ComposerRow[] {
  const draft = context.composer.template
  return draft && !draft.isEdited ? templateRows(draft, context.template, context) : freeTextRows(context)
}

/** Lines the composer takes. */
export function composerHeight(context: ComposerContext): number {
  return composerRows(context).length
}

function colourOf(style: RowStyle, theme: Theme): string | undefined {
  switch (style) {
    case 'reply-title':
      return theme.outbound
    case 'note-title':
    case 'note-text':
      return theme.note
    case 'current-field':
    case 'hint':
      return theme.accent
    case 'problem':
      return theme.error
    case 'info':
      return theme.muted
    case 'text':
    case 'field':
      return undefined
  }
}

export function Composer({ theme, ...context }: ComposerProps) {
  return (
    <Box flexDirection="column">
      {composerRows(context).map((row, i) => (
        <Line key={i} color={colourOf(row.style, theme)} bold={row.style.endsWith('title') || row.style === 'current-field'}>
          {row.text}
        </Line>
      ))}
    </Box>
  )
}
