/** `/api/v1/templates…`: the organisation's message templates (settings). */
import type { ApiTools } from './api-tools.js'
import { fieldsOf } from './body-fields.js'
import { json, type Router } from './router.js'

export function addTemplateRoutes(router: Router, api: ApiTools): void {
  const { directory } = api.deps

  router.add('GET', '/api/v1/templates', async (ctx) => json(directory.listTemplates(await api.admin(ctx))))

  router.add('POST', '/api/v1/templates', async (ctx) => {
    const actor = await api.admin(ctx)
    const body = fieldsOf(await api.json(ctx), ['name', 'channel', 'body', 'kind'])
    return json(await directory.addTemplate(actor, { name: body.name, channel: body.channel, body: body.body, ...(body.kind === undefined ? {} : { kind: body.kind }) }))
  })

  router.add('PATCH', '/api/v1/templates/:name', async (ctx) => {
    const actor = await api.admin(ctx)
    const body = fieldsOf(await api.json(ctx), ['channel', 'body', 'kind'])
    const patch = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
    return json(await directory.editTemplate(actor, ctx.params.name!, patch))
  })

  router.add('DELETE', '/api/v1/templates/:name', async (ctx) => json(await directory.removeTemplate(await api.admin(ctx), ctx.params.name!)))
}
