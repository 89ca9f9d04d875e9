/** The demo's calls to the server's HTTP API, as the admin; a refusal throws with the server's message. */
import { HuddleError } from '../../core/errors.js'

export type DemoApi = (method: string, path: string, body?: unknown) => Promise<unknown>

export function demoApi(server: string, token: string): DemoApi {
  return async (method, path, body) => {
    const response = await fetch(`${server}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new HuddleError('unavailable', `The demo's call ${method} ${path} failed (${response.status}): ${text}`)
    return text ? (JSON.parse(text) as unknown) : undefined
  }
}
