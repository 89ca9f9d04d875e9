/**
 * The saved login: `{server, token}` in `$XDG_CONFIG_HOME/huddle/config.json`
 * (`~/.config` when XDG_CONFIG_HOME is unset). The token is a secret, so the
 * folder is private to its owner (0700) and the file too (0600).
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { HuddleError } from '../core/errors.js'

export type SavedLogin = { readonly server: string; readonly token: string }

type Env = Readonly<Record<string, string | undefined>>

/** Where the login is saved for this environment. */
export function configPath(env: Env): string {
  const xdg = env.XDG_CONFIG_HOME
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config')
  return join(base, 'huddle', 'config.json')
}

/** The saved login, or null when there is none. */
export async function loadLogin(env: Env): Promise<SavedLogin | null> {
  const path = configPath(env)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  return parseSavedLogin(text, path)
}

function parseSavedLogin(text: string, path: string): SavedLogin {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = null
  }
  if (typeof value === 'object' && value !== null) {
    const { server, token } = value as Record<string, unknown>
    if (typeof server === 'string' && typeof token === 'string' && server && token) return { server, token }
  }
  throw new HuddleError('invalid', `The saved login in \`${path}\` is not valid. Log in again with \`huddle login --server URL --token TOKEN\`.`)
}

/** Saves the login, readable by its owner only; returns the file's path. */
export async function saveLogin(env: Env, login: SavedLogin): Promise<string> {
  const path = configPath(env)
  const folder = dirname(path)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  // mkdir leaves an existing folder's mode alone, and the umask may widen a new one.
  await chmod(folder, 0o700)
  // Write beside and rename, so a crash never leaves half a file, and the
  // secret is never readable by others, not even for a moment.
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify({ server: login.server, token: login.token }, null, 2)}\n`, { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
  return path
}

/** Forgets the saved login: which server it was for (null when the file was damaged), or null when nothing was saved. */
export async function forgetLogin(env: Env): Promise<{ readonly path: string; readonly server: string | null } | null> {
  const path = configPath(env)
  let server: string | null
  try {
    const saved = await loadLogin(env)
    if (saved === null) return null
    server = saved.server
  } catch (error) {
    // A damaged file is forgotten all the same.
    if (!(error instanceof HuddleError)) throw error
    server = null
  }
  await rm(path, { force: true })
  return { path, server }
}
