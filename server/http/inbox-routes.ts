/** `/api/v1/inboxes…`: shared inboxes and their members. */
import { HuddleError } from '../../core/errors.js'
import { parseInboxPatch, parseMembersChange, parseNewInbox } from '../../core/http-contract/inbox-contract.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addInboxRoutes(router: Router, api: ApiTools): void {
  const { directory } = api.deps

  router.add('GET', '/api/v1/inboxes', async (ctx) => json(directory.listInboxes(await api.user(ctx))))

  router.add('POST', '/api/v1/inboxes', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await directory.createInbox(actor, parseNewInbox(await api.json(ctx))))
  })

  router.add('GET', '/api/v1/inboxes/:ref', async (ctx) => json(await directory.getInbox(await api.user(ctx), ctx.params.ref!)))

  router.add('PATCH', '/api/v1/inboxes/:ref', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await directory.editInbox(actor, ctx.params.ref!, parseInboxPatch(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/inboxes/:ref', async (ctx) => {
    const actor = await api.admin(ctx)
    const force = ctx.url.searchParams.get('force')
    if (force !== null && force !== 'true' && force !== 'false')
      throw new HuddleError('invalid', `Query \`force=${force}\` is not valid: use \`force=true\` or leave it out.`)
    return json(await directory.deleteInbox(actor, ctx.params.ref!, force === 'true'))
  })

  router.add('GET', '/api/v1/inboxes/:ref/members', async (ctx) => json(directory.listMembers(await api.user(ctx), ctx.params.ref!)))

  router.add('POST', '/api/v1/inboxes/:ref/members', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await directory.changeMembers(actor, ctx.params.ref!, parseMembersChange(await api.json(ctx))))
  })
}
