/**
 * A small router over `node:http`: `METHOD /path/:param` patterns, handlers
 * that return a reply (JSON or text) or throw a HuddleError.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export type Reply =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | {
      readonly kind: 'text'
      readonly status: number
      readonly contentType: string
      readonly body: string
      /** Further headers (a page's Content-Security-Policy, caching of static files). */
      readonly headers?: Readonly<Record<string, string>>
    }
  /** The handler writes the response itself, over time (server-sent events). */
  | { readonly kind: 'stream'; readonly start: (res: ServerResponse) => void }

export type RequestContext = {
  readonly req: IncomingMessage
  readonly url: URL
  readonly params: Readonly<Record<string, string>>
}

export type Handler = (ctx: RequestContext) => Promise<Reply>

export type Match =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Record<string, string> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' }

type Route = { readonly method: string; readonly segments: readonly string[]; readonly handler: Handler }

export function json(body: unknown, status = 200): Reply {
  return { kind: 'json', status, body }
}

export class Router {
  private readonly routes: Route[] = []

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler })
    return this
  }

  match(method: string, pathname: string): Match {
    const parts = pathname.split('/').filter(Boolean)
    const allowed: string[] = []
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts)
      if (params === null) continue
      if (route.method === method) return { kind: 'found', handler: route.handler, params }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' }
  }
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null
  const params: Record<string, string> = {}
  for (const [i, segment] of segments.entries()) {
    const part = parts[i]!
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part)
      } catch {
        return null
      }
    } else if (segment !== part) return null
  }
  return params
}
