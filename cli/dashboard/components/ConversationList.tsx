/**
 * The Conversations pane: the rows of the current view, two lines each —
 * cursor, bulk mark (`✓`), unread marker, priority mark (`!!` urgent, `!` high, `↓` low),
 * contact, assignee and age; then the channel as a word, the labels by name
 * in brackets (each in its colour too), and the last message's preview. Windowed: only the rows in sight
 * become elements, however long the list.
 */
import { Box, Text } from 'ink'
import { memo, useRef, type ReactElement } from 'react'
import type { ConversationRow } from '../../client/inbox-view.js'
import { VIEWS, type View, type ViewCounts } from '../../../core/views.js'
import type { SeenStore } from '../dashboard-source.js'
import { formatWindow } from '../../../core/whatsapp-window.js'
import type { SlaPolicy } from '../../../core/sla-policy.js'
import { rowSla, slaCell } from '../../client/row-sla.js'
import { ageLabel, CHANNEL_LABELS, contactLabel, shortName, wakeLabel } from '../format.js'
import { scrollWindow } from '../layout.js'
import { replyWindow } from '../reply-window.js'
import { isUnread } from '../seen-marks.js'
import { fit, fitStart, textWidth, wrapText } from '../text-width.js'
import { labelColour, priorityColour, type Theme } from '../theme.js'
import { shownLabels, type LabelCatalogue } from '../../../core/label.js'
import { PRIORITY_SYMBOLS } from '../../../core/priority.js'
import { Line } from './Line.js'
import { Pane } from './Pane.js'

export const LINES_PER_ROW = 2

/** The row's SLA in words, labelled so it reads on its own: `SLA 12m`, `SLA overdue 5m`. */
function slaLabel(...args: Parameters<typeof slaCell>): string {
  const cell = slaCell(...args)
  return cell === '' ? '' : `SLA ${cell}`
}

const TAB_LABELS: Readonly<Record<View, string>> = { mine: 'Me', others: 'Other', unassigned: 'Unassigned', archived: 'Archived', snoozed: 'Snoozed' }

export type ConversationListProps = {
  readonly title: string
  readonly view: View
  readonly counts: ViewCounts | null
  readonly rows: readonly ConversationRow[]
  /** Rows of the view before filtering. */
  readonly total: number
  readonly cursor: number
  /** Conversations marked for a bulk action. */
  readonly marks?: ReadonlySet<string>
  readonly filter: string
  readonly isFiltering: boolean
  /** Show the five views as tabs (when the Inboxes pane is hidden). */
  readonly showsTabs: boolean
  readonly me: string | null
  readonly nameOf: (id: string) => string
  readonly seen: SeenStore
  /** The label catalogue, for the rows' labels by name (the same object while it is unchanged). */
  readonly labels: LabelCatalogue
  /** Changes when a conversation is marked seen, so the unread markers are drawn again. */
  readonly seenVersion?: number
  readonly now: number
  /** Each row's SLA policy, its inbox's (null: none), for the time left or overdue. */
  readonly sla?: (row: ConversationRow) => SlaPolicy | null
  readonly width: number
  readonly height: number
  readonly isFocused: boolean
  readonly theme: Theme
  readonly emptyText: string
  /** A line below the rows (the Archived view's older conversations: loading, or needing the server), or null. */
  readonly footer?: string | null
}

/** Rows of the list that fit a pane of `height` lines, given what sits above them. */
export function visibleRowCount(height: number, hasFilterLine: boolean, showsTabs: boolean): number {
  return Math.max(1, Math.floor((height - 2 - (hasFilterLine ? 1 : 0) - (showsTabs ? 1 : 0)) / LINES_PER_ROW))
}

type RowLinesProps = {
  readonly row: ConversationRow
  readonly isSelected: boolean
  readonly isMarked: boolean
  readonly isFocused: boolean
  readonly isUnread: boolean
  readonly assignee: string
  readonly age: string
  /** WhatsApp's reply window (`23h 05m left`, `window closed`), or ''. */
  readonly window: string
  /** The next SLA target in words (`SLA 12m`, `SLA overdue 5m`), or ''. */
  readonly sla: string
  readonly labels: LabelCatalogue
  readonly inner: number
  readonly theme: Theme
}

/** When a row of Snoozed wakes, in words (empty for any other row). */
function wakeWords(row: ConversationRow, now: number): string {
  if (row.view !== 'snoozed' || row.snooze === null) return ''
  return row.snooze.until === 'reply' ? 'until the customer writes' : `wakes ${wakeLabel(row.snooze.until, now)}`
}

