/**
 * The lines of the reports screen (docs/design.md, "Reports"), laid out for
 * a given width and height: the figures first, then volume per day, first
 * response times per day and the busiest hours, as bars and sparklines with
 * their numbers and labels beside them, so they read without colour. Per-day
 * bars take one line a day when the days fit; otherwise volume per day is a
 * sparkline too. Every line is exactly `width` cells.
 */
import type { Report, ReportFigures } from '../../core/report.js'
import type { SlaKind } from '../../core/sla-policy.js'
import { bar, percentLabel, sparkline, spanLabel } from '../charts.js'
import { fit, wrapText } from './text-width.js'

/** A line of the screen, and whether it is a section heading (drawn bold). */
export type ScreenLine = { readonly text: string; readonly isHeading: boolean }

const TARGETS: Readonly<Record<SlaKind, string>> = { 'first-response': 'first response', 'next-response': 'next response', resolution: 'resolution' }
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `Sat 28 Mar` for a `YYYY-MM-DD` day. */
export function dayName(day: string): string {
  const date = new Date(`${day}T12:00:00Z`)
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`
}

function summaryLines(figures: ReportFigures): string[] {
  const sla = figures.sla.map((s) => `${TARGETS[s.kind]} ${percentLabel(s.metPercent)}`).join(' · ')
  return [
    `Received ${figures.received}   Replied ${figures.replied}   Archived ${figures.archived}`,
    `First response  median ${spanLabel(figures.firstResponse.medianMs)}  90% within ${spanLabel(figures.firstResponse.p90Ms)}`,
    `Resolution      median ${spanLabel(figures.resolution.medianMs)}  90% within ${spanLabel(figures.resolution.p90Ms)}`,
    figures.sla.length === 0 ? 'SLA met: no SLA targets' : `SLA met: ${sla}`,
  ]
}

/** A sparkline stretched to `room` cells (each value as wide as fits), with the first and last labels under it. */
function stretchedSpark(values: readonly number[], room: number, first: string, last: string, indent: number): string[] {
  const cells = Math.max(1, Math.floor(room / Math.max(1, values.length)))
  const line = [...sparkline(values)].map((c) => c.repeat(cells)).join('')
  const width = [...line].length
  const gap = Math.max(1, width - first.length - last.length)
  return [`${' '.repeat(indent)}${line}`, `${' '.repeat(indent)}${first}${' '.repeat(gap)}${last}`]
}

function volumeLines(report: Report, width: number, room: number): string[] {
  const days = report.volume.byDay
  const max = Math.max(0, ...days.map((d) => d.received))
  const peak = days.find((d) => d.received === max && max > 0)
  const heading = `Volume per day${peak ? ` (busiest ${dayName(peak.day)}: ${max})` : ''}`
  if (days.length + 1 <= room) {
    const barWidth = Math.max(4, width - 20)
    return [heading, ...days.map((d) => `  ${dayName(d.day).padEnd(10)} ${bar(d.received, max, barWidth).padEnd(barWidth)} ${d.received}`)]
  }
  const first = days[0] ? dayName(days[0].day) : ''
  const last = days.at(-1) ? dayName(days.at(-1)!.day) : ''
  return [heading, ...stretchedSpark(days.map((d) => d.received), width - 4, first, last, 2)]
}

function responseLines(report: Report, width: number): string[] {
  if (report.by !== 'day') return []
  const medians = report.groups.map((g) => g.firstResponse.medianMs ?? 0)
  const max = Math.max(0, ...medians)
  const slowest = report.groups.find((g) => (g.firstResponse.medianMs ?? 0) === max && max > 0)
  const heading = `First response, median per day${slowest?.key ? ` (slowest ${dayName(slowest.key)}: ${spanLabel(max)})` : ''}`
  const first = report.groups[0]?.key ? dayName(report.groups[0].key) : ''
  const last = report.groups.at(-1)?.key ? dayName(report.groups.at(-1)!.key!) : ''
  return [heading, ...stretchedSpark(medians, width - 4, first, last, 2)]
}

function hourLines(report: Report, width: number): string[] {
  const hours = report.volume.byHour
  const top = hours
    .map((n, hour) => ({ n, hour }))
    .filter((h) => h.n > 0)
    .sort((a, b) => b.n - a.n || a.hour - b.hour)
    .slice(0, 3)
    .map((h) => `${String(h.hour).padStart(2, '0')}:00 ${h.n}`)
  const heading = `Busiest hours${top.length > 0 ? ` (${top.join(', ')})` : ''}`
  return [heading, ...stretchedSpark(hours, width - 4, '00', '23', 2)]
}

/** The screen's lines for `report` (null: not loaded), `status` saying why when there is none. */
export function reportScreenLines(report: Report | null, status: string | null, width: number, height: number): ScreenLine[] {
  const lines: ScreenLine[] = []
  const push = (texts: readonly string[], isHeading = false): void => {
    texts.forEach((text, i) => lines.push({ text: fit(text, width), isHeading: isHeading && i === 0 }))
  }
  if (status !== null) push(wrapText(status, width))
  if (report !== null) {
    push(summaryLines(report.totals))
    const hours = hourLines(report, width)
    const responses = responseLines(report, width)
    const volume = volumeLines(report, width, height - lines.length - hours.length - responses.length)
    const sections = [volume, responses, hours].filter((section) => section.length > 0)
    // A blank line before each section while there is room for it.
    let blanks = height - lines.length - sections.reduce((n, section) => n + section.length, 0)
    for (const section of sections) {
      if (blanks-- > 0) push([''])
      push(section, true)
    }
  }
  while (lines.length < height) lines.push({ text: ' '.repeat(width), isHeading: false })
  return lines.slice(0, height)
}
