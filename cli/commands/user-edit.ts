import { readUser } from '../../core/http-contract/user-contract.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG, LICENCE_FLAG, PERMISSION_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { printUser, userJson } from './user-output.js'

export const userEdit = defineCommand({
  name: 'user edit',
  summary: "Change a user's name, permission or licences.",
  usage: 'user edit <id> [--name NAME] [--permission LEVEL] [--licence CHANNEL ... | --no-licences] [--json]',
  args: ['id'],
  flags: {
    name: { type: 'string' },
    permission: PERMISSION_FLAG,
    licence: LICENCE_FLAG,
    licences: { type: 'boolean' },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --name NAME          New display name
  --permission LEVEL   basic, team-leader or admin
  --licence CHANNEL    The user's licences from now on (replacing the current ones): sms, whatsapp or chat;
                       repeat it or give a comma list
  --no-licences        Remove every licence (this also ends the user's inbox memberships)
  --json               Print {"id","name","permission","licences"}

${CONNECTION_HELP}

Examples
  $ huddle user edit bob --permission team-leader
  $ huddle user edit bob --licence sms --licence whatsapp
  $ huddle user edit carol --no-licences
`,
  check: (flags) => {
    const problems: string[] = []
    const hasLicences = (flags.licence?.length ?? 0) > 0
    if (flags.licences === true) problems.push('To set licences use `--licence CHANNEL`; to remove them all use `--no-licences`.')
    if (hasLicences && flags.licences === false) problems.push('Give either `--licence` or `--no-licences`, not both.')
    if (flags.name === undefined && flags.permission === undefined && !hasLicences && flags.licences === undefined)
      problems.push('Nothing to change: give `--name`, `--permission`, `--licence` or `--no-licences`.')
    return problems
  },
  async run({ args, flags, io }) {
    const api = await connect(flags, io)
    const licences = flags.licences === false ? [] : flags.licence.length > 0 ? flags.licence : undefined
    const patch = {
      ...(flags.name === undefined ? {} : { name: flags.name }),
      ...(flags.permission === undefined ? {} : { permission: flags.permission }),
      ...(licences === undefined ? {} : { licences }),
    }
    const user = readUser(await api.patch(`/users/${encodeURIComponent(args.id)}`, patch))
    if (flags.json) return printJson(io, userJson(user))
    printUser(io, user)
    say(io, `Changed user \`${user.id}\`.`)
  },
})
