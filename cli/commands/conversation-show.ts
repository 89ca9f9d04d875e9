import { CONNECT_WAIT_MS, offlineNote, withCommandClient } from '../client/command-client.js'
import { labelName } from '../../core/label.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'
import { findConversationId } from './conversation-id.js'
import { detailJson, printDetail } from './conversation-output.js'

export const conversationShow = defineCommand({
  name: 'conversation show',
  summary: 'Show a conversation: its messages, notes and assignment history.',
  usage: 'conversation show <id> [--json]',
  args: ['id'],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  <id>             The conversation's id (see \`huddle conversation list\`), or the start of it
                   that no other conversation of your inboxes shares

Options
  --json           Print {"id","inbox","channel","contact","status","assignee","view","lastMessageAt",
                   "window","consent",
                   "messages":[{"id","direction","author","body","at","status"}],
                   "notes":[{"id","author","body","at","mentions"}],
                   "history":[{"id","kind","actor","at","to"?,"until"?,"outcome","winner"?,"assignee"}]}
                   A lost claim has "outcome":"lost" and names the "winner". "window" is as in
                   \`huddle conversation list --json\`; "consent" is the SMS contact's latest
                   keyword, {"status":"opted-out"|"opted-in","at","keyword"}, or null.

On WhatsApp it shows how long is left to reply freely (by the server's clock)
or when the window closed; on SMS, whether the contact texted STOP (replies
are refused until they text START) or opted back in.

The conversation is kept on this computer once shown, so it can be read offline.

${CONNECTION_HELP}

Examples
  $ huddle conversation show c-8f2k1
  $ huddle conversation show c-8f2k1 --json
`,
  async run({ args, flags, io }) {
    await withCommandClient(flags, io, async (opened, state) => {
      const { client } = opened
      const id = await findConversationId(opened, args.id, state)
      const handle = await client.openConversation(id)
      const settled = await client.settle(CONNECT_WAIT_MS)
      handle.close()
      const detail = client.conversation(id)!
      const note = offlineNote(opened, settled.kind === 'denied' ? state : settled)
      if (note) say(io, note)
      const now = client.now()
      const labels = client.labels()
      if (flags.json) return printJson(io, detailJson(detail, now, labels))
      const removed = client.removedLabels()
      printDetail(io, detail, now, { nameOf: (id) => client.userName(id), labels, labelOf: (id) => labelName(id, labels, removed) })
    })
  },
})
