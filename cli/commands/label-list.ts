import { readLabels } from '../../core/http-contract/label-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printLabels } from './label-output.js'

export const labelList = defineCommand({
  name: 'label list',
  summary: 'List the labels conversations can be given.',
  usage: 'label list [--json]',
  args: [],
  flags: { ...JSON_FLAG, ...CONNECTION_FLAGS },
  help: `
Options
  --json           Print [{"id","name","colour"}], by name

${CONNECTION_HELP}

Examples
  $ huddle label list
  $ huddle label list --json
`,
  async run({ flags, io }) {
    const api = await connect(flags, io)
    const labels = readLabels(await api.get('/labels'))
    if (flags.json) return printJson(io, labels)
    printLabels(io, labels)
  },
})
