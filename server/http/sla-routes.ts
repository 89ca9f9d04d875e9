/** SLA endpoints (docs/design.md, "SLA"): an inbox's policy, and the breaches recorded. */
import { parseSlaPolicyBody, type InboxSla } from '../../core/http-contract/sla-contract.js'
import type { Inbox } from '../../core/inbox.js'
import type { SlaService } from '../sla/sla-service.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

function inboxSla(inbox: Inbox): InboxSla {
  return { inbox: inbox.id, name: inbox.name, sla: inbox.sla ?? null }
}

export function addSlaRoutes(router: Router, api: ApiTools, sla: SlaService | undefined): void {
  const admin = api.deps.admin.sla

  router.add('GET', '/api/v1/inboxes/:ref/sla', async (ctx) => {
    await api.user(ctx)
    return json(inboxSla(admin.show(ctx.params.ref!)))
  })

  router.add('PUT', '/api/v1/inboxes/:ref/sla', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(inboxSla(await admin.set(actor, ctx.params.ref!, parseSlaPolicyBody(await api.json(ctx)))))
  })

  router.add('DELETE', '/api/v1/inboxes/:ref/sla', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(inboxSla(await admin.set(actor, ctx.params.ref!, null)))
  })

  if (sla)
    router.add('GET', '/api/v1/sla/breaches', async (ctx) => {
      const inbox = ctx.url.searchParams.get('inbox')
      return json(await sla.list(await api.user(ctx), inbox === null || inbox === '' ? null : inbox))
    })
}
