/**
 * A report request as a domain value (docs/design.md, "Reports"), parsed once
 * at the edge (HTTP query string, CLI flags) with every problem reported
 * together. Bounds stay as written until the report's zone is known
 * (core/report-period.ts resolves them).
 */
import { isTimeZone } from './business-hours.js'
import { assertNoProblems } from './errors.js'
import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS, type ReportBound, type ReportEnd } from './report-period.js'

export const REPORT_GROUPS = ['day', 'hour', 'agent', 'inbox', 'label'] as const
export type ReportGroup = (typeof REPORT_GROUPS)[number]

export type ReportRequest = {
  /** An inbox as people name it (id or name, or `@user` for a personal inbox); null: every inbox the asker may report on. */
  readonly inbox: string | null
  /** Only conversations held by this user. */
  readonly agent: string | null
  /** Only conversations carrying this label id. */
  readonly label: string | null
  readonly since: ReportBound
  readonly until: ReportEnd | null
  readonly by: ReportGroup | null
  /** The asker's zone, for days and hours when the report's inbox has no business hours. */
  readonly zone: string | null
}

/** The raw fields of a request, as strings (absent: undefined). */
export type ReportInput = { readonly [K in 'inbox' | 'agent' | 'label' | 'since' | 'until' | 'by' | 'zone']?: string | undefined }

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const DAYS = /^(\d{1,3})d$/

function isRealDate(text: string): boolean {
  const at = Date.parse(`${text}T00:00:00Z`)
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text
}

/** A bound as written, or a problem sentence. */
function parseBound(value: string, name: 'since' | 'until'): ReportBound | string {
  if (DATE_ONLY.test(value) && isRealDate(value)) return { kind: 'date', date: value }
  if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { kind: 'instant', at: Date.parse(value) }
  const days = DAYS.exec(value)
  if (name === 'since' && days) {
    const n = Number(days[1])
    if (n >= 1 && n <= MAX_REPORT_DAYS) return { kind: 'days', days: n }
    return `\`--since ${value}\` asks for ${n} days; give 1d to ${MAX_REPORT_DAYS}d.`
  }
  const forms = name === 'since' ? 'a date like `2026-03-01`, an ISO time like `2026-03-01T09:00:00Z`, or the last days like `7d`' : 'a date like `2026-03-31` (the whole day is included) or an ISO time like `2026-03-31T17:00:00Z`'
  return `\`${value}\` is not a date or time for \`--${name}\`; give ${forms}.`
}

const given = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value)

/** Parses a report request, or throws one `invalid` error naming every bad value and how to fix it. */
export function parseReportRequest(input: ReportInput): ReportRequest {
  const problems: string[] = []
  let since: ReportBound = { kind: 'days', days: DEFAULT_REPORT_DAYS }
  let until: ReportEnd | null = null
  const sinceText = given(input.since)
  if (sinceText !== null) {
    const bound = parseBound(sinceText, 'since')
    if (typeof bound === 'string') problems.push(bound)
    else since = bound
  }
  const untilText = given(input.until)
  if (untilText !== null) {
    const bound = parseBound(untilText, 'until')
    if (typeof bound === 'string') problems.push(bound)
    else if (bound.kind !== 'days') until = bound
  }
  const byText = given(input.by)
  const by = byText === null ? null : (REPORT_GROUPS as readonly string[]).includes(byText) ? (byText as ReportGroup) : undefined
  if (by === undefined) problems.push(`\`--by ${byText}\` is not a grouping; group by one of ${REPORT_GROUPS.map((g) => `\`${g}\``).join(', ')}.`)
  const zone = given(input.zone)
  if (zone !== null && !isTimeZone(zone)) problems.push(`\`${zone}\` is not an IANA time zone; give one like \`Europe/London\`.`)
  assertNoProblems(problems, 'The report request has problems:')
  return { inbox: given(input.inbox), agent: given(input.agent), label: given(input.label), since, until, by: by ?? null, zone }
}

/** The request as query-string fields, for the CLI and the dashboard to send. */
export function reportSearchParams(fields: ReportInput): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') params.set(key, value)
  return params
}
