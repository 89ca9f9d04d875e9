/** `/api/v1/templates…`: the organisation's message templates (settings admins change them; every licensed user reads them). */
import { parseNewTemplate, parseTemplatePatch } from '../../core/http-contract/template-contract.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addTemplateRoutes(router: Router, api: ApiTools): void {
  const { templates } = api.deps.admin

  router.add('GET', '/api/v1/templates', async (ctx) => json(templates.listTemplates(await api.user(ctx))))

  router.add('POST', '/api/v1/templates', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await templates.addTemplate(actor, parseNewTemplate(await api.json(ctx))))
  })

  router.add('PATCH', '/api/v1/templates/:name', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await templates.editTemplate(actor, ctx.params.name!, parseTemplatePatch(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/templates/:name', async (ctx) => json(await templates.removeTemplate(await api.admin(ctx), ctx.params.name!)))
}
