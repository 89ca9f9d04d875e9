/** What the keys do on the reports screen: open it, switch between the last 7 and 30 days, go back. */
import { REPORT_DAYS, type ReportDays } from './dashboard-state.js'
import type { Action } from './key-table.js'
import type { Controller } from './controller.js'

/** Opens the reports screen on the current inbox, over the last 7 days. */
export function openReports(c: Controller): void {
  if (c.inbox === null) return c.dispatch({ type: 'flash', flash: { text: 'No inbox to report on yet.', tone: 'error' } })
  c.dispatch({ type: 'overlay', overlay: { kind: 'reports', days: REPORT_DAYS[0] } })
}

function otherPeriod(days: ReportDays): ReportDays {
  return REPORT_DAYS[(REPORT_DAYS.indexOf(days) + 1) % REPORT_DAYS.length]!
}

export function reportsAction(c: Controller, action: Action): void {
  if (c.state.overlay?.kind !== 'reports') return
  switch (action) {
    case 'report-period':
      return c.dispatch({ type: 'overlay', overlay: { kind: 'reports', days: otherPeriod(c.state.overlay.days) } })
    case 'back':
      return c.dispatch({ type: 'overlay', overlay: null })
    case 'quit':
      return c.quit()
    default:
      return
  }
}