/** One row's two lines; drawn again only when what it shows changed, so moving the cursor redraws two rows. */
const RowLines = memo(function RowLines({ row, isSelected, isMarked, isFocused, isUnread: unread, assignee, age, window, sla, labels, inner, theme }: RowLinesProps) {
  const right = `${fitStart(assignee, Math.min(10, Math.max(0, inner - 24)))} ${fitStart(age, 3)}`
  // Only a priority other than normal is marked, so it stands out from the rows around it.
  const symbol = PRIORITY_SYMBOLS[row.priority]
  const mark = symbol === '' ? '' : `${symbol} `
  const head = `${isSelected ? '›' : ' '}${isMarked ? '✓' : ' '}${unread ? '●' : ' '} `
  const contact = `${fit(contactLabel(row), inner - 5 - textWidth(mark) - textWidth(right))} ${right}`
  const channel = `    ${fit(CHANNEL_LABELS[row.channel], 8)} `
  const tags = shownLabels(row.labels, labels).map((l) => ({ text: `[${l.name}]`, colour: l.colour }))
  const tagsWidth = tags.reduce((sum, t) => sum + textWidth(t.text) + 1, 0)
  const rest = [sla, window, row.preview].filter((part) => part !== '').join(' · ')
  const isHighlighted = isSelected && isFocused
  const muted = isHighlighted ? undefined : theme.muted
  // Labels are drawn whole, each in its colour, when they leave room for a little of the rest; else the line is cut as one text.
  const fitsTags = tags.length > 0 && tagsWidth + 8 <= inner - 13
  return (
    <Box flexDirection="column">
      <Line bold={unread || isSelected} inverse={isHighlighted}>
        {head}
        <Text color={isHighlighted ? undefined : priorityColour(theme, row.priority)}>{mark}</Text>
        {contact}
      </Line>
      <Line inverse={isHighlighted} color={muted}>
        {channel}
        {fitsTags
          ? tags.map((t, i) => (
              <Text key={i} color={isHighlighted ? undefined : (labelColour(theme, t.colour) ?? muted)}>
                {`${t.text} `}
              </Text>
            ))
          : null}
        {fit(fitsTags ? rest : [...tags.map((t) => t.text), rest].filter((p) => p !== '').join(' '), inner - 13 - (fitsTags ? tagsWidth : 0))}
      </Line>
    </Box>
  )
})

export function ConversationList(props: ConversationListProps) {
  const { rows, cursor, width, height, theme, me, nameOf, now, seen, isFocused } = props
  const inner = width - 2
  const hasFilterLine = props.isFiltering || props.filter !== ''
  const footer = props.footer ?? null
  const visible = visibleRowCount(height - (footer === null ? 0 : 1), hasFilterLine, props.showsTabs)
  const startRef = useRef(0)
  const start = scrollWindow(startRef.current, cursor, visible, rows.length)
  startRef.current = start
  const shown = rows.slice(start, start + visible)

  const header: ReactElement[] = []
  if (props.showsTabs && props.counts) {
    const counts = props.counts
    const long = VIEWS.map((v) => `${v === props.view ? '›' : ' '}${TAB_LABELS[v]} ${counts[v]}`).join(' ')
    const tabs = textWidth(long) <= inner ? long : VIEWS.map((v, i) => `${v === props.view ? '›' : ' '}${i + 1}:${counts[v]}`).join(' ')
    header.push(
      <Line key="tabs" color={theme.muted}>
        {fit(tabs, inner)}
      </Line>,
    )
  }
  if (hasFilterLine)
    header.push(
      <Line key="filter" color={props.isFiltering ? theme.accent : theme.warning} bold={props.isFiltering}>
        {fit(props.isFiltering ? `/ ${props.filter}█` : `Filter: ${props.filter} · ${rows.length} of ${props.total} · Esc clears`, inner)}
      </Line>,
    )

  const body = shown.map((row, i) => {
    const index = start + i
    const assignee = row.assignee === null ? '' : row.assignee === me ? 'you' : shortName(nameOf(row.assignee))
    return (
      <RowLines
        key={row.id}
        row={row}
        isSelected={index === cursor}
        isMarked={props.marks?.has(row.id) === true}
        isFocused={isFocused}
        isUnread={isUnread(row, seen)}
        assignee={assignee}
        age={ageLabel(row.lastMessageAt, now)}
        window={[wakeWords(row, now), formatWindow(replyWindow(row, now))].filter((w) => w !== '').join(' · ')}
        sla={slaLabel(rowSla(row, props.sla?.(row) ?? null, now), now)}
        labels={props.labels}
        inner={inner}
        theme={theme}
      />
    )
  })

  const position = rows.length === 0 ? '0' : `${cursor + 1}/${rows.length}`
  return (
    <Pane title={props.title} aside={position} width={width} height={height} isFocused={isFocused} theme={theme}>
      {header}
      {body.length > 0 ? (
        body
      ) : (
        wrapText(props.filter !== '' ? `Nothing matches “${props.filter}”. Esc clears the filter.` : props.emptyText, inner)
          .slice(0, Math.max(1, height - 2 - header.length))
          .map((line, i) => (
            <Line key={`empty ${i}`} color={theme.muted}>
              {line}
            </Line>
          ))
      )}
      {footer === null ? null : (
        <Line key="footer" color={theme.muted}>
          {fit(footer, inner)}
        </Line>
      )}
    </Pane>
  )
}
