/** How the conversation commands print conversations: tables and records for people, JSON for programs. */
import type { SnoozeUntil } from '../../core/assignment-event.js'
import type { ConversationDetail } from '../client/conversation-view.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { CliIo } from '../io.js'
import { formatTime, printRecord, printTable } from '../output.js'
import { rowWindow } from '../client/row-window.js'
import { slaCell } from '../client/row-sla.js'
import type { SlaStatus } from '../../core/sla.js'
import { shownLabels, type LabelCatalogue } from '../../core/label.js'
import { DEFAULT_PRIORITY, PRIORITY_SYMBOLS } from '../../core/priority.js'
import { consentLine, windowCell, windowJson, windowLine } from './channel-rules-output.js'

/** `sales` for `inbox/sales`, `@alice` for `personal/alice`. */
export function inboxLabel(doc: string): string {
  return doc.startsWith('personal/') ? `@${doc.slice('personal/'.length)}` : doc.replace(/^inbox\//, '')
}

/** A row's SLA for `--json`: `{kind, due (ISO), state}` or null. */
export function slaJson(sla: SlaStatus | null): Record<string, unknown> | null {
  return sla === null ? null : { kind: sla.kind, due: new Date(sla.due).toISOString(), state: sla.state }
}

/** A row for `--json`; `now` is the client's server-corrected clock, for the WhatsApp window; `labels` the catalogue, for the labels' names. */
export function rowJson(row: ConversationRow, now: number, labels: LabelCatalogue): Record<string, unknown> {
  return {
    id: row.id,
    inbox: inboxLabel(row.inbox),
    channel: row.channel,
    contact: row.contact,
    status: row.status,
    assignee: row.assignee,
    view: row.view,
    priority: row.priority,
    labels: shownLabels(row.labels, labels).map((l) => l.name),
    snoozedUntil: snoozedUntilJson(row),
    lastMessageAt: row.lastMessageAt,
    window: windowJson(rowWindow(row, now)),
  }
}

/** While asleep, when it wakes: an ISO time or `reply`; null when awake. */
function snoozedUntilJson(row: ConversationRow): string | null {
  if (row.view !== 'snoozed' || row.snooze === null) return null
  return row.snooze.until === 'reply' ? 'reply' : new Date(row.snooze.until).toISOString()
}

/** `the customer replies`, or the wake time. */
export function untilText(until: SnoozeUntil): string {
  return until === 'reply' ? 'the customer replies' : formatTime(until)
}

/** Prints rows as a table; `slaOf` gives a row's SLA (the SLA column shows when given). */
export function printRows(io: CliIo, rows: readonly ConversationRow[], now: number, labels: LabelCatalogue, empty: string, slaOf?: (row: ConversationRow) => SlaStatus | null): void {
  printTable(
    io,
    rows,
    [
      ...(slaOf === undefined ? [] : [{ header: 'SLA', value: (r: ConversationRow) => slaCell(slaOf(r), now) }]),
      { header: 'ID', value: (r) => r.id },
      { header: 'INBOX', value: (r) => inboxLabel(r.inbox) },
      { header: 'CHANNEL', value: (r) => r.channel },
      { header: 'CONTACT', value: (r) => (r.contactName ? `${r.contactName} ${r.contact}` : r.contact) },
      { header: 'VIEW', value: (r) => r.view },
      { header: 'ASSIGNEE', value: (r) => r.assignee },
      { header: 'PRIORITY', value: (r) => (r.priority === DEFAULT_PRIORITY ? null : `${PRIORITY_SYMBOLS[r.priority]} ${r.priority}`) },
      { header: 'LABELS', value: (r) => shownLabels(r.labels, labels).map((l) => l.name).join(', ') },
      { header: 'LAST MESSAGE', value: (r) => formatTime(r.lastMessageAt) },
      { header: 'WINDOW', value: (r) => windowCell(rowWindow(r, now)) },
      { header: 'PREVIEW', value: (r) => r.preview },
    ],
    empty,
  )
}

export function detailJson(detail: ConversationDetail, now: number, labels: LabelCatalogue): Record<string, unknown> {
  return {
    ...rowJson(detail, now, labels),
    contactName: detail.contactName,
    address: detail.address,
    consent: detail.consent ?? null,
    messages: detail.messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      author: m.author,
      body: m.body,
      at: m.at,
      status: m.status,
      ...(m.reason ? { reason: m.reason } : {}),
    })),
    notes: detail.notes.map((n) => ({ id: n.id, author: n.author, body: n.body, at: n.at, mentions: n.mentions })),
    history: detail.history.map((h) => ({
      id: h.id,
      kind: h.kind,
      actor: h.actor,
      at: h.at,
      ...(h.to === undefined ? {} : { to: h.to }),
      ...(h.until === undefined ? {} : { until: h.until }),
      ...(h.label === undefined ? {} : { label: h.label }),
      ...(h.priority === undefined ? {} : { priority: h.priority }),
      outcome: h.outcome,
      ...(h.winner === undefined ? {} : { winner: h.winner }),
      assignee: h.assignee,
    })),
  }
}

