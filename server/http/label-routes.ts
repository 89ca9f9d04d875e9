/** `/api/v1/labels…`: the organisation's labels (settings admins change them; every user reads them). `:label` is a name or an id. */
import { parseLabelPatch, parseNewLabel } from '../../core/http-contract/label-contract.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addLabelRoutes(router: Router, api: ApiTools): void {
  const { labels } = api.deps.admin

  router.add('GET', '/api/v1/labels', async (ctx) => json(labels.listLabels(await api.user(ctx))))

  router.add('POST', '/api/v1/labels', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await labels.addLabel(actor, parseNewLabel(await api.json(ctx))))
  })

  router.add('PATCH', '/api/v1/labels/:label', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await labels.editLabel(actor, ctx.params.label!, parseLabelPatch(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/labels/:label', async (ctx) => json(await labels.removeLabel(await api.admin(ctx), ctx.params.label!)))
}
