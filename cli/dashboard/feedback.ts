/** How the controller tells the agent what happened: a line on the notice line, and actions run through the client with their outcome said. */
import { HuddleError } from '../../core/errors.js'
import type { ClientStatus } from '../client/huddle-client.js'
import type { DashboardEvent, Flash } from './dashboard-state.js'

type Teller = {
  readonly dispatch: (event: DashboardEvent) => void
  readonly status: ClientStatus
  /** Told of each action started, with the promise of its being applied on this computer. */
  readonly onApplying: (applied: Promise<unknown>) => void
}

export function say(c: Pick<Teller, 'dispatch'>, text: string, tone: 'info' | 'error' = 'info'): void {
  c.dispatch({ type: 'flash', flash: { text, tone } })
}

function messageOf(error: unknown): string {
  return error instanceof HuddleError || error instanceof Error ? error.message : String(error)
}

/** `done` as said once applied: as it is online, or made here and waiting for the server. */
export function doneWords(c: Pick<Teller, 'status'>, done: string): string {
  const isOffline = c.status.connection.kind === 'offline' || c.status.connection.kind === 'denied'
  return isOffline ? `${done} on this computer; it syncs when the server is back.` : `${done}.`
}

/**
 * Runs a client action, then says what happened: done, or done here and
 * waiting to sync, or why not; `done` may instead word the action's result.
 */
export function act<T>(c: Teller, run: () => Promise<T>, done: string | ((result: T) => Flash)): void {
  const words = doneWords(c, '')
  const applied = run()
  c.onApplying(applied)
  applied.then(
    (result) => (typeof done === 'string' ? say(c, `${done}${words}`) : c.dispatch({ type: 'flash', flash: done(result) })),
    (error: unknown) => say(c, messageOf(error), 'error'),
  )
}
