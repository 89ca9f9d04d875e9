/** What every route module of the HTTP API is given: its deps, and authentication and body reading. */
import type { SlaService } from '../sla/sla-service.js'
import { HuddleError } from '../../core/errors.js'
import type { PlainValue } from '../../core/plain-value.js'
import type { User } from '../../core/users.js'
import type { ClusterHealth } from '../cluster/cluster-storage.js'
import type { AvailabilityService } from '../availability/availability-service.js'
import type { ChatService } from '../chat/chat-service.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import type { AdminServices } from '../directory/directory-admin.js'
import type { InboundPipeline } from '../inbound/inbound-pipeline.js'
import type { HistoryRoutesDeps } from './history-routes.js'
import type { OutboundDispatcher } from '../outbound/outbound-dispatcher.js'
import type { ReportService } from '../reports/report-service.js'
import type { SearchService } from '../search/search-service.js'
import { MAX_BODY_BYTES, readForm, readJson } from './request-body.js'
import type { RequestContext } from './router.js'

export type HttpApiDeps = {
  /** Who holds a token and what they may do. */
  readonly access: DirectoryAccess
  /** The admin endpoints' services, one per kind of setting. */
  readonly admin: AdminServices
  readonly inbound: InboundPipeline
  readonly outbound: OutboundDispatcher
  /** The web chat channel; its widget and visitor endpoints are served when given. */
  readonly chat?: ChatService
  /** Conversations in history; their endpoints are served when given. */
  readonly history?: HistoryRoutesDeps
  /** Full-text search; `GET /api/v1/search` is served when given. */
  readonly search?: SearchService
  /** Users' availability; `/api/v1/availability…` is served when given. */
  readonly availability?: AvailabilityService
  /** SLA breaches; `GET /api/v1/sla/breaches` is served when given. */
  readonly sla?: SlaService
  /** Reports; `GET /api/v1/reports` is served when given. */
  readonly reports?: ReportService
  /** In cluster mode, this node's view of the cluster, reported by `/healthz` (503 when Redis or the log reader fails). */
  readonly cluster?: () => ClusterHealth
  /** HMAC secret of carrier webhooks; signatures are not checked when absent. */
  readonly webhookSecret?: string
  /** Public base URL the carrier signs against; `http://<Host header>` when absent. */
  readonly publicUrl?: string
  /** Largest request body accepted, in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number
  readonly now?: () => number
  /** Where unexpected failures are reported (never with tokens). */
  readonly log?: (line: string) => void
}

export type ApiTools = {
  readonly deps: HttpApiDeps
  readonly now: () => number
  /** The user holding the request's bearer token; throws `unauthenticated`. */
  user(ctx: RequestContext): Promise<User>
  /** Like `user`, and throws `forbidden` unless they may change settings. */
  admin(ctx: RequestContext): Promise<User>
  /** The body as plain JSON data, for a parser of core/http-contract/. */
  json(ctx: RequestContext): Promise<PlainValue>
  form(ctx: RequestContext): Promise<URLSearchParams>
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

export function apiTools(deps: HttpApiDeps): ApiTools {
  const limit = deps.maxBodyBytes ?? MAX_BODY_BYTES
  const user = async (ctx: RequestContext): Promise<User> => {
    const header = ctx.req.headers.authorization
    if (header === undefined || header.trim() === '')
      throw new HuddleError('unauthenticated', 'This request needs a token: send the header `Authorization: Bearer <token>`. An admin can issue one with `huddle user token <id>`.')
    const match = BEARER.exec(header)
    if (!match) throw new HuddleError('unauthenticated', 'The Authorization header is malformed: send `Authorization: Bearer <token>`.')
    const found = await deps.access.authenticate(match[1]!)
    if (!found)
      throw new HuddleError('unauthenticated', 'The token sent is not valid: it is unknown or was replaced. Ask an admin for a new one with `huddle user token <id>`.')
    return found
  }
  return {
    deps,
    now: deps.now ?? Date.now,
    user,
    admin: async (ctx) => {
      const found = await user(ctx)
      deps.access.assertAdmin(found)
      return found
    },
    json: (ctx) => readJson(ctx.req, limit),
    form: (ctx) => readForm(ctx.req, limit),
  }
}