/** Names for a conversation's people and labels (`labelOf` names removed labels too, for history). */
export type DetailNames = { readonly nameOf: (id: string) => string; readonly labels: LabelCatalogue; readonly labelOf: (id: string) => string }

export function printDetail(io: CliIo, detail: ConversationDetail, now: number, names: DetailNames): void {
  const { nameOf } = names
  const window = windowLine(rowWindow(detail, now))
  const consent = consentLine(detail.consent)
  printRecord(io, [
    ['Conversation', detail.id],
    ['Inbox', inboxLabel(detail.inbox)],
    ['Channel', detail.channel],
    ...(window === null ? [] : [['WhatsApp window', window] as const]),
    ...(consent === null ? [] : [['Consent', consent] as const]),
    ['Contact', detail.contactName ? `${detail.contactName} ${detail.contact}` : detail.contact],
    ['Status', detail.status],
    ['Assignee', detail.assignee === null ? null : nameOf(detail.assignee)],
    ['View', detail.view],
    ['Priority', `${detail.priority === DEFAULT_PRIORITY ? '' : `${PRIORITY_SYMBOLS[detail.priority]} `}${detail.priority}`],
    ['Labels', shownLabels(detail.labels, names.labels).map((l) => l.name).join(', ') || null],
    ['Last message', formatTime(detail.lastMessageAt)],
  ])
  const lines: string[] = ['', 'Messages']
  if (!detail.isLoaded && detail.messages.length === 0) lines.push('  (not on this computer yet: run it again online, or `huddle sync`)')
  for (const m of detail.messages) {
    const who = m.direction === 'in' ? m.author : nameOf(m.author)
    const status = m.status === null ? '' : ` [${m.status}${m.reason ? `: ${m.reason}` : ''}${m.decision ? `; you chose to ${m.decision} it` : ''}]`
    lines.push(withBody(`  ${formatTime(m.at)}  ${m.direction === 'in' ? '←' : '→'} ${who}: `, m.body, status))
  }
  if (detail.notes.length > 0) {
    lines.push('', 'Notes')
    for (const n of detail.notes) lines.push(withBody(`  ${formatTime(n.at)}  ${nameOf(n.author)}: `, n.body, ''))
  }
  if (detail.history.length > 0) {
    lines.push('', 'History')
    for (const h of detail.history) {
      lines.push(`  ${formatTime(h.at)}  ${historyLineText(h, names)}`)
    }
  }
  io.stdout(`${lines.join('\n')}\n`)
}

function historyLineText(h: ConversationDetail['history'][number], { nameOf, labelOf }: DetailNames): string {
  if (h.kind === 'label') return `${nameOf(h.actor)}: added label ${labelOf(h.label ?? '')}`
  if (h.kind === 'unlabel') return `${nameOf(h.actor)}: removed label ${labelOf(h.label ?? '')}`
  if (h.kind === 'priority') return `${nameOf(h.actor)}: set priority ${h.priority ?? ''}`
  if (h.kind === 'snooze') return `snoozed until ${untilText(h.until ?? 'reply')} by ${nameOf(h.actor)}`
  if (h.kind === 'unsnooze') return `woken by ${nameOf(h.actor)}`
  const to = h.to === undefined ? '-' : nameOf(h.to)
  const what = h.kind === 'assign' ? `assign to ${to}` : h.kind === 'auto-assign' ? `assigned automatically to ${to}` : h.kind
  const outcome = h.outcome === 'lost' ? `  LOST: ${h.winner === undefined ? 'someone' : nameOf(h.winner)} held it` : ''
  return `${nameOf(h.actor)}: ${what}${outcome}`
}

/** A line of a message or note: a body of several lines goes on indented under its first, so it cannot pass for lines of its own. */
function withBody(head: string, body: string, tail: string): string {
  const indent = `\n${' '.repeat(head.length)}`
  return `${head}${body.split(/\r?\n/).join(indent)}${tail}`
}
