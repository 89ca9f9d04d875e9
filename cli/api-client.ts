/**
 * A small client of the huddle HTTP API (see docs/design.md): JSON bodies, a
 * bearer token, and error answers `{"error": {code, message, problems}}`
 * turned back into the HuddleError the server refused with.
 */
import { HuddleError, isErrorCode, type ErrorCode } from '../core/errors.js'

export type ApiClient = {
  readonly server: string
  get(path: string): Promise<unknown>
  post(path: string, body?: unknown): Promise<unknown>
  patch(path: string, body: unknown): Promise<unknown>
  put(path: string, body: unknown): Promise<unknown>
  delete(path: string): Promise<unknown>
}

export const API_PREFIX = '/api/v1'

/** Error codes for answers without a huddle error body, by HTTP status. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'limit',
  426: 'unsupported-version',
  429: 'too-many',
  503: 'unavailable',
}

export function createApiClient(options: { server: string; token: string; fetch: typeof fetch }): ApiClient {
  const server = options.server.replace(/\/+$/, '')
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      response = await options.fetch(`${server}${API_PREFIX}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (error) {
      throw unreachable(server, error)
    }
    const text = await response.text()
    const value = parseJson(text)
    if (!response.ok) throw refusal(server, response, value)
    if (value === undefined)
      throw new HuddleError(
        'unsupported-version',
        `The server at ${server} answered ${method} ${API_PREFIX}${path} with something that is not JSON. Check that --server points at a huddle server.`,
      )
    return value
  }
  return {
    server,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body),
    put: (path, body) => call('PUT', path, body),
    delete: (path) => call('DELETE', path),
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The server's refusal as a HuddleError, or one made from the status when the body is not ours. */
function refusal(server: string, response: Response, body: unknown): HuddleError {
  const error = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined
  if (typeof error === 'object' && error !== null) {
    const { code, message, problems } = error as Record<string, unknown>
    if (isErrorCode(code) && typeof message === 'string') {
      const list = Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : []
      return new HuddleError(code, message, list)
    }
  }
  const code = CODE_OF_STATUS[response.status] ?? (response.status >= 500 ? 'unavailable' : 'invalid')
  return new HuddleError(code, `The server at ${server} answered ${response.status} ${response.statusText}.`.replace(' .', '.'))
}

/** A request that never reached the server: refused, reset, or a name that does not resolve. */
function unreachable(server: string, error: unknown): HuddleError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause)
  return new HuddleError(
    'unavailable',
    `The huddle server at ${server} is not reachable (${detail}). Start one with \`huddle serve\`, or point at another with \`--server URL\` or HUDDLE_SERVER.`,
  )
}
