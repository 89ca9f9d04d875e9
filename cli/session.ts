/**
 * Which server a command talks to, and as whom: `--server` / HUDDLE_SERVER and
 * `--token` / HUDDLE_TOKEN, else the saved login. A saved token is only ever
 * sent to the server it was saved for.
 */
import { HuddleError } from '../core/errors.js'
import { createApiClient, type ApiClient } from './api-client.js'
import { loadLogin, type SavedLogin } from './config.js'
import type { FlagSpec } from './command.js'
import type { CliIo } from './io.js'

export const DEFAULT_SERVER = 'http://127.0.0.1:8787'

/** The flags of every command that calls the server. */
export const CONNECTION_FLAGS = {
  server: { type: 'string', check: serverUrlProblem },
  token: { type: 'string' },
} as const satisfies Record<string, FlagSpec>

/** Their part of `--help`. */
export const CONNECTION_HELP = `Connection
  --server URL     The huddle server (default: $HUDDLE_SERVER, else your saved login, else ${DEFAULT_SERVER})
  --token TOKEN    Your token (default: $HUDDLE_TOKEN, else your saved login)`

/** A problem with a server URL, or undefined when it is fine. */
export function serverUrlProblem(value: string | number): string | undefined {
  const text = String(value)
  try {
    const url = new URL(text)
    if (url.protocol === 'http:' || url.protocol === 'https:') return undefined
  } catch {
    // Reported below.
  }
  return `The server \`${text}\` is not an http(s) URL; give it like \`--server ${DEFAULT_SERVER}\`.`
}

/** Trailing slashes dropped, so the same server is always written the same way. */
export function normaliseServer(url: string): string {
  return url.trim().replace(/\/+$/, '')
}

function fromEnv(io: CliIo, name: string): string | undefined {
  const value = io.env[name]?.trim()
  return value ? value : undefined
}

export type Connection = { readonly server: string; readonly token: string }

/** Resolves the server and token to use, or refuses (exit 4) with how to log in. */
export function resolveConnection(flags: { server?: string | undefined; token?: string | undefined }, io: CliIo, saved: SavedLogin | null): Connection {
  const envServer = fromEnv(io, 'HUDDLE_SERVER')
  if (flags.server === undefined && envServer !== undefined) {
    const problem = serverUrlProblem(envServer)
    if (problem) throw new HuddleError('invalid', `HUDDLE_SERVER is not valid. ${problem}`)
  }
  const server = normaliseServer(flags.server ?? envServer ?? saved?.server ?? DEFAULT_SERVER)
  const savedToken = saved && normaliseServer(saved.server) === server ? saved.token : undefined
  const token = flags.token ?? fromEnv(io, 'HUDDLE_TOKEN') ?? savedToken
  if (token === undefined) {
    const how = `Log in with \`huddle login --server ${server} --token TOKEN\`, or pass \`--token\` or set HUDDLE_TOKEN.`
    throw new HuddleError(
      'unauthenticated',
      saved ? `You are logged in to ${saved.server}, not to ${server}. ${how}` : `You are not logged in to ${server}. ${how}`,
    )
  }
  return { server, token }
}

/** A client for the server and token this command resolves to. */
export async function connect(flags: { server?: string | undefined; token?: string | undefined }, io: CliIo): Promise<ApiClient> {
  const needsSaved = flags.token === undefined && fromEnv(io, 'HUDDLE_TOKEN') === undefined
  const saved = needsSaved || (flags.server === undefined && fromEnv(io, 'HUDDLE_SERVER') === undefined) ? await loadLogin(io.env) : null
  return createApiClient({ ...resolveConnection(flags, io, saved), fetch: io.fetch })
}
