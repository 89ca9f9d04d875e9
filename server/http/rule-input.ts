/** Parsing the body of `POST /api/v1/routing/rules` into a core RuleInput, every problem at once. */
import { parseBusinessHours, type BusinessHours } from '../../core/business-hours.js'
import { assertNoProblems, HuddleError } from '../../core/errors.js'
import type { RoutingConditions, RoutingTarget, RuleInput } from '../../core/routing-policy.js'
import { CHANNELS, isChannel, type Channel } from '../../core/users.js'
import { fieldsOf } from './body-fields.js'

export const RULE_FIELDS = ['address', 'channel', 'from', 'keyword', 'hours', 'toInbox', 'toUser', 'isDefault', 'position'] as const

function optionalString(value: unknown, field: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  problems.push(`Field \`${field}\` must be text.`)
  return undefined
}

export function parseRuleInput(body: unknown): RuleInput {
  const fields = fieldsOf(body, RULE_FIELDS)
  const problems: string[] = []
  const address = optionalString(fields.address, 'address', problems)
  if (address === undefined) problems.push('Give the `address` the rule applies to: the number or widget key messages arrive on, e.g. `+15550100`.')
  let channel: Channel | undefined
  if (fields.channel !== undefined && fields.channel !== null) {
    if (isChannel(fields.channel)) channel = fields.channel
    else problems.push(`Channel \`${String(fields.channel)}\` is not one of ${CHANNELS.join(', ')}.`)
  }
  const from = optionalString(fields.from, 'from', problems)
  const keyword = optionalString(fields.keyword, 'keyword', problems)
  const hoursText = optionalString(fields.hours, 'hours', problems)
  let hours: BusinessHours | undefined
  if (hoursText !== undefined) {
    try {
      hours = parseBusinessHours(hoursText)
    } catch (error) {
      if (!(error instanceof HuddleError)) throw error
      problems.push(error.message)
    }
  }
  const toInbox = optionalString(fields.toInbox, 'toInbox', problems)
  const toUser = optionalString(fields.toUser, 'toUser', problems)
  if ((toInbox === undefined) === (toUser === undefined))
    problems.push('Say where the rule sends messages: give `toInbox` (an inbox id or name) or `toUser` (a user id), exactly one of them.')
  if (fields.isDefault !== undefined && typeof fields.isDefault !== 'boolean') problems.push('Field `isDefault` must be true or false.')
  const position = fields.position
  if (position !== undefined && position !== null && (typeof position !== 'number' || !Number.isInteger(position) || position < 1))
    problems.push(`Position \`${String(position)}\` is not valid: give a whole number from 1.`)
  assertNoProblems(problems, 'The routing rule is not valid:')
  const conditions: RoutingConditions = {
    ...(channel === undefined ? {} : { channel }),
    ...(from === undefined ? {} : { from }),
    ...(keyword === undefined ? {} : { keyword }),
    ...(hours === undefined ? {} : { hours }),
  }
  const target: RoutingTarget = toInbox !== undefined ? { kind: 'inbox', inbox: toInbox } : { kind: 'user', user: toUser! }
  return {
    address: address!,
    conditions,
    target,
    ...(fields.isDefault === true ? { isDefault: true } : {}),
    ...(typeof position === 'number' ? { position } : {}),
  }
}
