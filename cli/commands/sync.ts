import { HuddleError } from '../../core/errors.js'
import { assertNotDenied, changes, openCommandClient, printNotices } from '../client/command-client.js'
import { describeNotice } from '../client/notice-text.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'

/** How long `huddle sync` waits for the server to settle and acknowledge. */
const SYNC_WAIT_MS = 15_000

export const sync = defineCommand({
  name: 'sync',
  summary: 'Send what you did offline, fetch what others did, and report what merged.',
  usage: 'sync [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Connects, sends every change made on this computer that the server has not
stored yet, brings your inboxes and their most recent conversations up to date,
waits until the server has stored everything, and prints what merged: claims of
yours that lost to an earlier one (naming who won), conversations taken from
you, notes mentioning you, and replies of yours the server held.

Options
  --json           Print {"sent","pending","conversations","notices":[{"kind","conversation"?,"text"}]}

Exits 1 when the server cannot be reached; nothing is lost: the changes stay on
this computer until the next sync.

${CONNECTION_HELP}

Examples
  $ huddle sync
  $ huddle sync --json
`,
  async run({ flags, io }) {
    const opened = await openCommandClient(flags, io)
    const { client } = opened
    try {
      const report = await client.syncEverything(SYNC_WAIT_MS)
      assertNotDenied(report.connection)
      if (report.connection.kind === 'offline' || report.connection.kind === 'connecting')
        throw new HuddleError(
          'unavailable',
          `The huddle server at ${opened.server} is not reachable. ${
            report.pending > 0
              ? `${changes(report.pending)} ${report.pending === 1 ? 'waits' : 'wait'} on this computer, to be sent by the next \`huddle sync\`.`
              : 'Nothing waits to be sent.'
          }`,
        )
      if (flags.json) {
        const notices = client.notices()
        client.markReported(notices.map((n) => n.key))
        return printJson(io, {
          sent: report.acknowledged,
          pending: report.pending,
          conversations: report.conversations,
          notices: notices.map((n) => ({
            kind: n.kind,
            ...('conversation' in n ? { conversation: n.conversation } : {}),
            text: describeNotice(n, (id) => client.userName(id)),
          })),
        })
      }
      const merged = printNotices(opened, (line) => io.stdout(line))
      const waiting = report.pending > 0 ? ` ${changes(report.pending)} still waiting for the server.` : ''
      say(
        io,
        `Synced with ${opened.server}: ${changes(report.acknowledged)} sent and stored, ${report.conversations} conversation(s) up to date${
          merged.length === 0 ? ', nothing new merged' : ''
        }.${waiting}`,
      )
    } finally {
      await client.close()
    }
  },
})
