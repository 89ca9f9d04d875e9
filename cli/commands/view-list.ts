import { describeFilter } from '../../core/saved-view-filter.js'
import { terminalText } from '../../core/terminal-text.js'
import { offlineNote, withCommandClient } from '../client/command-client.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'

export const viewList = defineCommand({
  name: 'view list',
  summary: 'List your saved views, each with its filter and how many conversations it shows.',
  usage: 'view list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json             Print [{"name","count","filter":{"inboxes","channels","labels","priorities",
                     "assignees","statuses","sla","text"}}]: inboxes as documents
                     ("inbox/<id>", "personal/<user>"), labels and assignees by id, text or null

The counts are over this computer's copy of your inboxes, brought up to date
first when the server can be reached; offline they show the last known state.

${CONNECTION_HELP}

Examples
  $ huddle view list
  $ huddle view list --json
  $ huddle conversation list --saved "Breached SMS"
`,
  async run({ flags, io }) {
    await withCommandClient(flags, io, async (opened, state) => {
      const { client } = opened
      await client.ready()
      const views = client.savedViews()
      if (flags.json) return printJson(io, views.map(({ name, count, filter }) => ({ name, count, filter })))
      const note = offlineNote(opened, state)
      if (note) say(io, note)
      if (views.length === 0) return say(io, 'No saved views. Save one with `huddle view save NAME --status mine …`.')
      const names = client.filterNames()
      for (const view of views) io.stdout(`${terminalText(`${view.name} (${view.count}): ${describeFilter(view.filter, names)}`)}\n`)
    })
  },
})
