/** `GET /api/v1/reports`: the figures of a period over what the asker may report on (docs/design.md, "Reports"). */
import { REPORT_FIELDS } from '../../core/http-contract/report-contract.js'
import { parseReportRequest, type ReportInput } from '../../core/report-query.js'
import type { ReportService } from '../reports/report-service.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addReportRoutes(router: Router, api: ApiTools, reports: ReportService): void {
  router.add('GET', '/api/v1/reports', async (ctx) => {
    const user = await api.user(ctx)
    const input: { -readonly [K in keyof ReportInput]: string | undefined } = {}
    for (const field of REPORT_FIELDS) input[field] = ctx.url.searchParams.get(field) ?? undefined
    return json(await reports.report(user, parseReportRequest(input)))
  })
}
