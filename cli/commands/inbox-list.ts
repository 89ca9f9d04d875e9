import { readInboxes } from '../../core/http-contract/inbox-contract.js'
import { autoAssignSettingOf } from '../../core/inbox.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, printTable } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { autoAssignText } from './inbox-output.js'

export const inboxList = defineCommand({
  name: 'inbox list',
  summary: 'List the shared inboxes with their members.',
  usage: 'inbox list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print [{"id","name","description","autoAssign":{"mode","capacity"},"members":[user ids]}]

${CONNECTION_HELP}

Examples
  $ huddle inbox list
  $ huddle inbox list --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const inboxes = readInboxes(await api.get('/inboxes'))
    if (flags.json)
      return printJson(
        io,
        inboxes.map((i) => ({ id: i.id, name: i.name, description: i.description, autoAssign: autoAssignSettingOf(i), members: i.members })),
      )
    printTable(
      io,
      inboxes,
      [
        { header: 'ID', value: (i) => i.id },
        { header: 'NAME', value: (i) => i.name },
        { header: 'MEMBERS', value: (i) => i.members },
        { header: 'AUTO-ASSIGN', value: (i) => autoAssignText(autoAssignSettingOf(i)) },
        { header: 'DESCRIPTION', value: (i) => i.description },
      ],
      'There are no shared inboxes yet. Create one with `huddle inbox create --name Sales`.',
    )
  },
})
