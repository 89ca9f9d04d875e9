/** The conversation commands that change something: claim, take over, assign, unassign, archive, unarchive, snooze, unsnooze, label, priority, reply, note. */
import type { ActionReceipt, HuddleClient } from '../client/huddle-client.js'
import { CONNECT_WAIT_MS, reportAction, withCommandClient } from '../client/command-client.js'
import { readBody } from '../body-input.js'
import { defineCommand, type Command, type FlagSpec } from '../command.js'
import { CHANGE_OUTPUT_HELP, JSON_FLAG, WAIT_FLAG } from '../flags.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'
import { findConversationId } from './conversation-id.js'
import { rowJson } from './conversation-output.js'

const OFFLINE_HELP = `Works offline: the change is made on this computer at once and sent when huddle
next reaches the server (\`huddle sync\`). Online, the command waits until the
server has stored it (for up to 5 s; then it says the change is waiting to sync).`

type ActionSpec = {
  readonly verb: string
  readonly summary: string
  readonly usage: string
  readonly options?: string
  readonly examples: readonly string[]
  readonly flags?: Readonly<Record<string, FlagSpec>>
  /** A second argument after the id, handed to `act` and `done` among the flags under its name. */
  readonly argument?: { readonly name: string; readonly help: string; readonly choices: readonly string[] }
  /** Problems between flags, reported with the other usage problems. */
  readonly check?: (flags: Partial<Readonly<Record<string, unknown>>>) => readonly string[]
  /** Whether the conversation's messages are needed (replies and notes). */
  readonly needsMessages?: boolean
  readonly act: (client: HuddleClient, id: string, flags: Readonly<Record<string, unknown>>) => Promise<ActionReceipt>
  /** What was done, e.g. `Claimed conversation c-1`. */
  readonly done: (id: string, flags: Readonly<Record<string, unknown>>) => string
}

export function defineConversationAction(spec: ActionSpec): Command {
  const withArgument = (args: Partial<Record<string, string>>): Record<string, string> =>
    spec.argument && args[spec.argument.name] !== undefined ? { [spec.argument.name]: args[spec.argument.name]! } : {}
  return defineCommand({
    name: `conversation ${spec.verb}`,
    summary: spec.summary,
    usage: spec.usage,
    args: spec.argument ? ['id', spec.argument.name] : ['id'],
    ...(spec.argument ? { argChoices: [[], spec.argument.choices] } : {}),
    flags: { ...(spec.flags ?? {}), ...JSON_FLAG, ...WAIT_FLAG, ...CONNECTION_FLAGS },
    ...(spec.check ? { check: (flags: Partial<Readonly<Record<string, unknown>>>, args: Partial<Record<string, string>>) => spec.check!({ ...flags, ...withArgument(args) }) } : {}),
    help: `
Arguments
  <id>             The conversation's id (see \`huddle conversation list\`), or the start of it
                   that no other conversation of your inboxes shares
${spec.argument ? `${spec.argument.help}\n` : ''}
Options
${spec.options ? `${spec.options}\n` : ''}${CHANGE_OUTPUT_HELP}

${OFFLINE_HELP}

${CONNECTION_HELP}

Examples
${spec.examples.map((e) => `  $ huddle conversation ${e}`).join('\n')}
`,
    async run({ args, flags, io }) {
      const values = flags as Readonly<Record<string, unknown>>
      // Read before connecting: a body from standard input or a file is refused before anything happens.
      const body = await readBody(values, io)
      const given = { ...values, ...withArgument(args), ...(body === undefined ? {} : { body }) }
      await withCommandClient(values as { server?: string; token?: string }, io, async (opened, state) => {
        // Present: a missing argument is refused before `run`.
        const id = await findConversationId(opened, args.id ?? '', state)
        if (spec.needsMessages) {
          // Online, act on the newest messages: a reply records the last one its author saw.
          const handle = await opened.client.openConversation(id)
          await opened.client.settle(CONNECT_WAIT_MS)
          handle.close()
        }
        const receipt = await spec.act(opened.client, id, given)
        const row = opened.client.conversationRow(id)
        const json = flags.json
          ? { action: receipt.kind, conversation: id, ...(body === undefined ? {} : { body }), ...(row ? { row: rowJson(row, opened.client.now(), opened.client.labels()) } : {}) }
          : undefined
        await reportAction(io, opened, receipt, spec.done(id, given), { json, waitSeconds: flags.wait })
      })
    },
  })
}
