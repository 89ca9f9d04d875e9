import { parseFilterWords } from '../../core/saved-view-filter.js'
import { reportAction, withCommandClient } from '../client/command-client.js'
import { defineCommand } from '../command.js'
import { CHANGE_OUTPUT_HELP, JSON_FLAG, WAIT_FLAG } from '../flags.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'
import { filterWordsOf, VIEW_FILTER_FLAGS, VIEW_FILTER_HELP } from './view-filter-flags.js'

export const viewSave = defineCommand({
  name: 'view save',
  summary: 'Save a named filter over your inboxes, shown with its count in the dashboard. Works offline.',
  usage: 'view save NAME [--inbox I] [--channel C] [--label L] [--priority P] [--assignee U] [--status VIEW] [--sla STATE] [--text WORDS] [--json]',
  args: ['name'],
  flags: { ...VIEW_FILTER_FLAGS, ...JSON_FLAG, ...WAIT_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  NAME               The view's name (1–40 characters, compared without case); saving a
                     name you have replaces that view

Options
${VIEW_FILTER_HELP}
${CHANGE_OUTPUT_HELP}

Saved views are yours alone, kept in your own synced settings: every computer
you use huddle on has them, offline too. When two computers save the same name
while apart, the later save wins once both have synced.

${CONNECTION_HELP}

Examples
  $ huddle view save "Breached SMS" --channel sms --sla breached
  $ huddle view save Mine --status mine --inbox Sales,Support
  $ huddle view save Refunds --text refund --status unassigned,mine
  $ huddle view save "Urgent" --priority urgent,high --status mine --json
`,
  async run({ args, flags, io }) {
    await withCommandClient(flags, io, async (opened) => {
      const { client } = opened
      await client.ready()
      const filter = parseFilterWords(filterWordsOf(flags), client.filterNames())
      const receipt = client.saveView(args.name, filter)
      const name = client.findSavedView(args.name)?.name ?? args.name
      const json = flags.json ? { action: 'save-view', name, filter } : undefined
      await reportAction(io, opened, receipt, `Saved view “${name}”`, { json, waitSeconds: flags.wait })
    })
  },
})
