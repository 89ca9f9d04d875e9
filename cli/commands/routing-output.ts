/** How routing policies are printed: one row per rule, then the default. */
import type { PolicyView, RuleView } from '../../core/http-contract/routing-contract.js'
import type { CliIo } from '../io.js'
import { printTable } from '../output.js'

type Row = { readonly address: string; readonly rule: string; readonly description: string }

function describeConditions(conditions: RuleView['conditions']): string {
  const when = [
    conditions.channel && `channel ${conditions.channel}`,
    conditions.from && `from ${conditions.from}`,
    conditions.keyword && `keyword "${conditions.keyword}"`,
    conditions.hours && `within ${conditions.hours}`,
  ].filter(Boolean)
  return when.length > 0 ? `if ${when.join(' and ')}` : 'always'
}

function describeTarget(target: RuleView['target']): string {
  return target.kind === 'user' ? `personal inbox of ${target.user}` : `inbox ${target.inbox}`
}

function rowsOf(policy: PolicyView): Row[] {
  const address = policy.addresses.join(', ')
  const rows: Row[] = policy.rules.map((rule, i) => ({
    address,
    rule: String(i + 1),
    description: rule.description ?? `${describeConditions(rule.conditions)} → ${describeTarget(rule.target)}`,
  }))
  rows.push({
    address,
    rule: 'default',
    description: `otherwise → ${policy.defaultInbox === null ? 'kept as unrouted' : `inbox ${policy.defaultInbox}`}`,
  })
  return rows
}

export function printPolicies(io: CliIo, policies: readonly PolicyView[]): void {
  printTable(
    io,
    policies.flatMap(rowsOf),
    [
      { header: 'ADDRESS', value: (r) => r.address },
      { header: 'RULE', value: (r) => r.rule },
      { header: 'ROUTES', value: (r) => r.description },
    ],
    'No routing policy yet: every inbound message is kept as unrouted. Add a rule with `huddle routing add --address ADDR --to-inbox INBOX`.',
  )
}
