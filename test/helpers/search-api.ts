/** Calls `GET /api/v1/search` of a test server as a user, and waits on its answers. */
import type { TestServer } from './client-server.js'

export type SearchAnswer = { readonly status: number; readonly body: any }

export async function searchAs(server: TestServer, token: string, params: Readonly<Record<string, string>>): Promise<SearchAnswer> {
  const response = await fetch(`${server.url}/api/v1/search?${new URLSearchParams(params).toString()}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, body: await response.json() }
}

/** Searches until `check` accepts the answer (an index follows changes a moment later), failing after `timeoutMs`. */
export async function searchUntil(
  server: TestServer,
  token: string,
  params: Readonly<Record<string, string>>,
  check: (answer: SearchAnswer) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<SearchAnswer> {
  const started = Date.now()
  for (;;) {
    const answer = await searchAs(server, token, params)
    if (check(answer)) return answer
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting until ${what}; last answer: ${JSON.stringify(answer.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
