/**
 * The HTTP contract of `/api/v1/routing…`: the body of a new rule parsed
 * into a core RuleInput (every problem at once), and the policies and dry
 * runs the server answers, read back by the CLI.
 */
import { parseBusinessHours, type BusinessHours } from '../business-hours.js'
import { assertNoProblems, HuddleError } from '../errors.js'
import { ownField, type PlainValue } from '../plain-value.js'
import type { RoutingConditions, RoutingTarget, RuleInput } from '../routing-policy.js'
import { CHANNELS, isChannel, type Channel } from '../users.js'
import { answerFields, answerList, answerText, answerTexts, misunderstood, nullableAnswerText, optionalAnswerText } from './answer-fields.js'
import { field, fieldsOf, optionalText } from './request-fields.js'

/** A rule of a policy as answered: conditions with hours as text (`Mon-Fri 09:00-17:00@Europe/London`), and the server's sentence for it. */
export type RuleView = {
  readonly position: number
  readonly conditions: { readonly channel?: Channel; readonly from?: string; readonly keyword?: string; readonly hours?: string }
  readonly target: RoutingTarget
  readonly description: string
}

/** A routing policy as answered: its addresses, rules in order and default inbox. */
export type PolicyView = {
  readonly id: string
  readonly addresses: readonly string[]
  readonly rules: readonly RuleView[]
  readonly defaultInbox: string | null
}

/** The answer to a dry run: where a message would go, and by which rule. */
export type RouteTestResult = {
  readonly routed: string
  readonly inbox: string | null
  readonly rule?: number
  readonly description: string
}

export const RULE_FIELDS = ['address', 'channel', 'from', 'keyword', 'hours', 'toInbox', 'toUser', 'isDefault', 'position'] as const

/** The body of `POST /api/v1/routing/rules`. */
export function parseRuleInput(body: PlainValue): RuleInput {
  const fields = fieldsOf(body, RULE_FIELDS)
  const problems: string[] = []
  const address = optionalText(fields, 'address', problems)
  if (address === undefined) problems.push('Give the `address` the rule applies to: the number or widget key messages arrive on, e.g. `+15550100`.')
  let channel: Channel | undefined
  const channelValue = field(fields, 'channel')
  if (channelValue !== undefined) {
    if (isChannel(channelValue)) channel = channelValue
    else problems.push(`Channel \`${String(channelValue)}\` is not one of ${CHANNELS.join(', ')}.`)
  }
  const from = optionalText(fields, 'from', problems)
  const keyword = optionalText(fields, 'keyword', problems)
  const hoursText = optionalText(fields, 'hours', problems)
  let hours: BusinessHours | undefined
  if (hoursText !== undefined) {
    try {
      hours = parseBusinessHours(hoursText)
    } catch (error) {
      if (!(error instanceof HuddleError)) throw error
      problems.push(error.message)
    }
  }
  const toInbox = optionalText(fields, 'toInbox', problems)
  const toUser = optionalText(fields, 'toUser', problems)
  if ((toInbox === undefined) === (toUser === undefined))
    problems.push('Say where the rule sends messages: give `toInbox` (an inbox id or name) or `toUser` (a user id), exactly one of them.')
  const isDefault = ownField(fields, 'isDefault')
  if (isDefault !== undefined && typeof isDefault !== 'boolean') problems.push('Field `isDefault` must be true or false.')
  const position = field(fields, 'position')
  if (position !== undefined && (typeof position !== 'number' || !Number.isInteger(position) || position < 1))
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
    ...(isDefault === true ? { isDefault: true } : {}),
    ...(typeof position === 'number' ? { position } : {}),
  }
}

function readRule(value: unknown, index: number): RuleView {
  const r = answerFields(value, 'routing rule')
  const c = answerFields(r.conditions ?? {}, 'routing rule conditions')
  const t = answerFields(r.target, 'routing rule target')
  const channel = optionalAnswerText(c, 'channel', 'rule')
  if (channel !== undefined && !isChannel(channel)) throw misunderstood('rule', `channel \`${channel}\` is not one it knows`)
  const from = optionalAnswerText(c, 'from', 'rule')
  const keyword = optionalAnswerText(c, 'keyword', 'rule')
  const hours = optionalAnswerText(c, 'hours', 'rule')
  const conditions = {
    ...(channel === undefined ? {} : { channel }),
    ...(from === undefined ? {} : { from }),
    ...(keyword === undefined ? {} : { keyword }),
    ...(hours === undefined ? {} : { hours }),
  }
  const target: RoutingTarget = t.kind === 'user' ? { kind: 'user', user: answerText(t, 'user', 'rule target') } : { kind: 'inbox', inbox: answerText(t, 'inbox', 'rule target') }
  const position = typeof r.position === 'number' ? r.position : index + 1
  return { position, conditions, target, description: optionalAnswerText(r, 'description', 'rule') ?? '' }
}

/** A routing policy as the server answers it. */
export function readPolicy(value: unknown): PolicyView {
  const r = answerFields(value, 'routing policy')
  return {
    id: answerText(r, 'id', 'routing policy'),
    addresses: answerTexts(r, 'addresses', 'routing policy'),
    rules: answerList(r.rules ?? [], 'routing rules').map(readRule),
    defaultInbox: nullableAnswerText(r, 'defaultInbox', 'routing policy'),
  }
}

export function readPolicies(value: unknown): PolicyView[] {
  return answerList(value, 'routing policies').map(readPolicy)
}

export function readRouteTest(value: unknown): RouteTestResult {
  const r = answerFields(value, 'routing test')
  const rule = r.rule
  return {
    routed: answerText(r, 'routed', 'routing test'),
    inbox: nullableAnswerText(r, 'inbox', 'routing test'),
    ...(typeof rule === 'number' ? { rule } : {}),
    description: optionalAnswerText(r, 'description', 'routing test') ?? '',
  }
}
