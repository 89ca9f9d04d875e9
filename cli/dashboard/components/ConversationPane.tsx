/**
 * The Conversation pane: who and where (contact, channel, inbox, assignee,
 * status), who else is here (viewing, typing), then the timeline — messages,
 * notes and assignment history — windowed from its end (or as far up as the
 * agent scrolled), and the composer when writing.
 */
import { shownLabels, type LabelCatalogue } from '../../../core/label.js'
import { DEFAULT_PRIORITY, PRIORITY_SYMBOLS } from '../../../core/priority.js'
import { Box } from 'ink'
import type { ReactElement } from 'react'
import { availabilityWord, type AvailabilityStatus } from '../../../core/availability.js'
import type { ConversationDetail } from '../../client/conversation-view.js'
import type { ConversationRow } from '../../client/inbox-view.js'
import type { PresenceEntry } from '../../client/presence.js'
import type { Composer as ComposerState } from '../dashboard-state.js'
import { isOptedOut } from '../../../core/consent.js'
import type { Template } from '../../../core/template.js'
import { formatWindow, isClosingSoon, type WindowState } from '../../../core/whatsapp-window.js'
import { agoLabel, CHANNEL_LABELS, contactLabel } from '../format.js'
import { replyWindow } from '../reply-window.js'
import type { Member } from '../mentions.js'
import type { LineStyle, TimelineLine } from '../timeline.js'
import { fit, textWidth } from '../text-width.js'
import type { Theme } from '../theme.js'
import { Composer, composerHeight } from './Composer.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export type ConversationPaneProps = {
  readonly row: ConversationRow | null
  readonly detail: ConversationDetail | null
  /** The detail's timeline at this pane's inner width (see timeline.ts). */
  readonly timeline: readonly TimelineLine[]
  readonly inboxName: string
  readonly presence: readonly PresenceEntry[]
  /** A colleague's availability, shown in words beside their name. */
  readonly availabilityOf: (id: string) => AvailabilityStatus | null
  readonly isOpen: boolean
  readonly composer: ComposerState | null
  readonly candidates: readonly Member[]
  /** The template of a template reply being written. */
  readonly template: Template | null
  readonly scroll: number
  readonly nameOf: (id: string) => string
  /** The label catalogue, for the conversation's labels by name. */
  readonly labels: LabelCatalogue
  readonly me: string | null
  readonly now: number
  readonly width: number
  readonly height: number
  readonly isFocused: boolean
  readonly theme: Theme
}

/** Lines above the timeline: contact, where and who holds it, who else is here. */
export const HEADER_LINES = 3

function styleColour(style: LineStyle, theme: Theme): string | undefined {
  switch (style) {
    case 'in-head':
      return theme.inbound
    case 'out-head':
      return theme.outbound
    case 'held-head':
    case 'lost':
      return theme.error
    case 'note-head':
    case 'note-body':
      return theme.note
    case 'day':
    case 'history':
      return theme.muted
    case 'body':
    case 'blank':
      return undefined
  }
}

function presenceText(presence: readonly PresenceEntry[], isOpen: boolean, availabilityOf: (id: string) => AvailabilityStatus | null): string {
  if (!isOpen) return 'Preview · Enter opens it'
  if (presence.length === 0) return 'Nobody else is here'
  const named = (p: PresenceEntry): string => {
    const status = availabilityOf(p.user.id)
    return `${p.user.name}${status === null ? '' : ` · ${availabilityWord(status)}`}${p.isTyping ? ' (typing…)' : ''}`
  }
  return `Also here: ${presence.map(named).join(', ')}`
}

/** What the channel allows now, for the header: WhatsApp's window, or an SMS contact's opt-out; '' when nothing applies. */
function channelState(window: WindowState, shown: ConversationRow & Pick<ConversationDetail, 'consent'>, now: number): string {
  if (window.kind === 'open') return `${formatWindow(window)} to reply`
  if (window.kind === 'closed') return '24h window closed'
  if (shown.channel === 'sms' && shown.consent && isOptedOut(shown.consent, now)) return `opted out (${shown.consent.keyword})`
  return ''
}

/** The largest scroll that still shows something, for a timeline of `total` lines in `visible`. */
export function maxScroll(total: number, visible: number): number {
  return Math.max(0, total - visible)
}

