/**
 * A conversation as one timeline of display lines, wrapped to the pane's
 * width: customer messages and replies (direction, author, time, delivery),
 * internal notes set apart by a bar, and assignment history — lost claims
 * naming who held the conversation — with a line where the day changes.
 * The pane shows a window of these lines, so only what is visible renders.
 */
import type { ConversationDetail, HistoryLine } from '../client/conversation-view.js'
import { clockTime, contactLabel, dayLabel, deliveryLabel, wakeLabel } from './format.js'
import { fit, textWidth, wrapText } from './text-width.js'

export type LineStyle = 'day' | 'in-head' | 'out-head' | 'held-head' | 'note-head' | 'body' | 'note-body' | 'history' | 'lost' | 'blank'

export type TimelineLine = { readonly text: string; readonly style: LineStyle }

type Item =
  | { readonly kind: 'message'; readonly at: number; readonly line: ConversationDetail['messages'][number] }
  | { readonly kind: 'note'; readonly at: number; readonly line: ConversationDetail['notes'][number] }
  | { readonly kind: 'history'; readonly at: number; readonly line: HistoryLine; readonly previous: string | null }

const ORDER: Readonly<Record<Item['kind'], number>> = { history: 0, message: 1, note: 2 }

/** Display names: of people (`You` for the agent), and of labels (those removed from the catalogue too). */
export type TimelineNames = { readonly nameOf: (id: string) => string; readonly labelOf: (id: string) => string }

/** One sentence for an assignment event, with display names. */
export function historyText(line: HistoryLine, previous: string | null, { nameOf, labelOf }: TimelineNames): string {
  const actor = line.actor === 'system' ? 'huddle' : nameOf(line.actor)
  // `nameOf` says `You` for the agent: as an object, `you`; as an owner, `Your`.
  const object = (id: string): string => (nameOf(id) === 'You' ? 'you' : nameOf(id))
  const owner = (name: string): string => (name === 'You' ? 'Your' : `${name}’s`)
  const subject = (name: string): string => (name === 'You' ? 'you were' : `${name} was`)
  const byWhom = actor === 'You' ? 'you' : actor
  switch (line.kind) {
    case 'claim':
      return line.outcome === 'lost' ? `${owner(actor)} claim lost: ${subject(nameOf(line.winner ?? ''))} first` : `${actor} claimed it`
    case 'takeover':
      return previous && previous !== line.actor ? `${actor} took it over from ${object(previous)}` : `${actor} took it over`
    case 'assign':
      return line.to === line.actor ? `${actor} assigned it to ${actor === 'You' ? 'yourself' : 'themselves'}` : `${actor} assigned it to ${object(line.to ?? '')}`
    case 'unassign':
      return line.actor === 'system' ? `Unassigned: ${previous ? nameOf(previous) : 'the assignee'} left the inbox` : `${actor} unassigned it`
    case 'archive':
      return `${actor} archived it`
    case 'unarchive':
      return line.actor === 'system' ? 'Reopened: the customer wrote again' : `${actor} reopened it`
    case 'auto-assign':
      return `Assigned automatically to ${object(line.to ?? '')}`
    case 'snooze':
      return `Snoozed until ${wakeLabel(line.until ?? 'reply', line.at)} by ${byWhom}`
    case 'unsnooze':
      return `Woken by ${byWhom}`
    case 'label':
      return `${actor} added label ${labelOf(line.label ?? '')}`
    case 'unlabel':
      return `${actor} took label ${labelOf(line.label ?? '')} off`
    case 'priority':
      return `${actor} set the priority to ${line.priority ?? 'normal'}`
  }
}

export function buildTimeline(detail: ConversationDetail, width: number, names: TimelineNames, now: number): TimelineLine[] {
  const { nameOf } = names
  const items: Item[] = [
    ...detail.messages.map((line) => ({ kind: 'message' as const, at: line.at, line })),
    ...detail.notes.map((line) => ({ kind: 'note' as const, at: line.at, line })),
  ]
  let previous: string | null = null
  for (const line of detail.history) {
    items.push({ kind: 'history', at: line.at, line, previous })
    previous = line.assignee
  }
  items.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind])

  const lines: TimelineLine[] = []
  const bodyWidth = Math.max(4, width - 2)
  let day = ''
  for (const item of items) {
    const itemDay = dayLabel(item.at, now)
    if (itemDay !== day) {
      day = itemDay
      if (lines.length > 0) lines.push({ text: '', style: 'blank' })
      const label = ` ${itemDay} `
      const side = Math.max(0, width - textWidth(label))
      lines.push({ text: fit(`${'─'.repeat(Math.floor(side / 2))}${label}${'─'.repeat(Math.ceil(side / 2))}`, width), style: 'day' })
    }
    switch (item.kind) {
      case 'message': {
        const m = item.line
        const isIn = m.direction === 'in'
        const who = isIn ? contactLabel(detail) : nameOf(m.author)
        const delivery = deliveryLabel(m)
        const reason = m.status === 'held' && m.reason ? `: ${m.reason}` : m.status === 'failed' && m.reason ? `: ${m.reason}` : ''
        const head = `${isIn ? '←' : '→'} ${who} · ${clockTime(m.at)}${delivery ? ` · ${delivery}${reason}` : ''}`
        const style: LineStyle = isIn ? 'in-head' : m.status === 'held' || m.status === 'failed' ? 'held-head' : 'out-head'
        lines.push(...wrapText(head, bodyWidth).map((text, i) => ({ text: i === 0 ? text : `  ${text}`, style })))
        lines.push(...wrapText(m.body, bodyWidth).map((text) => ({ text: `  ${text}`, style: 'body' as const })))
        break
      }
      case 'note': {
        const n = item.line
        lines.push({ text: fit(`┃ Note · ${nameOf(n.author)} · ${clockTime(n.at)}`, width), style: 'note-head' })
        lines.push(...wrapText(n.body, bodyWidth).map((text) => ({ text: `┃ ${text}`, style: 'note-body' as const })))
        break
      }
      case 'history': {
        const text = `· ${clockTime(item.at)} ${historyText(item.line, item.previous, names)}`
        lines.push(...wrapText(text, bodyWidth).map((t, i) => ({ text: i === 0 ? t : `  ${t}`, style: (item.line.outcome === 'lost' ? 'lost' : 'history') as LineStyle })))
        break
      }
    }
  }
  return lines
}
