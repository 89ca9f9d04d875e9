/**
 * A conversation command on several conversations: each id resolved on its
 * own (a bad one is said, with why, and the others still act), the action
 * done on each through the client's one path (`bulkAssignment`), then one
 * line of result per id, or with `--json` one array.
 */
import { HuddleError } from '../../core/errors.js'
import { changes, printNotices, waitForAcks, type CommandClient } from '../client/command-client.js'
import type { ConnectionState } from '../client/connection-state.js'
import type { BulkOutcome } from '../client/huddle-client.js'
import { EXIT_CODES, exitCodeFor, type ExitCode } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { printJson } from '../output.js'
import { findConversationId } from './conversation-id.js'
import { rowJson } from './conversation-output.js'

/** An id as given, and the conversation it names or why it names none. */
export type ResolvedId = { readonly given: string; readonly id: string } | { readonly given: string; readonly error: HuddleError }

/** Each given id's conversation, in order; an id naming one already named is left out (it is acted on once). */
export async function resolveBulkIds(opened: CommandClient, ids: readonly string[], state: ConnectionState): Promise<ResolvedId[]> {
  const resolved: ResolvedId[] = []
  const seen = new Set<string>()
  for (const given of ids) {
    try {
      const id = await findConversationId(opened, given, state)
      if (!seen.has(id)) resolved.push({ given, id })
      seen.add(id)
    } catch (error) {
      if (!(error instanceof HuddleError)) throw error
      resolved.push({ given, error })
    }
  }
  return resolved
}

type BulkReportOptions = { readonly done: (id: string) => string; readonly isJson: boolean; readonly waitSeconds: number | undefined }

/** One line (or JSON object) per id: done, done here and waiting to sync, or why not; the exit code is the first failure's. */
export async function reportBulk(io: CliIo, opened: CommandClient, resolved: readonly ResolvedId[], outcomes: readonly BulkOutcome[], options: BulkReportOptions): Promise<ExitCode> {
  const { client } = opened
  const byId = new Map(outcomes.map((o) => [o.id, o]))
  const receipts = outcomes.flatMap((o) => ('receipt' in o ? [o.receipt] : []))
  const acked = new Map((await waitForAcks(opened, receipts, options.waitSeconds)).map((isAcked, i) => [receipts[i]!.id, isAcked]))
  let failure: HuddleError | null = null
  let waiting = 0
  const json: unknown[] = []
  for (const entry of resolved) {
    // Every resolved id has its outcome: bulkAssignment answers for each.
    const outcome = 'id' in entry ? byId.get(entry.id)! : entry
    if ('error' in outcome) {
      failure ??= outcome.error
      io.stderr(`${entry.given}: ${outcome.error.message}\n`)
      json.push({ conversation: entry.given, error: { code: outcome.error.code, message: outcome.error.message } })
      continue
    }
    const isAcked = acked.get(outcome.receipt.id) === true
    // A borrowed copy is gone when the command ends: only what the server confirmed counts.
    if (opened.isBorrowed && !isAcked) {
      const refusal = new HuddleError('unavailable', `The server at ${opened.server} did not confirm it in time, and this command could not keep it on this computer (your dashboard holds the local copy), so it may not have been made.`)
      failure ??= refusal
      io.stderr(`${entry.given}: ${refusal.message}\n`)
      json.push({ conversation: outcome.id, error: { code: refusal.code, message: refusal.message } })
      continue
    }
    if (!isAcked) waiting++
    io.stderr(isAcked ? `${options.done(outcome.id)}.\n` : `${options.done(outcome.id)} on this computer; waiting to sync.\n`)
    const row = client.conversationRow(outcome.id)
    json.push({ action: outcome.receipt.kind, conversation: outcome.id, ...(row ? { row: rowJson(row, client.now(), client.labels()) } : {}), pending: !isAcked })
  }
  if (options.isJson) printJson(io, json)
  if (waiting > 0) io.stderr(`${waitingWords(opened, waiting, options.waitSeconds)}\n`)
  printNotices(opened, (line) => io.stderr(line))
  if (failure !== null) return exitCodeFor(failure)
  return waiting > 0 && options.waitSeconds !== undefined ? EXIT_CODES.error : EXIT_CODES.ok
}

/** What the changes not confirmed yet wait for. */
function waitingWords(opened: CommandClient, waiting: number, waitSeconds: number | undefined): string {
  const { client } = opened
  const queued = `(${changes(client.pendingCount())})`
  if (waitSeconds !== undefined)
    return `The server at ${opened.server} did not confirm ${changes(waiting)} within ${waitSeconds} s (\`--wait=${waitSeconds}\`). They stay queued ${queued} and are sent when huddle next reaches the server, e.g. with \`huddle sync\`.`
  const kind = client.connectionState().kind
  if (kind === 'online' || kind === 'syncing') return `The server has not confirmed ${changes(waiting)} yet: waiting to sync ${queued}.`
  return `Offline: ${changes(waiting)} made on this computer; waiting to sync ${queued}. They are sent when huddle next reaches ${opened.server}, e.g. with \`huddle sync\`.`
}
