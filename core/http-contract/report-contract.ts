/**
 * The HTTP contract of `GET /api/v1/reports` (docs/design.md, "Reports"): the
 * query fields it takes, and the report it answers, read back by the CLI and
 * the dashboard.
 */
import type { DurationFigures, Report, ReportFigures, ReportGroupRow, SlaFigure } from '../report.js'
import { REPORT_GROUPS, type ReportGroup, type ReportInput } from '../report-query.js'
import { SLA_KINDS, type SlaKind } from '../sla-policy.js'
import { answerFields, answerList, answerNumber, answerText, misunderstood, type AnswerFields } from './answer-fields.js'

/** The query-string fields of the endpoint, in the order they are documented. */
export const REPORT_FIELDS = ['inbox', 'agent', 'label', 'since', 'until', 'by', 'zone'] as const satisfies ReadonlyArray<keyof ReportInput>

const WHAT = 'report'

function nullableNumber(record: AnswerFields, key: string): number | null {
  return record[key] === null ? null : answerNumber(record, key, WHAT)
}

function readDurations(value: unknown): DurationFigures {
  const r = answerFields(value, WHAT)
  return { count: answerNumber(r, 'count', WHAT), medianMs: nullableNumber(r, 'medianMs'), p90Ms: nullableNumber(r, 'p90Ms') }
}

function readSla(value: unknown): SlaFigure {
  const r = answerFields(value, WHAT)
  const kind = answerText(r, 'kind', WHAT)
  if (!(SLA_KINDS as readonly string[]).includes(kind)) throw misunderstood(WHAT, `SLA target \`${kind}\` is not one it knows`)
  return {
    kind: kind as SlaKind,
    met: answerNumber(r, 'met', WHAT),
    breached: answerNumber(r, 'breached', WHAT),
    pending: answerNumber(r, 'pending', WHAT),
    metPercent: nullableNumber(r, 'metPercent'),
  }
}

function readFigures(r: AnswerFields): ReportFigures {
  return {
    received: answerNumber(r, 'received', WHAT),
    replied: answerNumber(r, 'replied', WHAT),
    archived: answerNumber(r, 'archived', WHAT),
    firstResponse: readDurations(r.firstResponse),
    resolution: readDurations(r.resolution),
    sla: answerList(r.sla, WHAT).map(readSla),
  }
}

function readGroup(value: unknown): ReportGroupRow {
  const r = answerFields(value, WHAT)
  return { key: r.key === null ? null : answerText(r, 'key', WHAT), ...readFigures(r) }
}

function readBy(value: unknown): ReportGroup | null {
  if (value === null) return null
  if (typeof value !== 'string' || !(REPORT_GROUPS as readonly string[]).includes(value)) throw misunderstood(WHAT, `grouping \`${String(value)}\` is not one it knows`)
  return value as ReportGroup
}

/** The answer of `GET /api/v1/reports`. */
export function readReport(value: unknown): Report {
  const r = answerFields(value, WHAT)
  const volume = answerFields(r.volume, WHAT)
  return {
    since: answerNumber(r, 'since', WHAT),
    until: answerNumber(r, 'until', WHAT),
    zone: answerText(r, 'zone', WHAT),
    inboxes: answerList(r.inboxes, WHAT).map((v) => {
      if (typeof v !== 'string') throw misunderstood(WHAT, '`inboxes` holds something that is not text')
      return v
    }),
    by: readBy(r.by),
    totals: readFigures(answerFields(r.totals, WHAT)),
    volume: {
      byDay: answerList(volume.byDay, WHAT).map((v) => {
        const day = answerFields(v, WHAT)
        return { day: answerText(day, 'day', WHAT), received: answerNumber(day, 'received', WHAT) }
      }),
      byHour: answerList(volume.byHour, WHAT).map((v) => {
        if (typeof v !== 'number') throw misunderstood(WHAT, '`byHour` holds something that is not a number')
        return v
      }),
    },
    groups: answerList(r.groups, WHAT).map(readGroup),
  }
}
