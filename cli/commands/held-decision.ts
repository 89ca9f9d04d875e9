/** `huddle held send` and `huddle held discard`: the author's decision on a held reply. */
import { reportAction, withCommandClient } from '../client/command-client.js'
import { defineCommand, type Command } from '../command.js'
import { CHANGE_OUTPUT_HELP, JSON_FLAG, WAIT_FLAG } from '../flags.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'

export function defineHeldDecision(decision: 'send' | 'discard'): Command {
  const isSend = decision === 'send'
  return defineCommand({
    name: `held ${decision}`,
    summary: isSend ? 'Send a held reply of yours after all.' : 'Discard a held reply of yours; it is never sent.',
    usage: `held ${decision} <message> [--json] [--wait[=SECONDS]]`,
    args: ['message'],
    flags: { ...JSON_FLAG, ...WAIT_FLAG, ...CONNECTION_FLAGS },
    help: `
Arguments
  <message>        The held reply's message id (see \`huddle held list\`)

Options
${CHANGE_OUTPUT_HELP}

Works offline: the decision is recorded on this computer and the server acts
on it when it receives it.

${CONNECTION_HELP}

Examples
  $ huddle held ${decision} 8cysz2onyw7yqlzu
`,
    async run({ args, flags, io }) {
      await withCommandClient(flags, io, async (opened) => {
        await opened.client.refreshConversations()
        const receipt = await opened.client.decideHeld(args.message, decision)
        const json = flags.json ? { action: receipt.kind, conversation: receipt.conversation, message: args.message } : undefined
        await reportAction(io, opened, receipt, isSend ? `Held reply ${args.message} released to be sent` : `Discarded reply ${args.message}`, { json, waitSeconds: flags.wait })
      })
    },
  })
}
