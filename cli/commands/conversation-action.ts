/** The conversation commands that change something: claim, take over, assign, unassign, archive, unarchive, snooze, unsnooze, priority (on one conversation or several), label, reply, note. */
import type { AssignmentRequest } from '../../core/actions.js'
import type { ActionReceipt, BulkOutcome, HuddleClient } from '../client/huddle-client.js'
import { CONNECT_WAIT_MS, reportAction, withCommandClient } from '../client/command-client.js'
import { onlyReceipt } from '../client/conversation-actions.js'
import { readBody } from '../body-input.js'
import { defineCommand, type Command, type FlagSpec } from '../command.js'
import { CHANGE_OUTPUT_HELP, JSON_FLAG, WAIT_FLAG } from '../flags.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'
import { reportBulk, resolveBulkIds } from './bulk-action.js'
import { findConversationId } from './conversation-id.js'
import { rowJson } from './conversation-output.js'
import { givenIds, isSeveral } from './id-words.js'

const OFFLINE_HELP = `Works offline: the change is made on this computer at once and sent when huddle
next reaches the server (\`huddle sync\`). Online, the command waits until the
server has stored it (for up to 5 s; then it says the change is waiting to sync).`

const ONE_ID_HELP = `  <id>             The conversation's id (see \`huddle conversation list\`), or the start of it
                   that no other conversation of your inboxes shares`

const SEVERAL_IDS_HELP = `  <id>…            The conversations' ids (see \`huddle conversation list\`), or the start of each
                   that no other conversation of your inboxes shares; \`-\` reads them from
                   standard input (separated by spaces or lines). With several, each is acted
                   on in turn and has one line of result (with \`--json\`, one object of an
                   array); one that cannot be acted on is said, with why, and the others still
                   are; the exit code is then that failure's`

type Flags = Readonly<Record<string, unknown>>

type CommonSpec = {
  readonly verb: string
  readonly summary: string
  readonly usage: string
  readonly options?: string
  readonly examples: readonly string[]
  readonly flags?: Readonly<Record<string, FlagSpec>>
  /** A second argument after the id (or ids), handed to `request`, `act` and `done` among the flags under its name. */
  readonly argument?: { readonly name: string; readonly help: string; readonly choices: readonly string[] }
  /** Problems between flags, reported with the other usage problems. */
  readonly check?: (flags: Partial<Flags>) => readonly string[]
  /** What was done, e.g. `Claimed conversation c-1`. */
  readonly done: (id: string, flags: Flags) => string
}

/**
 * An action on one conversation or several (`<id>…`, or `-`): an
 * assignment request for each (who holds it, its status, its priority), or
 * what acts on each of several (labels).
 */
type ManySpec = CommonSpec &
  (
    | { readonly request: (client: HuddleClient, id: string, flags: Flags) => AssignmentRequest }
    | { readonly actOnEach: (client: HuddleClient, ids: readonly string[], flags: Flags) => Promise<BulkOutcome[]> }
  )

/** Anything else (a reply, a note): on one conversation. */
type SingleSpec = CommonSpec & {
  /** Whether the conversation's messages are needed (replies and notes). */
  readonly needsMessages?: boolean
  readonly act: (client: HuddleClient, id: string, flags: Flags) => Promise<ActionReceipt>
}

/** What a many-conversation action does on each of several conversations. */
function eachOf(spec: ManySpec): (client: HuddleClient, ids: readonly string[], flags: Flags) => Promise<BulkOutcome[]> {
  return 'request' in spec ? (client, ids, flags) => client.bulkAssignment(ids, (id) => spec.request(client, id, flags)) : spec.actOnEach
}

export function defineConversationAction(spec: ManySpec | SingleSpec): Command {
  const isBulk = !('act' in spec)
  const withArgument = (args: Partial<Record<string, string>>): Record<string, string> =>
    spec.argument && args[spec.argument.name] !== undefined ? { [spec.argument.name]: args[spec.argument.name]! } : {}
  return defineCommand({
    name: `conversation ${spec.verb}`,
    summary: spec.summary,
    usage: spec.usage,
    args: spec.argument ? ['id', spec.argument.name] : ['id'],
    ...(isBulk ? { repeats: 'id' } : {}),
    ...(spec.argument ? { argChoices: [[], spec.argument.choices] } : {}),
    flags: { ...(spec.flags ?? {}), ...JSON_FLAG, ...WAIT_FLAG, ...CONNECTION_FLAGS },
    ...(spec.check ? { check: (flags: Partial<Flags>, args: Partial<Record<string, string>>) => spec.check!({ ...flags, ...withArgument(args) }) } : {}),
    help: `
Arguments
${isBulk ? SEVERAL_IDS_HELP : ONE_ID_HELP}
${spec.argument ? `${spec.argument.help}\n` : ''}
Options
${spec.options ? `${spec.options}\n` : ''}${CHANGE_OUTPUT_HELP}

${OFFLINE_HELP}

${CONNECTION_HELP}

Examples
${spec.examples.map((e) => `  $ huddle conversation ${e}`).join('\n')}
`,
    async run({ args, flags, io, words }) {
      const values = flags as Flags
      // Read before connecting: a body or ids from standard input, or a file, is refused before anything happens.
      const body = await readBody(values, io)
      const given = { ...values, ...withArgument(args), ...(body === undefined ? {} : { body }) }
      // Present: a missing argument is refused before `run`.
      const ids = isBulk ? await givenIds(words, io) : [args.id ?? '']
      return withCommandClient(values as { server?: string; token?: string }, io, async (opened, state) => {
        if (!('act' in spec) && isSeveral(words)) {
          const resolved = await resolveBulkIds(opened, ids, state)
          const outcomes = await eachOf(spec)(
            opened.client,
            resolved.flatMap((r) => ('id' in r ? [r.id] : [])),
            given,
          )
          return reportBulk(io, opened, resolved, outcomes, { done: (id) => spec.done(id, given), isJson: flags.json === true, waitSeconds: flags.wait })
        }
        const id = await findConversationId(opened, ids[0]!, state)
        if ('act' in spec && spec.needsMessages) {
          // Online, act on the newest messages: a reply records the last one its author saw.
          const handle = await opened.client.openConversation(id)
          await opened.client.settle(CONNECT_WAIT_MS)
          handle.close()
        }
        const receipt = 'act' in spec ? await spec.act(opened.client, id, given) : onlyReceipt(await eachOf(spec)(opened.client, [id], given))
        const row = opened.client.conversationRow(id)
        const json = flags.json
          ? { action: receipt.kind, conversation: id, ...(body === undefined ? {} : { body }), ...(row ? { row: rowJson(row, opened.client.now(), opened.client.labels()) } : {}) }
          : undefined
        await reportAction(io, opened, receipt, spec.done(id, given), { json, waitSeconds: flags.wait })
        return undefined
      })
    },
  })
}