export function ConversationPane(props: ConversationPaneProps) {
  const { row, detail, timeline, width, height, theme, nameOf, now, composer, isFocused } = props
  const inner = width - 2
  const content = height - 2
  const shown = detail ?? row

  if (!shown)
    return (
      <Pane title="Conversation" width={width} height={height} isFocused={isFocused} theme={theme}>
        <Line color={theme.muted}>{fit('No conversation selected.', inner)}</Line>
      </Pane>
    )

  const contact = contactLabel(shown)
  const assignee = shown.assignee === null ? 'Unassigned' : `Assigned to ${props.me === shown.assignee ? 'you' : nameOf(shown.assignee)}`
  const priority = shown.priority === DEFAULT_PRIORITY ? '' : ` · ${PRIORITY_SYMBOLS[shown.priority]} ${shown.priority}`
  const labels = shownLabels(shown.labels, props.labels).map((l) => `[${l.name}]`)
  const where = `${props.inboxName} · ${assignee}${shown.status === 'archived' ? ' · Archived' : ''}${priority}${labels.length > 0 ? ` · ${labels.join(' ')}` : ''}`
  const window = replyWindow(shown, now)
  const state = channelState(window, shown, now)
  const isWarning = window.kind === 'closed' || isClosingSoon(window) || (state !== '' && window.kind === 'none')
  const stateWidth = inner - textWidth(where) - 3
  const composerRoom = Math.max(1, content - HEADER_LINES)
  const composerContext = composer
    ? { composer, channel: shown.channel, contact, candidates: props.candidates, template: props.template, width: inner, room: composerRoom }
    : null
  const composerLines = composerContext ? composerHeight(composerContext) : 0
  const visible = Math.max(0, content - HEADER_LINES - composerLines)

  let body: ReactElement[]
  if (!detail || !detail.isLoaded) {
    const waiting = props.isOpen ? 'Loading the messages…' : 'The messages are not on this computer yet; Enter opens the conversation and loads them.'
    body = [
      <Line key="preview">{fit(`Last message ${agoLabel(shown.lastMessageAt, now)}: ${shown.preview}`, inner)}</Line>,
      <Line key="waiting" color={theme.muted}>
        {fit(waiting, inner)}
      </Line>,
    ]
  } else {
    const scroll = Math.min(props.scroll, maxScroll(timeline.length, visible))
    const end = timeline.length - scroll
    const start = Math.max(0, end - visible)
    const window = timeline.slice(start, end)
    body = window.map((line, i) => {
      if (i === 0 && start > 0)
        return (
          <Line key="more-up" color={theme.accent}>
            {fit(`↑ ${start + 1} earlier lines · k scrolls up`, inner)}
          </Line>
        )
      if (i === window.length - 1 && scroll > 0)
        return (
          <Line key="more-down" color={theme.accent}>
            {fit(`↓ ${scroll + 1} newer lines · G jumps to the latest`, inner)}
          </Line>
        )
      return (
        <Line key={start + i} color={styleColour(line.style, theme)} bold={line.style.endsWith('head')}>
          {fit(line.text, inner)}
        </Line>
      )
    })
    if (timeline.length === 0)
      body = [
        <Line key="empty" color={theme.muted}>
          {fit('No messages yet.', inner)}
        </Line>,
      ]
  }

  return (
    <Pane
      title={`${contact} · ${CHANNEL_LABELS[shown.channel]}`}
      aside={shown.contactName ? shown.contact : undefined}
      width={width}
      height={height}
      isFocused={isFocused}
      theme={theme}
    >
      {state === '' || stateWidth < 8 ? (
        <Line bold>{fit(where, inner)}</Line>
      ) : (
        <Box>
          <Line bold>{`${where} · `}</Line>
          <Line color={isWarning ? theme.warning : theme.muted} bold={isWarning}>
            {fit(state, stateWidth)}
          </Line>
        </Box>
      )}
      <Line color={props.presence.some((p) => p.isTyping) ? theme.accent : theme.muted}>{fit(presenceText(props.presence, props.isOpen, props.availabilityOf), inner)}</Line>
      <Line color={theme.muted}>{'─'.repeat(inner)}</Line>
      <Box flexDirection="column" height={visible}>
        {body}
      </Box>
      {composerContext ? <Composer {...composerContext} theme={theme} /> : null}
    </Pane>
  )
}
