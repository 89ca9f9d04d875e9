/**
 * Digital routing policies. A policy is bound to one or more of the
 * organisation's inbound addresses (phone numbers, WhatsApp senders, chat
 * widget keys) and holds ordered rules plus a default inbox. Rules are edited
 * per address: adding a rule for an address that no policy holds creates one.
 */
import { formatBusinessHours, type BusinessHours } from './business-hours.js'
import { findInbox, findUser, inboxById, type Directory } from './directory.js'
import { HuddleError } from './errors.js'
import { hasDigitalLicence, type Channel } from './users.js'

export type RoutingConditions = {
  readonly channel?: Channel
  /** Sender pattern: `*` matches any run of characters, e.g. `+44*`. */
  readonly from?: string
  /** A word that must appear in the body (case-insensitive, whole word). */
  readonly keyword?: string
  readonly hours?: BusinessHours
}

export type RoutingTarget = { readonly kind: 'inbox'; readonly inbox: string } | { readonly kind: 'user'; readonly user: string }

export type RoutingRule = { readonly conditions: RoutingConditions; readonly target: RoutingTarget }

export type RoutingPolicy = {
  readonly id: string
  readonly addresses: readonly string[]
  readonly rules: readonly RoutingRule[]
  readonly defaultInbox: string | null
}

export const MAX_ADDRESS_LENGTH = 64
const MAX_PATTERN = 64

/** Normalises an inbound address: trims and drops the `whatsapp:` prefix. */
export function normaliseAddress(address: string): string {
  return address.trim().replace(/^whatsapp:/i, '')
}

export function policyFor(dir: Directory, address: string): RoutingPolicy | undefined {
  const normal = normaliseAddress(address)
  return dir.policies.find((p) => p.addresses.includes(normal))
}

function addressProblems(address: string): string[] {
  const normal = normaliseAddress(address)
  if (normal.length === 0 || normal.length > MAX_ADDRESS_LENGTH || /\s/.test(normal))
    return [`Address \`${address}\` is not valid: give the number or widget key messages arrive on, e.g. \`--address +15550100\`.`]
  return []
}

function conditionProblems(conditions: RoutingConditions): string[] {
  const problems: string[] = []
  if (conditions.from !== undefined && (conditions.from.length === 0 || conditions.from.length > MAX_PATTERN))
    problems.push(`Sender pattern \`${conditions.from}\` is not valid: give 1–${MAX_PATTERN} characters, \`*\` for any run, e.g. \`+44*\`.`)
  if (conditions.keyword !== undefined && !/^[\p{L}\p{N}][\p{L}\p{N}'-]{0,39}$/u.test(conditions.keyword))
    problems.push(`Keyword \`${conditions.keyword}\` is not valid: give one word of letters or digits, e.g. \`refund\`.`)
  return problems
}

function targetProblems(dir: Directory, target: RoutingTarget): string[] {
  try {
    if (target.kind === 'inbox') findInbox(dir, target.inbox)
    else {
      const user = findUser(dir, target.user)
      if (!hasDigitalLicence(user)) return [`User \`${user.id}\` holds no digital licence, so has no personal inbox to route to.`]
    }
    return []
  } catch (error) {
    return [(error as Error).message]
  }
}

/** Resolves an inbox named by id or name in a target to its id. */
function resolveTarget(dir: Directory, target: RoutingTarget): RoutingTarget {
  return target.kind === 'inbox' ? { kind: 'inbox', inbox: findInbox(dir, target.inbox).id } : target
}

export type RuleInput = {
  readonly address: string
  readonly conditions: RoutingConditions
  readonly target: RoutingTarget
  /** Make the target inbox the policy's default instead of adding a rule. */
  readonly isDefault?: boolean
  /** 1-based place among the rules; the end when absent. */
  readonly position?: number
}

/** Adds a rule (or sets the default inbox) for the policy bound to an address. */
export function addRule(dir: Directory, input: RuleInput, newPolicyId: string): Directory {
  const problems = [...addressProblems(input.address), ...conditionProblems(input.conditions), ...targetProblems(dir, input.target)]
  if (input.isDefault && input.target.kind !== 'inbox') problems.push('The default must be a shared inbox: use `--to-inbox` with `--default`.')
  if (problems.length > 0) throw new HuddleError('invalid', problems.join(' '), problems)
  const address = normaliseAddress(input.address)
  const existing = policyFor(dir, address)
  const policy: RoutingPolicy = existing ?? { id: newPolicyId, addresses: [address], rules: [], defaultInbox: null }
  const target = resolveTarget(dir, input.target)
  let next: RoutingPolicy
  if (input.isDefault) {
    next = { ...policy, defaultInbox: target.kind === 'inbox' ? target.inbox : null }
  } else {
    const position = input.position ?? policy.rules.length + 1
    if (!Number.isInteger(position) || position < 1 || position > policy.rules.length + 1)
      throw new HuddleError('invalid', `Position ${position} is not valid: the policy for \`${address}\` has ${policy.rules.length} rule(s), so use 1–${policy.rules.length + 1}.`)
    const rules = [...policy.rules]
    rules.splice(position - 1, 0, { conditions: input.conditions, target })
    next = { ...policy, rules }
  }
  const policies = existing ? dir.policies.map((p) => (p === existing ? next : p)) : [...dir.policies, next]
  return { ...dir, policies }
}

/** Removes rule `position` (1-based) from the policy bound to an address. */
export function removeRule(dir: Directory, address: string, position: number): Directory {
  const policy = policyFor(dir, address)
  if (!policy) throw new HuddleError('not-found', `No routing policy is bound to \`${address}\`. List them with \`huddle routing list\`.`)
  if (!Number.isInteger(position) || position < 1 || position > policy.rules.length)
    throw new HuddleError('not-found', `The policy for \`${address}\` has no rule ${position}; it has ${policy.rules.length}. List them with \`huddle routing list\`.`)
  const next = { ...policy, rules: policy.rules.filter((_, i) => i !== position - 1) }
  return { ...dir, policies: dir.policies.map((p) => (p === policy ? next : p)) }
}

/** A one-line description of a rule, for listings and dry runs. */
export function describeRule(dir: Directory, rule: RoutingRule): string {
  const c = rule.conditions
  const when = [
    c.channel && `channel ${c.channel}`,
    c.from && `from ${c.from}`,
    c.keyword && `keyword "${c.keyword}"`,
    c.hours && `within ${formatBusinessHours(c.hours)}`,
  ].filter(Boolean)
  return `${when.length > 0 ? `if ${when.join(' and ')}` : 'always'} → ${describeTarget(dir, rule.target)}`
}

export function describeTarget(dir: Directory, target: RoutingTarget): string {
  if (target.kind === 'user') return `personal inbox of ${target.user}`
  const inbox = inboxById(dir, target.inbox)
  return `inbox ${inbox ? inbox.name : target.inbox}`
}
