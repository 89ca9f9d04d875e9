/**
 * The report the reports screen shows: asked of the server (through the
 * dashboard source) when the screen opens and whenever its inbox or period
 * changes; only the answer to the latest question is kept, and an answer is
 * shown only for the question it answers, so a frame never pairs one
 * period's title with another's figures.
 */
import { useEffect, useState } from 'react'
import type { Report } from '../../../core/report.js'
import type { DashboardSource } from '../dashboard-source.js'

export type ReportState = {
  /** The report for this inbox and period (null: none yet). */
  readonly report: Report | null
  /** Why there is no report (loading, or the server's refusal), or null. */
  readonly status: string | null
}

type Answer = ReportState & { readonly question: string }

const loading = (days: number): ReportState => ({ report: null, status: `Loading the report for the last ${days} days…` })

export function useReport(source: DashboardSource, inbox: string | null, days: number | null): ReportState {
  const question = inbox === null || days === null ? null : `${inbox} ${days}`
  const [answer, setAnswer] = useState<Answer | null>(null)
  useEffect(() => {
    // Closed: the next opening asks afresh rather than show old figures.
    if (inbox === null || days === null || question === null) return setAnswer(null)
    let isCurrent = true
    source.report(inbox, days).then(
      (report) => isCurrent && setAnswer({ question, report, status: null }),
      (error: unknown) => isCurrent && setAnswer({ question, report: null, status: `Reports come from the server: ${error instanceof Error ? error.message : String(error)}` }),
    )
    return () => {
      isCurrent = false
    }
  }, [source, inbox, days])
  if (question === null || days === null) return { report: null, status: null }
  return answer?.question === question ? answer : loading(days)
}
