/** `/api/v1/whoami` and `/api/v1/users…`: the organisation's users and their tokens. */
import { assertNoProblems } from '../../core/errors.js'
import type { ApiTools } from './api-tools.js'
import { fieldsOf, stringListProblems } from './body-fields.js'
import { json, type Router } from './router.js'

export function addUserRoutes(router: Router, api: ApiTools): void {
  const { directory } = api.deps

  router.add('GET', '/api/v1/whoami', async (ctx) => json(await api.user(ctx)))

  router.add('GET', '/api/v1/users', async (ctx) => json(directory.listUsers(await api.admin(ctx))))

  router.add('POST', '/api/v1/users', async (ctx) => {
    const actor = await api.admin(ctx)
    const body = fieldsOf(await api.json(ctx), ['id', 'name', 'permission', 'licences'])
    assertNoProblems(stringListProblems(body.licences, 'licences'), 'The user is not valid:')
    const input = {
      id: body.id,
      name: body.name,
      ...(body.permission === undefined ? {} : { permission: body.permission }),
      ...(body.licences === undefined ? {} : { licences: body.licences as unknown[] }),
    }
    return json(await directory.addUser(actor, input))
  })

  router.add('PATCH', '/api/v1/users/:id', async (ctx) => {
    const actor = await api.admin(ctx)
    const body = fieldsOf(await api.json(ctx), ['name', 'permission', 'licences'])
    assertNoProblems(stringListProblems(body.licences, 'licences'), 'The change is not valid:')
    const patch = {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.permission === undefined ? {} : { permission: body.permission }),
      ...(body.licences === undefined ? {} : { licences: body.licences as unknown[] }),
    }
    return json(await directory.editUser(actor, ctx.params.id!, patch))
  })

  router.add('DELETE', '/api/v1/users/:id', async (ctx) => json(await directory.removeUser(await api.admin(ctx), ctx.params.id!)))

  router.add('POST', '/api/v1/users/:id/token', async (ctx) => json(await directory.rotateToken(await api.admin(ctx), ctx.params.id!)))
}
