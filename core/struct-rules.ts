/**
 * Which client ids a client may write with, checked on every struct of its
 * update (update-structs.ts) before its changes are. A Yjs client id is bound
 * to the first user who writes with it in a document (the server's own ids to
 * the server); only that user may write with it again. Ids a document held
 * before the server recorded bindings are bound the same way, to whoever
 * writes with them next: refusing them would strand the offline work a
 * replica still holds under them. Without this, anyone
 * could take a colleague's client id from the state vector and fill its next
 * clocks, and the colleague's later changes at those clocks would be skipped
 * as already held.
 *
 * Clients never send GC or Skip structs: huddle clients delete by delete set
 * and never merge updates, so such a struct can only claim clocks without
 * writing anything.
 */
import { forbidden, invalid, type UpdateProblem } from './update-problem.js'
import type { StructRange } from './yjs-internals/update-structs.js'

/** Who writes in a document, and what its client ids are bound to. */
export type StructContext = {
  readonly doc: 'org' | 'inbox' | 'prefs' | 'conversation'
  /** The writing user's id. */
  readonly user: string
  /** The id of the user a client id is bound to (the server's: SYSTEM_ACTOR), or undefined when unbound. */
  ownerOf(client: number): string | undefined
}

/** What the structs of an update say: problems (empty: go on checking), and the client ids it would bind to the user. */
export type StructVerdict = { readonly problems: readonly UpdateProblem[]; readonly claims: readonly number[] }

const SHOWN = 3

function clientList(structs: readonly StructRange[]): string {
  const ranges = structs.slice(0, SHOWN).map((s) => `${s.client}:${s.clock}–${s.clock + s.length - 1}`)
  return structs.length > SHOWN ? `${ranges.join(', ')} and ${structs.length - SHOWN} more` : ranges.join(', ')
}

function clientIds(clients: readonly number[]): string {
  const shown = clients.slice(0, SHOWN).join(', ')
  return clients.length > SHOWN ? `${shown} and ${clients.length - SHOWN} more` : shown
}

/** Checks every struct of a client's update against the client ids bound in the document. */
export function checkStructs(structs: readonly StructRange[], ctx: StructContext): StructVerdict {
  if (structs.length === 0) return { problems: [], claims: [] }
  if (ctx.doc === 'org') return { problems: [forbidden('clients write nothing in the organisation directory; admins change it through the API')], claims: [] }
  const problems: UpdateProblem[] = []
  const gc = structs.filter((s) => s.kind === 'gc')
  if (gc.length > 0)
    problems.push(invalid(`it carries garbage-collected structs (${clientList(gc)}), which huddle clients never send: deleted content travels as deletions; use huddle's own client`))
  const skips = structs.filter((s) => s.kind === 'skip')
  if (skips.length > 0) problems.push(invalid(`it carries gaps (Skip structs at ${clientList(skips)}), which huddle clients never send; use huddle's own client`))
  const clients = [...new Set(structs.map((s) => s.client))]
  const foreign = clients.filter((client) => {
    const owner = ctx.ownerOf(client)
    return owner !== undefined && owner !== ctx.user
  })
  if (foreign.length > 0)
    // Forbidden: the structs are well formed, but they would write as someone else.
    problems.push(forbidden(`client id ${clientIds(foreign)} belongs to another writer of this document; restart huddle so this replica writes under a new id`))
  if (problems.length > 0) return { problems, claims: [] }
  return { problems: [], claims: clients.filter((client) => ctx.ownerOf(client) === undefined) }
}
