/** `/api/v1/availability…`: who is available, busy or away, and online (docs/design.md, "Availability"). */
import { parseAvailabilityChange } from '../../core/http-contract/availability-contract.js'
import type { AvailabilityService } from '../availability/availability-service.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addAvailabilityRoutes(router: Router, api: ApiTools, availability: AvailabilityService): void {
  router.add('GET', '/api/v1/availability', async (ctx) => {
    const inbox = ctx.url.searchParams.get('inbox')
    return json(availability.list(await api.user(ctx), inbox === null || inbox === '' ? null : inbox))
  })

  router.add('PUT', '/api/v1/availability/:user', async (ctx) => {
    const actor = await api.user(ctx)
    return json(await availability.set(actor, ctx.params.user!, parseAvailabilityChange(await api.json(ctx))))
  })
}
