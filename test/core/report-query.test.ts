import { describe, expect, it } from 'vitest'
import { resolvePeriod } from '../../core/report-period.js'
import { parseReportRequest } from '../../core/report-query.js'
import { refusalOf } from '../helpers/core-fixtures.js'

const at = (iso: string): number => Date.parse(iso)

describe('a report request', () => {
  it('defaults to the last 30 days, ungrouped, every inbox', () => {
    expect(parseReportRequest({})).toEqual({ inbox: null, agent: null, label: null, since: { kind: 'days', days: 30 }, until: null, by: null, zone: null })
  })

  it('reads dates, ISO times, the last N days and a grouping', () => {
    expect(parseReportRequest({ inbox: 'Sales', since: '2026-03-01', until: '2026-03-31T17:00:00Z', by: 'agent', zone: 'Europe/Paris' })).toEqual({
      inbox: 'Sales',
      agent: null,
      label: null,
      since: { kind: 'date', date: '2026-03-01' },
      until: { kind: 'instant', at: at('2026-03-31T17:00:00Z') },
      by: 'agent',
      zone: 'Europe/Paris',
    })
    expect(parseReportRequest({ since: '7d' }).since).toEqual({ kind: 'days', days: 7 })
  })

  it('names every bad value at once, with the forms it takes', () => {
    const error = refusalOf(() => parseReportRequest({ since: 'yesterday', until: '2026-02-30', by: 'week', zone: 'Mars/Base' }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toEqual([
      '`yesterday` is not a date or time for `--since`; give a date like `2026-03-01`, an ISO time like `2026-03-01T09:00:00Z`, or the last days like `7d`.',
      '`2026-02-30` is not a date or time for `--until`; give a date like `2026-03-31` (the whole day is included) or an ISO time like `2026-03-31T17:00:00Z`.',
      '`--by week` is not a grouping; group by one of `day`, `hour`, `agent`, `inbox`, `label`.',
      '`Mars/Base` is not an IANA time zone; give one like `Europe/London`.',
    ])
    expect(refusalOf(() => parseReportRequest({ since: '0d' })).message).toContain('give 1d to 366d')
  })
})

describe('the period of a report', () => {
  const now = at('2026-03-31T12:00:00Z')

  it('starts the last 7 days at local midnight six days before today and ends with today, across the change to summer time', () => {
    expect(resolvePeriod({ kind: 'days', days: 7 }, null, 'Europe/London', now)).toEqual({ since: at('2026-03-25T00:00:00Z'), until: at('2026-03-31T23:00:00Z') })
    expect(resolvePeriod({ kind: 'days', days: 1 }, null, 'Europe/London', now)).toEqual({ since: at('2026-03-30T23:00:00Z'), until: at('2026-03-31T23:00:00Z') })
  })

  it('refuses an empty period and one longer than a year', () => {
    expect(refusalOf(() => resolvePeriod({ kind: 'date', date: '2026-04-01' }, { kind: 'date', date: '2026-03-01' }, 'UTC', now)).message).toContain('is empty')
    expect(refusalOf(() => resolvePeriod({ kind: 'date', date: '2024-01-01' }, { kind: 'date', date: '2026-03-01' }, 'UTC', now)).message).toContain('at most 366 days')
  })
})
