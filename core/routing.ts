/**
 * Routing of the first message of a new conversation: the first rule of the
 * policy bound to the message's address whose conditions all hold wins; else
 * the policy's default inbox; else the message is kept as unrouted.
 */
import { isWithinHours } from './business-hours.js'
import type { Directory } from './directory.js'
import { policyFor, type RoutingConditions, type RoutingPolicy, type RoutingTarget } from './routing-policy.js'
import { hasDigitalLicence, type Channel } from './users.js'

export type InboundMessage = {
  readonly channel: Channel
  /** The contact's address (phone number, visitor id). */
  readonly from: string
  /** The organisation's address it arrived on. */
  readonly to: string
  readonly body: string
}

export type RouteDecision =
  | { readonly kind: 'rule'; readonly rule: number; readonly target: RoutingTarget; readonly policy: string }
  | { readonly kind: 'default'; readonly target: RoutingTarget; readonly policy: string }
  | { readonly kind: 'unrouted'; readonly reason: string }

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`, 'i')
}

function hasWord(body: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(body)
}

/** Whether every condition of a rule holds for a message arriving at `at`. */
export function matchesConditions(conditions: RoutingConditions, message: InboundMessage, at: number): boolean {
  if (conditions.channel !== undefined && conditions.channel !== message.channel) return false
  if (conditions.from !== undefined && !globToRegExp(conditions.from).test(message.from)) return false
  if (conditions.keyword !== undefined && !hasWord(message.body, conditions.keyword)) return false
  if (conditions.hours !== undefined && !isWithinHours(conditions.hours, at)) return false
  return true
}

/** A target that still exists and can receive (inbox present, user licensed). */
function isLive(dir: Directory, target: RoutingTarget): boolean {
  if (target.kind === 'inbox') return Object.hasOwn(dir.inboxes, target.inbox)
  const user = Object.hasOwn(dir.users, target.user) ? dir.users[target.user] : undefined
  return user !== undefined && hasDigitalLicence(user)
}

function decide(dir: Directory, policy: RoutingPolicy, message: InboundMessage, at: number): RouteDecision {
  for (const [index, rule] of policy.rules.entries()) {
    if (isLive(dir, rule.target) && matchesConditions(rule.conditions, message, at))
      return { kind: 'rule', rule: index + 1, target: rule.target, policy: policy.id }
  }
  if (policy.defaultInbox !== null && Object.hasOwn(dir.inboxes, policy.defaultInbox))
    return { kind: 'default', target: { kind: 'inbox', inbox: policy.defaultInbox }, policy: policy.id }
  return { kind: 'unrouted', reason: `no rule of the policy for \`${message.to}\` matched and it has no default inbox` }
}

/** Where a new conversation's first message goes, and why. */
export function route(dir: Directory, message: InboundMessage, at: number): RouteDecision {
  const policy = policyFor(dir, message.to)
  if (!policy) return { kind: 'unrouted', reason: `no routing policy is bound to \`${message.to}\`` }
  return decide(dir, policy, message, at)
}

/** `rule N`, `default` or `unrouted`, as the CLI and API report it. */
export function formatRouteReason(decision: RouteDecision): string {
  return decision.kind === 'rule' ? `rule ${decision.rule}` : decision.kind
}
