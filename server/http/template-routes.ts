/** `/api/v1/templates…`: the organisation's message templates (settings admins change them; every licensed user reads them). */
import { parseNewTemplate, parseTemplatePatch } from '../../core/http-contract/template-contract.js'
import { authorize } from '../../core/permissions.js'
import { listTemplates } from '../../core/template-settings.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addTemplateRoutes(router: Router, api: ApiTools): void {
  const { directory } = api.deps

  router.add('GET', '/api/v1/templates', async (ctx) => {
    authorize(await api.user(ctx), { kind: 'read-templates' })
    return json(listTemplates({ templates: directory.templates() }))
  })

  router.add('POST', '/api/v1/templates', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await directory.addTemplate(actor, parseNewTemplate(await api.json(ctx))))
  })

  router.add('PATCH', '/api/v1/templates/:name', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await directory.editTemplate(actor, ctx.params.name!, parseTemplatePatch(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/templates/:name', async (ctx) => json(await directory.removeTemplate(await api.admin(ctx), ctx.params.name!)))
}
