/**
 * The routing policies (which inbox an address's messages go to), as the
 * HTTP API lists and changes them, and dry runs that change nothing.
 *
 * Deps: `writer` (SettingsWriter), `access` (DirectoryAccess: who may read),
 * `now` (the clock business hours are tested against).
 */
import type { PolicyView, RouteTestResult } from '../../core/http-contract/routing-contract.js'
import { addRule, normaliseAddress, policyFor, removeRule, type RuleInput } from '../../core/routing-policy.js'
import { route, type InboundMessage } from '../../core/routing.js'
import type { User } from '../../core/users.js'
import { randomId } from '../auth/random-id.js'
import type { DirectoryAccess } from './directory-access.js'
import { policyView, routeTestResult } from './routing-views.js'
import type { SettingsWriter } from './settings-writer.js'

export type RoutingAdminDeps = {
  readonly writer: SettingsWriter
  readonly access: DirectoryAccess
  readonly now?: () => number
}

export class RoutingAdmin {
  constructor(private readonly deps: RoutingAdminDeps) {}

  listPolicies(actor: User): PolicyView[] {
    this.deps.access.assertMayRead(actor, 'Listing routing rules')
    const dir = this.deps.access.directory
    return dir.policies.map((policy) => policyView(dir, policy))
  }

  addRule(actor: User, input: RuleInput): Promise<PolicyView> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const directory = addRule(writer.directory, input, randomId('p-'))
      await writer.save(directory)
      return policyView(directory, policyFor(directory, input.address)!)
    })
  }

  removeRule(actor: User, address: string, position: number): Promise<PolicyView> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const directory = removeRule(writer.directory, address, position)
      await writer.save(directory)
      return policyView(directory, policyFor(directory, address)!)
    })
  }

  /** Where a message would be routed, and by which rule; changes nothing. */
  testRoute(actor: User, message: InboundMessage): RouteTestResult {
    this.deps.access.assertMayRead(actor, 'Testing where a message would be routed')
    const dir = this.deps.access.directory
    const normal = { ...message, from: normaliseAddress(message.from), to: normaliseAddress(message.to) }
    return routeTestResult(dir, route(dir, normal, (this.deps.now ?? Date.now)()), normal.to)
  }
}
