/**
 * How `huddle report` prints a report: for people, the figures and their
 * charts (block-character bars with the numbers beside them); with `--csv`,
 * one row per group and a total row, every figure a column.
 */
import type { Report, ReportFigures } from '../../core/report.js'
import { localDay } from '../../core/report-period.js'
import { SLA_KINDS, type SlaKind } from '../../core/sla-policy.js'
import { bar, percentLabel, spanLabel } from '../charts.js'
import { inboxLabel } from './conversation-output.js'

const BAR_WIDTH = 30

const TARGET_NAMES: Readonly<Record<SlaKind, string>> = { 'first-response': 'first response', 'next-response': 'next response', resolution: 'resolution' }

/** The figures as labelled lines. */
function figureLines(figures: ReportFigures): string[] {
  const lines = [
    `Received   ${figures.received}`,
    `Replied    ${figures.replied}   first response: median ${spanLabel(figures.firstResponse.medianMs)}, 90th percentile ${spanLabel(figures.firstResponse.p90Ms)}`,
    `Archived   ${figures.archived}   resolution: median ${spanLabel(figures.resolution.medianMs)}, 90th percentile ${spanLabel(figures.resolution.p90Ms)}`,
  ]
  for (const sla of figures.sla)
    lines.push(`SLA ${TARGET_NAMES[sla.kind]}: ${percentLabel(sla.metPercent)} met (${sla.met} met, ${sla.breached} breached, ${sla.pending} pending)`)
  return lines
}

/** Labelled bars, the count after each. */
function barLines(rows: ReadonlyArray<readonly [string, number]>): string[] {
  const max = Math.max(0, ...rows.map(([, n]) => n))
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, n]) => `  ${label.padEnd(width)}  ${bar(n, max, BAR_WIDTH).padEnd(BAR_WIDTH)}  ${n}`.trimEnd())
}

/** The whole report for people. */
export function reportText(report: Report): string {
  const last = localDay(report.until - 1, report.zone)
  const lines = [
    `Report: ${report.inboxes.map(inboxLabel).join(', ') || 'no inboxes'} · ${localDay(report.since, report.zone)} to ${last} (${report.zone})`,
    '',
    ...figureLines(report.totals),
    '',
    'Received by day',
    ...barLines(report.volume.byDay.map((d) => [d.day, d.received] as const)),
    '',
    'Received by hour of day',
    ...barLines(report.volume.byHour.map((n, hour) => [`${String(hour).padStart(2, '0')}:00`, n] as const)),
  ]
  if (report.by !== null) {
    lines.push('', `By ${report.by}`)
    for (const group of report.groups) lines.push('', `${group.key ?? `(no ${report.by})`}`, ...figureLines(group).map((l) => `  ${l}`))
  }
  return `${lines.join('\n')}\n`
}

function csvCell(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The CSV's columns: the group, the counts, the durations in ms, then per SLA target its counts and met %. */
function csvHeader(kinds: readonly SlaKind[]): string[] {
  const sla = kinds.flatMap((k) => {
    const name = k.replace('-', '_')
    return [`sla_${name}_met`, `sla_${name}_breached`, `sla_${name}_pending`, `sla_${name}_met_percent`]
  })
  return [
    'group',
    'key',
    'received',
    'replied',
    'archived',
    'first_response_count',
    'first_response_median_ms',
    'first_response_p90_ms',
    'resolution_count',
    'resolution_median_ms',
    'resolution_p90_ms',
    ...sla,
  ]
}

function csvRow(group: string, key: string | null, figures: ReportFigures, kinds: readonly SlaKind[]): Array<string | number | null> {
  const sla = kinds.flatMap((kind) => {
    const figure = figures.sla.find((s) => s.kind === kind)
    return figure === undefined ? [0, 0, 0, null] : [figure.met, figure.breached, figure.pending, figure.metPercent]
  })
  const { firstResponse: fr, resolution: rs } = figures
  return [group, key, figures.received, figures.replied, figures.archived, fr.count, fr.medianMs, fr.p90Ms, rs.count, rs.medianMs, rs.p90Ms, ...sla]
}

/** The report as CSV (RFC 4180, CRLF line ends): a row per group of `--by`, then the total (group `total`). */
export function reportCsv(report: Report): string {
  const kinds = SLA_KINDS.filter((k) => report.totals.sla.some((s) => s.kind === k))
  const rows = [
    csvHeader(kinds),
    ...report.groups.map((g) => csvRow(report.by!, g.key, g, kinds)),
    csvRow('total', null, report.totals, kinds),
  ]
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
