/**
 * How the agent commands use the client: resolve the server and token like
 * every command (cli/session.ts), find this user's replica (asking the server
 * who the token is only when this computer has never seen it), connect for a
 * moment, act or read, wait for the acknowledgement, close.
 */
import { createApiClient, type ApiClient } from '../api-client.js'
import { HuddleError, type ErrorCode } from '../../core/errors.js'
import { CLOSE_CODES } from '../../core/wire.js'
import { loadLogin } from '../config.js'
import type { CliIo } from '../io.js'
import { printJson } from '../output.js'
import { resolveConnection } from '../session.js'
import type { ConnectionState } from './connection-state.js'
import { HuddleClient, type ActionReceipt } from './huddle-client.js'
import { LevelReplicaStore } from './level-replica-store.js'
import { MemoryReplicaStore } from './memory-replica-store.js'
import type { ReplicaStore } from './replica-store.js'
import type { Notice } from './merge-notices.js'
import { describeNotice } from './notice-text.js'
import { knownUserOfToken, rememberUserOfToken, replicaFolder, syncUrlOf } from './replica-location.js'
import { probeServer } from './server-probe.js'

/** How long a command tries to reach the server before working offline. */
export const CONNECT_WAIT_MS = 2000
/** How long an action waits for the server's acknowledgement. */
export const ACK_WAIT_MS = 5000
/** Working from a copy in memory, a command has no offline to fall back on: it waits longer for the server. */
const BORROW_AFTER_MS = 300
const BORROWED_CONNECT_WAIT_MS = 10_000
const BORROWED_ACK_WAIT_MS = 15_000

export type CommandClient = {
  readonly client: HuddleClient
  readonly server: string
  /** The HTTP API as this user, for what the replica does not hold (conversations in history). */
  readonly api: ApiClient
  readonly folder: string
  /** The replica's store (the client closes it), for records the client does not keep itself, such as the dashboard's last-seen marks. */
  readonly store: ReplicaStore
  /**
   * Whether the command works from a copy in memory because another huddle
   * process (a dashboard) holds the replica on disk: it then needs the server,
   * and nothing it does outlives it unless the server has confirmed it.
   */
  readonly isBorrowed: boolean
}

type ConnectionFlags = { server?: string | undefined; token?: string | undefined }

/**
 * Opens this user's replica and starts connecting. With `canBorrow`, a replica
 * another huddle process holds (the agent's dashboard, say) is not waited for:
 * the command works from a copy in memory, synced from the server.
 */
export async function openCommandClient(flags: ConnectionFlags, io: CliIo, options: { readonly canBorrow?: boolean } = {}): Promise<CommandClient> {
  const needsSaved = flags.token === undefined || flags.server === undefined
  const saved = needsSaved ? await loadLogin(io.env) : null
  const { server, token } = resolveConnection(flags, io, saved)
  const syncUrl = syncUrlOf(server)
  const folder = await findReplica(io, server, syncUrl, token)
  // A dashboard holds its replica for hours: a command that can do without it waits only for one about to finish.
  const local = options.canBorrow ? await LevelReplicaStore.openUnlessInUse(folder, BORROW_AFTER_MS) : await LevelReplicaStore.open(folder)
  const store = local ?? new MemoryReplicaStore()
  try {
    const client = await HuddleClient.open({ server, syncUrl, token, store, fetch: io.fetch })
    return { client, server, api: createApiClient({ server, token, fetch: io.fetch }), folder, store, isBorrowed: local === null }
  } catch (error) {
    await store.close()
    throw error
  }
}

async function findReplica(io: CliIo, server: string, syncUrl: string, token: string): Promise<string> {
  if (io.env.HUDDLE_HOME?.trim()) return replicaFolder(io.env, server, '')
  const known = await knownUserOfToken(io.env, server, token)
  if (known !== null) return replicaFolder(io.env, server, known)
  const probe = await probeServer(syncUrl, token)
  switch (probe.kind) {
    case 'hello':
      await rememberUserOfToken(io.env, server, token, probe.hello.user)
      return replicaFolder(io.env, server, probe.hello.user)
    case 'denied':
      throw new HuddleError(errorCodeOfClose(probe.code), probe.reason)
    case 'unreachable':
      throw new HuddleError(
        'unavailable',
        `The huddle server at ${server} is not reachable (${probe.detail}), and this computer has no local copy for this token yet. Connect once while the server is up, e.g. \`huddle sync\`.`,
      )
  }
}

/** The error code of a final close (or of this client refusing the server: code 0). */
export function errorCodeOfClose(code: number): ErrorCode {
  switch (code) {
    case CLOSE_CODES.unauthenticated:
      return 'unauthenticated'
    case CLOSE_CODES.forbidden:
      return 'forbidden'
    case CLOSE_CODES.notFound:
      return 'not-found'
    case CLOSE_CODES.unsupportedVersion:
    case 0:
      return 'unsupported-version'
    default:
      return 'invalid'
  }
}

/** Throws the server's refusal when the client was denied. */
export function assertNotDenied(state: ConnectionState): void {
  if (state.kind === 'denied') throw new HuddleError(errorCodeOfClose(state.code), state.reason)
}

