/** `/api/v1/routing…`, `/api/v1/inbound` and `/api/v1/outbox`: where messages go, in and out. */
import { HuddleError } from '../../core/errors.js'
import { parseInboundBody, parseRouteTestBody } from '../../core/http-contract/inbound-contract.js'
import { parseRuleInput } from '../../core/http-contract/routing-contract.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addRoutingRoutes(router: Router, api: ApiTools): void {
  const { inbound, outbound } = api.deps
  const { routing } = api.deps.admin

  router.add('GET', '/api/v1/routing', async (ctx) => json(routing.listPolicies(await api.user(ctx))))

  router.add('POST', '/api/v1/routing/rules', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await routing.addRule(actor, parseRuleInput(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/routing/rules', async (ctx) => {
    const actor = await api.admin(ctx)
    const address = ctx.url.searchParams.get('address')
    const positionText = ctx.url.searchParams.get('position')
    const position = positionText === null ? Number.NaN : Number(positionText)
    if (address === null || address.trim() === '' || !Number.isInteger(position))
      throw new HuddleError('invalid', 'Say which rule to remove: `?address=<address>&position=<N>`, with N the rule number from `huddle routing list`.')
    return json(await routing.removeRule(actor, address, position))
  })

  router.add('POST', '/api/v1/routing/test', async (ctx) => {
    const actor = await api.admin(ctx)
    const message = parseRouteTestBody(await api.json(ctx))
    return json(routing.testRoute(actor, message))
  })

  router.add('GET', '/api/v1/routing/unrouted', async (ctx) => {
    await api.admin(ctx)
    return json(await inbound.listUnrouted())
  })

  router.add('POST', '/api/v1/inbound', async (ctx) => {
    await api.admin(ctx)
    const message = parseInboundBody(await api.json(ctx))
    return json(await inbound.receive(message))
  })

  router.add('GET', '/api/v1/outbox', async (ctx) => {
    await api.admin(ctx)
    return json(await outbound.outbox.list())
  })
}
