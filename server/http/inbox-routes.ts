/** `/api/v1/inboxes…`: shared inboxes and their members. */
import { HuddleError } from '../../core/errors.js'
import { parseInboxPatch, parseMembersChange, parseNewInbox } from '../../core/http-contract/inbox-contract.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addInboxRoutes(router: Router, api: ApiTools): void {
  const { inboxes } = api.deps.admin

  router.add('GET', '/api/v1/inboxes', async (ctx) => json(inboxes.listInboxes(await api.user(ctx))))

  router.add('POST', '/api/v1/inboxes', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await inboxes.createInbox(actor, parseNewInbox(await api.json(ctx))))
  })

  router.add('GET', '/api/v1/inboxes/:ref', async (ctx) => json(await inboxes.getInbox(await api.user(ctx), ctx.params.ref!)))

  router.add('PATCH', '/api/v1/inboxes/:ref', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await inboxes.editInbox(actor, ctx.params.ref!, parseInboxPatch(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/inboxes/:ref', async (ctx) => {
    const actor = await api.admin(ctx)
    const force = ctx.url.searchParams.get('force')
    if (force !== null && force !== 'true' && force !== 'false')
      throw new HuddleError('invalid', `Query \`force=${force}\` is not valid: use \`force=true\` or leave it out.`)
    return json(await inboxes.deleteInbox(actor, ctx.params.ref!, force === 'true'))
  })

  router.add('GET', '/api/v1/inboxes/:ref/members', async (ctx) => json(inboxes.listMembers(await api.user(ctx), ctx.params.ref!)))

  router.add('POST', '/api/v1/inboxes/:ref/members', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await inboxes.changeMembers(actor, ctx.params.ref!, parseMembersChange(await api.json(ctx))))
  })
}