/** Opens the client, waits a moment for the connection, runs `use`, and always closes. */
export async function withCommandClient<T>(flags: ConnectionFlags, io: CliIo, use: (opened: CommandClient, state: ConnectionState) => Promise<T>): Promise<T> {
  const opened = await openCommandClient(flags, io, { canBorrow: true })
  try {
    const state = await opened.client.settle(opened.isBorrowed ? BORROWED_CONNECT_WAIT_MS : CONNECT_WAIT_MS)
    assertNotDenied(state)
    if (opened.isBorrowed) {
      if (state.kind !== 'online')
        throw new HuddleError(
          'unavailable',
          `Another huddle process (your dashboard?) is using this computer’s local copy in \`${opened.folder}\`, and the server at ${opened.server} ${state.kind === 'syncing' ? 'did not finish sending your inboxes in time' : 'is not reachable'}, so this command has nothing to work from. Use the dashboard, or close it and try again.`,
        )
      io.stderr(`The local copy is in use by another huddle process (your dashboard?); this command works from the server directly.\n`)
    }
    if (opened.client.userId === null)
      throw new HuddleError('unavailable', `The huddle server at ${opened.server} did not answer in time, and this computer has no local copy yet. Try again, e.g. \`huddle sync\`.`)
    return await use(opened, state)
  } finally {
    await opened.client.close()
  }
}

export function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`
}

/**
 * Whether each action was acknowledged, all waited for together: for
 * `waitSeconds` whatever the connection, else only while online, for the
 * usual acknowledgement wait.
 */
export async function waitForAcks(opened: CommandClient, receipts: readonly ActionReceipt[], waitSeconds: number | undefined): Promise<boolean[]> {
  const { client } = opened
  const isOnline = client.connectionState().kind === 'online' || client.connectionState().kind === 'syncing'
  if (waitSeconds === undefined && !isOnline) return receipts.map(() => false)
  const timeoutMs = waitSeconds !== undefined ? waitSeconds * 1000 : opened.isBorrowed ? BORROWED_ACK_WAIT_MS : ACK_WAIT_MS
  return Promise.all(receipts.map((receipt) => client.waitForAck(receipt, timeoutMs)))
}

/** How an action command reports: `--json` prints what changed on stdout; `--wait` seconds waits for the server whatever the connection. */
export type ReportOptions = { readonly json?: Readonly<Record<string, unknown>> | undefined; readonly waitSeconds?: number | undefined }

/**
 * Where things stand after an action: confirmed by the server, or waiting to
 * sync. With `--json`, prints `json` with `"pending"` (only applied on this
 * computer, not acknowledged yet); with `--wait`, an action still pending
 * when the wait ends fails the command (it stays queued).
 */
export async function reportAction(io: CliIo, opened: CommandClient, receipt: ActionReceipt, done: string, options: ReportOptions = {}): Promise<void> {
  const { client } = opened
  const [isAcked] = await waitForAcks(opened, [receipt], options.waitSeconds)
  assertNotDenied(client.connectionState())
  // A borrowed copy is gone when the command ends: only what the server confirmed counts.
  if (opened.isBorrowed && !isAcked)
    throw new HuddleError(
      'unavailable',
      `The server at ${opened.server} did not confirm in time, and this command could not keep the change on this computer (your dashboard holds the local copy), so it may not have been made. Check with \`huddle conversation show\`, or do it in the dashboard.`,
    )
  if (options.json) printJson(io, { ...options.json, pending: !isAcked })
  if (isAcked) io.stderr(`${done}.\n`)
  else if (options.waitSeconds !== undefined) {
    printNotices(opened, (line) => io.stderr(line))
    throw new HuddleError(
      'unavailable',
      `${done} on this computer, but the server at ${opened.server} did not confirm it within ${options.waitSeconds} s (\`--wait=${options.waitSeconds}\`). It stays queued (${changes(client.pendingCount())}) and is sent when huddle next reaches the server, e.g. with \`huddle sync\`.`,
    )
  } else if (client.connectionState().kind === 'online' || client.connectionState().kind === 'syncing')
    io.stderr(`${done} on this computer; the server has not confirmed it yet: waiting to sync (${changes(client.pendingCount())}).\n`)
  else
    io.stderr(
      `Offline: ${done[0]!.toLowerCase()}${done.slice(1)} on this computer; waiting to sync (${changes(client.pendingCount())}). It is sent when huddle next reaches ${opened.server}, e.g. with \`huddle sync\`.\n`,
    )
  printNotices(opened, (line) => io.stderr(line))
}

/** Prints the notices not reported yet, one sentence a line, and remembers them as reported. */
export function printNotices(opened: CommandClient, write: (line: string) => void): Notice[] {
  const notices = opened.client.notices()
  for (const notice of notices) write(`${describeNotice(notice, (id) => opened.client.userName(id))}\n`)
  opened.client.markReported(notices.map((n) => n.key))
  return notices
}

/** A note for reads made offline: what they show and from when. */
export function offlineNote(opened: CommandClient, state: ConnectionState): string | null {
  if (state.kind === 'online' || state.kind === 'syncing') return null
  const at = opened.client.lastSyncedAt()
  const when = at === null ? 'never fully synced' : `last in sync ${new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')}`
  return `Offline: ${opened.server} is not reachable; showing this computer's copy (${when}).`
}
