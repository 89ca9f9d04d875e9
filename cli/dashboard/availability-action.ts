/** The dashboard's availability key: the next of available → busy → away, set on the server. */
import { DEFAULT_AVAILABILITY, nextAvailability } from '../../core/availability.js'
import { HuddleError } from '../../core/errors.js'
import type { ClientStatus } from '../client/huddle-client.js'
import type { DashboardSource } from './dashboard-source.js'
import type { DashboardEvent } from './dashboard-state.js'
import { say } from './feedback.js'

type Context = { readonly source: DashboardSource; readonly status: ClientStatus; readonly dispatch: (event: DashboardEvent) => void }

export function cycleAvailability(c: Context): void {
  // Unlike an action on a conversation, it is not queued offline: the server keeps it (docs/design.md, "Availability").
  if (c.status.connection.kind !== 'online' && c.status.connection.kind !== 'syncing')
    return say(c, 'Your availability is kept by the server, which cannot be reached now; press A again once online.', 'error')
  const next = nextAvailability(c.status.availability ?? DEFAULT_AVAILABILITY)
  c.source.actions.setAvailability(next).then(
    () => say(c, `You are now ${next}.`),
    (error: unknown) => say(c, error instanceof HuddleError || error instanceof Error ? error.message : String(error), 'error'),
  )
}
