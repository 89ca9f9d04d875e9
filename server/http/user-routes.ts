/** `/api/v1/whoami` and `/api/v1/users…`: the organisation's users and their tokens. */
import { parseNewUser, parseUserPatch } from '../../core/http-contract/user-contract.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

export function addUserRoutes(router: Router, api: ApiTools): void {
  const { users } = api.deps.admin

  router.add('GET', '/api/v1/whoami', async (ctx) => json(await api.user(ctx)))

  router.add('GET', '/api/v1/users', async (ctx) => json(users.listUsers(await api.user(ctx))))

  router.add('POST', '/api/v1/users', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await users.addUser(actor, parseNewUser(await api.json(ctx))))
  })

  router.add('PATCH', '/api/v1/users/:id', async (ctx) => {
    const actor = await api.admin(ctx)
    return json(await users.editUser(actor, ctx.params.id!, parseUserPatch(await api.json(ctx))))
  })

  router.add('DELETE', '/api/v1/users/:id', async (ctx) => json(await users.removeUser(await api.admin(ctx), ctx.params.id!)))

  router.add('POST', '/api/v1/users/:id/token', async (ctx) => json(await users.rotateToken(await api.admin(ctx), ctx.params.id!)))
}
