import { reportAction, withCommandClient } from '../client/command-client.js'
import { defineCommand } from '../command.js'
import { CHANGE_OUTPUT_HELP, JSON_FLAG, WAIT_FLAG } from '../flags.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'

export const viewRemove = defineCommand({
  name: 'view remove',
  summary: 'Remove one of your saved views. Works offline.',
  usage: 'view remove NAME [--json]',
  args: ['name'],
  flags: { ...JSON_FLAG, ...WAIT_FLAG, ...CONNECTION_FLAGS },
  help: `
Arguments
  NAME               The saved view's name, in any case (see \`huddle view list\`)

Options
${CHANGE_OUTPUT_HELP}

${CONNECTION_HELP}

Examples
  $ huddle view remove "Breached SMS"
  $ huddle view remove refunds --json
`,
  async run({ args, flags, io }) {
    await withCommandClient(flags, io, async (opened) => {
      const name = opened.client.findSavedView(args.name)?.name ?? args.name
      const receipt = opened.client.removeView(args.name)
      const json = flags.json ? { action: 'remove-view', name } : undefined
      await reportAction(io, opened, receipt, `Removed view “${name}”`, { json, waitSeconds: flags.wait })
    })
  },
})
