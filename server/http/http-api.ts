/**
 * The HTTP API (docs/design.md, "HTTP API"): health, admin endpoints, the
 * inbound JSON endpoint, the outbox and the carrier webhooks, on plain
 * `node:http`. Mount it with `http.createServer(createHttpApi(deps))`; the
 * sync server handles the WebSocket upgrades on the same server.
 *
 * Deps (HttpApiDeps): `access` (DirectoryAccess: tokens, who may), `admin`
 * (AdminServices: users, inboxes, routing, templates, labels), `inbound`
 * (InboundPipeline), `outbound` (OutboundDispatcher), and optionally `chat`
 * (ChatService: the web chat widget and its visitors' endpoints),
 * `webhookSecret`, `publicUrl`, `maxBodyBytes`, `now`, `log`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HuddleError } from '../../core/errors.js'
import { HUDDLE_VERSION, MIN_CLIENT_VERSION, PROTOCOL_VERSION } from '../../core/wire.js'
import { apiTools, type HttpApiDeps } from './api-tools.js'
import { addAvailabilityRoutes } from './availability-routes.js'
import { addHistoryRoutes } from './history-routes.js'
import { addInboxRoutes } from './inbox-routes.js'
import { json, Router, type Reply, type RequestContext } from './router.js'
import { addReportRoutes } from './report-routes.js'
import { addRoutingRoutes } from './routing-routes.js'
import { addSearchRoutes } from './search-routes.js'
import { addSlaRoutes } from './sla-routes.js'
import { addLabelRoutes } from './label-routes.js'
import { addTemplateRoutes } from './template-routes.js'
import { addChatRoutes } from '../chat/chat-routes.js'
import { errorReply, METHOD_NOT_ALLOWED } from './status-codes.js'
import { addUserRoutes } from './user-routes.js'
import { isValidSignature } from './webhook-signature.js'
import { addWebhookRoutes, SIGNATURE_HEADER, signedUrl } from './webhook-routes.js'

export type { HttpApiDeps } from './api-tools.js'

/** A request handler serving the whole HTTP API. */
export function createHttpApi(deps: HttpApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const api = apiTools(deps)
  const router = new Router()

  router.add('GET', '/healthz', async () => {
    const health = { version: HUDDLE_VERSION, protocol: PROTOCOL_VERSION, minClientVersion: MIN_CLIENT_VERSION, time: api.now() }
    if (!deps.cluster) return json({ ok: true, ...health })
    const { isHealthy, ...cluster } = deps.cluster()
    return json({ ok: isHealthy, ...health, cluster }, isHealthy ? 200 : 503)
  })
  addUserRoutes(router, api)
  addInboxRoutes(router, api)
  addRoutingRoutes(router, api)
  addTemplateRoutes(router, api)
  addLabelRoutes(router, api)
  if (deps.chat) addChatRoutes(router, api, deps.chat)
  if (deps.history) addHistoryRoutes(router, api, deps.history)
  if (deps.search) addSearchRoutes(router, api, deps.search)
  if (deps.availability) addAvailabilityRoutes(router, api, deps.availability)
  addSlaRoutes(router, api, deps.sla)
  if (deps.reports) addReportRoutes(router, api, deps.reports)
  addWebhookRoutes(router, api, (ctx, params) => verifyWebhook(deps, ctx, params))

  return (req, res) => {
    void serve(router, deps, req, res)
  }
}

function verifyWebhook(deps: HttpApiDeps, ctx: RequestContext, params: URLSearchParams): void {
  if (deps.webhookSecret === undefined) return
  const received = ctx.req.headers[SIGNATURE_HEADER]
  if (typeof received !== 'string' || received === '')
    throw new HuddleError('forbidden', 'This webhook needs an `X-Twilio-Signature` header signed with the webhook secret; configure the carrier with the same secret.')
  if (!isValidSignature(deps.webhookSecret, signedUrl(ctx, deps.publicUrl), params, received))
    throw new HuddleError(
      'forbidden',
      'The `X-Twilio-Signature` header does not match this request. Check that the carrier uses the same webhook secret and that the public URL the server is configured with is the one the carrier posts to.',
    )
}

async function serve(router: Router, deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = req.method ?? 'GET'
    const match = router.match(method, url.pathname)
    switch (match.kind) {
      case 'found':
        write(res, await match.handler({ req, url, params: match.params }))
        return
      case 'wrong-method':
        res.setHeader('Allow', match.allowed.join(', '))
        write(res, {
          kind: 'json',
          status: METHOD_NOT_ALLOWED,
          body: { error: { code: 'invalid', message: `\`${url.pathname}\` does not take ${method}; use ${match.allowed.join(' or ')}.`, problems: [] } },
        })
        return
      case 'none':
        throw new HuddleError('not-found', `There is no endpoint \`${method} ${url.pathname}\`. The API is listed in docs/design.md under "HTTP API".`)
    }
  } catch (error) {
    const reply = errorReply(error)
    if (reply.isBug) deps.log?.(`${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    if (res.headersSent) {
      res.destroy()
      return
    }
    write(res, { kind: 'json', status: reply.status, body: reply.body })
  }
}

function write(res: ServerResponse, reply: Reply): void {
  if (reply.kind === 'stream') {
    reply.start(res)
    return
  }
  const body = reply.kind === 'json' ? JSON.stringify(reply.body) : reply.body
  res.writeHead(reply.status, {
    'Content-Type': reply.kind === 'json' ? 'application/json; charset=utf-8' : reply.contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(reply.kind === 'text' ? reply.headers : {}),
  })
  res.end(body)
}
