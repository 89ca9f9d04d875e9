/** Routing policies and dry runs as the HTTP API answers them (the shapes of core/http-contract/routing-contract.ts). */
import { formatBusinessHours } from '../../core/business-hours.js'
import type { Directory } from '../../core/directory.js'
import { describeRule, describeTarget, type RoutingPolicy, type RoutingTarget } from '../../core/routing-policy.js'
import { formatRouteReason, type RouteDecision } from '../../core/routing.js'
import type { PolicyView, RouteTestResult } from '../../core/http-contract/routing-contract.js'


/** How answers name where a conversation lives: the inbox id, `@user` for a personal inbox. */
export function targetRef(target: RoutingTarget): string {
  return target.kind === 'inbox' ? target.inbox : `@${target.user}`
}

export function policyView(dir: Directory, policy: RoutingPolicy): PolicyView {
  return {
    id: policy.id,
    addresses: policy.addresses,
    defaultInbox: policy.defaultInbox,
    rules: policy.rules.map((rule, index) => {
      const { hours, ...rest } = rule.conditions
      return {
        position: index + 1,
        conditions: hours === undefined ? rest : { ...rest, hours: formatBusinessHours(hours) },
        target: rule.target,
        description: describeRule(dir, rule),
      }
    }),
  }
}

export function routeTestResult(dir: Directory, decision: RouteDecision, address: string): RouteTestResult {
  switch (decision.kind) {
    case 'rule': {
      const policy = dir.policies.find((p) => p.id === decision.policy)
      const rule = policy?.rules[decision.rule - 1]
      const how = rule ? describeRule(dir, rule) : describeTarget(dir, decision.target)
      return {
        routed: formatRouteReason(decision),
        inbox: targetRef(decision.target),
        rule: decision.rule,
        description: `Rule ${decision.rule} of the policy for \`${address}\` matches (${how}).`,
      }
    }
    case 'default':
      return {
        routed: formatRouteReason(decision),
        inbox: targetRef(decision.target),
        description: `No rule of the policy for \`${address}\` matches; it goes to the default, ${describeTarget(dir, decision.target)}.`,
      }
    case 'unrouted':
      return {
        routed: formatRouteReason(decision),
        inbox: null,
        description: `It would be unrouted: ${decision.reason}. It would be kept and listed by \`huddle routing unrouted\`; add a rule or a default inbox.`,
      }
  }
}
