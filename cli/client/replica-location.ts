/**
 * Where a user's local replica lives: `$HUDDLE_HOME` when set, else
 * `$XDG_DATA_HOME/huddle/<host>_<port>/<user>/` (XDG_DATA_HOME defaulting to
 * `~/.local/share`). The server's folder keeps `users.json`, mapping a hash of
 * each token used (never the token) to its user, so that a client started
 * offline finds its replica.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'

type Env = Readonly<Record<string, string | undefined>>

/** `127.0.0.1_8787` for `http://127.0.0.1:8787`: a folder name for a server. */
export function serverFolderName(server: string): string {
  const url = new URL(server)
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.hostname}_${port}`.replace(/[^a-zA-Z0-9._-]/g, '_')
}

/** The folder holding the replicas of every user of `server` (unused when HUDDLE_HOME is set). */
export function serverDataFolder(env: Env, server: string): string {
  const xdg = env.XDG_DATA_HOME
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'share')
  return join(base, 'huddle', serverFolderName(server))
}

/** The replica folder of `user` on `server`. */
export function replicaFolder(env: Env, server: string, user: string): string {
  const home = env.HUDDLE_HOME?.trim()
  return home ? home : join(serverDataFolder(env, server), user)
}

function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 24)
}

async function readUsers(folder: string): Promise<Record<string, string>> {
  try {
    const value = JSON.parse(await readFile(join(folder, 'users.json'), 'utf8')) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {}
  } catch {
    return {}
  }
}

/** The user a token was last seen to belong to on `server`, or null. */
export async function knownUserOfToken(env: Env, server: string, token: string): Promise<string | null> {
  const users = await readUsers(serverDataFolder(env, server))
  const user = users[tokenKey(token)]
  return typeof user === 'string' ? user : null
}

/** Remembers which user a token belongs to on `server`. */
export async function rememberUserOfToken(env: Env, server: string, token: string, user: string): Promise<void> {
  const folder = serverDataFolder(env, server)
  const users = await readUsers(folder)
  if (users[tokenKey(token)] === user) return
  users[tokenKey(token)] = user
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const temporary = join(folder, `users.json.${process.pid}.tmp`)
  await writeFile(temporary, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 })
  await rename(temporary, join(folder, 'users.json'))
}

/** The sync URL of a server: its URL with the ws(s) scheme, plus `/sync`. */
export function syncUrlOf(server: string): string {
  const url = new URL(server)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${url.toString().replace(/\/+$/, '')}/sync`
}
