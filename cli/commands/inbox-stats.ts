import { formatBytes } from '../../core/byte-size.js'
import { readHistoryStats } from '../../core/http-contract/history-stats-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, printTable } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'

export const inboxStats = defineCommand({
  name: 'inbox stats',
  summary: 'Show, per inbox, its live conversations, its history and the live document’s size (settings admins).',
  usage: 'inbox stats [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Every inbox (shared and personal) keeps its open and recently archived
conversations live, in the document each client syncs; older archived ones
are in history on the server. This shows how big each side is.

Options
  --json           Print [{"inbox","live","liveBytes","epoch","inHistory"}]; inbox is the
                   document's name (inbox/<id> or personal/<user>), liveBytes its encoded size

${CONNECTION_HELP}

Examples
  $ huddle inbox stats
  $ huddle inbox stats --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const stats = readHistoryStats(await api.get('/history-stats'))
    if (flags.json) return printJson(io, stats)
    printTable(
      io,
      stats,
      [
        { header: 'INBOX', value: (s) => s.inbox },
        { header: 'LIVE', value: (s) => s.live },
        { header: 'IN HISTORY', value: (s) => s.inHistory },
        { header: 'LIVE DOCUMENT', value: (s) => formatBytes(s.liveBytes) },
        { header: 'EPOCH', value: (s) => s.epoch },
      ],
      'There are no inboxes yet. Create one with `huddle inbox create --name Sales`.',
    )
  },
})
