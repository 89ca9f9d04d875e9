/**
 * The report the reports screen shows: asked of the server (through the
 * dashboard source) when the screen opens and whenever its inbox or period
 * changes; only the answer to the latest question is kept.
 */
import { useEffect, useState } from 'react'
import type { Report } from '../../../core/report.js'
import type { DashboardSource } from '../dashboard-source.js'

export type ReportState = {
  /** The last report received for this inbox and period (null: none yet). */
  readonly report: Report | null
  /** Why there is no current report (loading, or the server's refusal), or null. */
  readonly status: string | null
}

const CLOSED: ReportState = { report: null, status: null }

export function useReport(source: DashboardSource, inbox: string | null, days: number | null): ReportState {
  const [state, setState] = useState<ReportState>(CLOSED)
  useEffect(() => {
    if (inbox === null || days === null) {
      setState(CLOSED)
      return
    }
    let isCurrent = true
    setState({ report: null, status: `Loading the report for the last ${days} days…` })
    source.report(inbox, days).then(
      (report) => isCurrent && setState({ report, status: null }),
      (error: unknown) => isCurrent && setState({ report: null, status: `Reports come from the server: ${error instanceof Error ? error.message : String(error)}` }),
    )
    return () => {
      isCurrent = false
    }
  }, [source, inbox, days])
  return state
}
