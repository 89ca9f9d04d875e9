/**
 * Randomized equivalence: for any document and any update a client might
 * send, the preview (core/yjs-internals/update-preview.ts) lists the same changes as
 * applying the update to a copy and observing the transaction
 * (core/yjs-internals/update-inspection.ts), and so the server gives the client the same
 * answer. Documents are built by replicas using the project's accessors and
 * raw nested maps, arrays and text; updates are their fresh changes, updates
 * since an older state (overlapping what the document has), single
 * transactions out of order (missing what they build on), replays, merges,
 * and updates stripped of their delete set.
 *
 * Values are compared as multisets; deletes and nested structures as sets of
 * locations, since how many Yjs lists depends on how it splits items while
 * integrating.
 *
 * Prints its seed; re-run a failure with HUDDLE_SEED=<seed> (and HUDDLE_PATH=<path>
 * from fast-check's report). HUDDLE_RUNS sets the number of runs (default 1,000
 * under CI, 200 otherwise).
 */
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { propertySettings } from '../../helpers/property-settings.js'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import type { InboxAccess } from '../../../core/permissions.js'
import type { Change } from '../../../core/yjs-internals/update-change.js'
import { applyAndInspect } from '../../../core/yjs-internals/update-inspection.js'
import { previewChanges } from '../../../core/yjs-internals/update-preview.js'
import { updateProblems, type UpdateContext } from '../../../core/update-rules.js'
import { makeEvent, makeSummary, makeUser, T0 } from '../../helpers/core-fixtures.js'

/** Client ids in no particular order, so concurrent values are ordered both ways. */
const ACTOR_IDS = [7, 3_000_000_000, 42, 1_000_000] as const
const CONVERSATIONS = ['c1', 'c2', 'c3'] as const
const EDITS = 16

type EditOp = { op: number; a: number; b: number; v: number }
type Step =
  | { type: 'edit'; actor: number; ops: EditOp[] }
  | { type: 'pull'; actor: number }
  | { type: 'gossip'; actor: number; other: number }
  | { type: 'act'; actor: number; a: number; v: number }
  | { type: 'snapshot'; actor: number }
  | { type: 'send'; actor: number; what: SendKind; pick: number; other: number }

const SEND_KINDS = ['fresh', 'fresh', 'latest', 'latest', 'since-snapshot', 'whole', 'transaction', 'replay', 'merge', 'merge-actors', 'without-deletes'] as const
type SendKind = (typeof SEND_KINDS)[number]

const editArb = fc.record({ op: fc.nat({ max: EDITS - 1 }), a: fc.nat({ max: 9 }), b: fc.nat({ max: 9 }), v: fc.nat({ max: 99 }) })
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ type: fc.constant('edit' as const), actor: fc.nat({ max: 3 }), ops: fc.array(editArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('pull' as const), actor: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('gossip' as const), actor: fc.nat({ max: 3 }), other: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('act' as const), actor: fc.nat({ max: 3 }), a: fc.nat({ max: 9 }), v: fc.nat({ max: 99 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('snapshot' as const), actor: fc.nat({ max: 3 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('send' as const),
      actor: fc.nat({ max: 3 }),
      what: fc.constantFrom(...SEND_KINDS),
      pick: fc.nat(),
      other: fc.nat(),
    }),
  },
)

const sales: InboxAccess = { kind: 'shared', name: 'Sales', members: ['alice', 'bob'] }
const CONTEXTS: readonly UpdateContext[] = [
  { doc: 'inbox', user: makeUser('alice'), inbox: sales, now: T0 },
  { doc: 'conversation', user: makeUser('alice'), inbox: sales, channel: 'sms', now: T0 },
]

function valueOf(v: number): unknown {
  const values = [v, `s${v}`, null, { id: `o${v}`, n: v }, [v, v + 1], true, makeEvent('claim', 'alice', v, { id: `e${v}` })]
  return values[v % values.length]
}

/** Every map and array in the document, roots first. */
function sharedTypes(doc: Y.Doc): { maps: Y.Map<unknown>[]; arrays: Y.Array<unknown>[] } {
  const maps: Y.Map<unknown>[] = []
  const arrays: Y.Array<unknown>[] = []
  const visit = (value: unknown): void => {
    if (value instanceof Y.Map) {
      maps.push(value)
      for (const inner of value.values()) visit(inner)
    } else if (value instanceof Y.Array) {
      arrays.push(value)
      for (const inner of value.toArray()) visit(inner)
    }
  }
  for (const root of [doc.getMap('conversations'), doc.getMap('misc'), doc.getArray('list'), doc.getArray('messages')]) visit(root)
  return { maps, arrays }
}

function nested(v: number): unknown {
  if (v % 3 === 0) return new Y.Map<unknown>([['x', v]])
  if (v % 3 === 1) {
    const array = new Y.Array<unknown>()
    array.push([valueOf(v), valueOf(v + 1)])
    return array
  }
  return valueOf(v)
}

function edit(doc: Y.Doc, actor: number, { op, a, b, v }: EditOp): void {
  const inbox = new InboxDoc(doc)
  const id = CONVERSATIONS[a % CONVERSATIONS.length]!
  const entry = inbox.conversations.get(id)
  const events = inbox.storedEvents(id)
  const list = doc.getArray<unknown>('list')
  const text = doc.getText('text')
  const { maps, arrays } = sharedTypes(doc)
  switch (op) {
    case 0:
      return inbox.addConversation(makeSummary(id))
    case 1:
      if (events instanceof Y.Array) inbox.appendEvent(id, makeEvent('claim', ['alice', 'bob', 'mallory'][actor % 3]!, v, { id: `e${actor}-${v}` }))
      return
    case 2:
      return inbox.updateSummary(id, { preview: `p${v}`, lastMessageAt: T0 + v })
    case 3:
      return inbox.conversations.delete(id)
    case 4:
      if (events instanceof Y.Array && events.length > 0) events.delete(b % events.length, Math.min(1 + (v % 2), events.length - (b % events.length)))
      return
    case 5:
      entry?.set(`k${b % 3}`, valueOf(v))
      return
    case 6:
      maps[b % maps.length]!.set(`k${v % 3}`, nested(v))
      return
    case 7:
      return maps[b % maps.length]!.delete(`k${v % 3}`)
    case 8:
      return list.insert(b % (list.length + 1), Array.from({ length: 1 + (v % 3) }, (_, i) => valueOf(v + i)))
    case 9:
      if (list.length > 0) list.delete(b % list.length, Math.min(1 + (v % 3), list.length - (b % list.length)))
      return
    case 10:
      if (v % 2 === 0 || text.length === 0) text.insert(b % (text.length + 1), 'ab'.repeat(1 + (v % 3)))
      else text.delete(b % text.length, 1)
      return
    case 11: {
      const array = arrays[b % arrays.length]!
      return array.insert(v % (array.length + 1), [nested(v)])
    }
    case 12: {
      const array = arrays[b % arrays.length]!
      if (array.length > 0) array.delete(v % array.length, 1)
      return
    }
    case 13:
      return new ConversationDoc(doc).appendMessage({ id: `m${actor}-${v}`, direction: 'out', author: 'alice', body: `Hi ${v}`, at: T0 + v, basis: { assignee: null, lastInbound: null } })
    default:
      // One key every replica keeps setting, so that concurrent values pile up on it.
      doc.getMap('misc').set('hot', v % 4 === 0 ? new Y.Map<unknown>([['x', v]]) : valueOf(v))
  }
}

/** The same structs without the delete set: items a client deleted then arrive as deleted content only. */
function withoutDeleteSet(update: Uint8Array): Uint8Array {
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of Y.decodeUpdate(update).structs) byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct])
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, structs] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, structs.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock)
    for (const struct of structs) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

type Actor = { doc: Y.Doc; snapshots: Uint8Array[]; transactions: Uint8Array[] }

/** Changes as compared: values as a sorted multiset, deletes and structures as a sorted set. */
function comparable(changes: readonly Change[]): { values: string[]; places: string[]; isPending: boolean } {
  const values = changes.filter((c) => c.kind === 'insert').map((c) => JSON.stringify(c))
  const places = new Set(changes.filter((c) => c.kind === 'delete' || c.kind === 'insert-structure').map((c) => JSON.stringify(c)))
  return { values: values.sort(), places: [...places].sort(), isPending: changes.some((c) => c.kind === 'pending') }
}

const stats = { runs: 0, probes: 0, pending: 0, deletes: 0, structures: 0, values: 0, nothing: 0, accepted: 0, overlapping: 0 }

function run(steps: readonly Step[]): void {
  stats.runs++
  const live = new Y.Doc()
  let mirror = new Y.Doc()
  const history: Uint8Array[] = []
  const sent: Uint8Array[] = []
  const actors: Actor[] = ACTOR_IDS.map((clientID) => {
    const doc = new Y.Doc()
    doc.clientID = clientID
    const actor: Actor = { doc, snapshots: [], transactions: [] }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') actor.transactions.push(update)
    })
    return actor
  })

  const probe = (update: Uint8Array): void => {
    stats.probes++
    const meta = Y.parseUpdateMeta(update)
    if ([...meta.from].some(([client, from]) => from < Y.getState(live.store, client) && Y.getState(live.store, client) < meta.to.get(client)!)) stats.overlapping++
    const before = Y.encodeStateAsUpdate(live)
    const previewed = previewChanges(live, update)
    expect(Y.encodeStateAsUpdate(live), 'the preview changed the document').toEqual(before)
    const applied = applyAndInspect(mirror, update, 'client')
    const expected = comparable(applied)
    expect(comparable(previewed)).toEqual(expected)
    for (const ctx of CONTEXTS) expect(updateProblems(previewed, ctx).length === 0, `answer in a ${ctx.doc} document`).toBe(updateProblems(applied, ctx).length === 0)
    if (expected.isPending) stats.pending++
    if (expected.places.some((p) => p.includes('"delete"'))) stats.deletes++
    if (expected.places.some((p) => p.includes('"insert-structure"'))) stats.structures++
    if (expected.values.length > 0) stats.values++
    if (applied.length === 0) stats.nothing++
    if (updateProblems(applied, CONTEXTS[0]!).length === 0 && applied.length > 0) stats.accepted++
    sent.push(update)
    if (expected.isPending) {
      // The copy now holds a pending part; the document never does (the server refuses such updates).
      mirror = new Y.Doc()
      for (const accepted of history) Y.applyUpdate(mirror, accepted)
    } else {
      Y.applyUpdate(live, update)
      history.push(update)
    }
  }

  for (const step of steps) {
    const actor = actors[step.actor % actors.length]!
    switch (step.type) {
      case 'edit':
        actor.doc.transact(() => step.ops.forEach((op) => edit(actor.doc, step.actor, op)))
        break
      case 'pull':
        Y.applyUpdate(actor.doc, Y.encodeStateAsUpdate(live, Y.encodeStateVector(actor.doc)), 'sync')
        break
      case 'gossip': {
        // Replicas also sync with each other, so an update can build on a third replica's changes the server lacks.
        const other = actors[step.other % actors.length]!
        Y.applyUpdate(actor.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(actor.doc)), 'sync')
        break
      }
      case 'snapshot':
        actor.snapshots.push(Y.encodeStateVector(actor.doc))
        break
      case 'act': {
        // What a member does most: claim (as alice, whom the rules check against) or update a summary, and send it.
        const sent = actor.transactions.length
        edit(actor.doc, 0, { op: step.v % 2 === 0 ? 1 : 2, a: step.a, b: 0, v: step.v })
        if (actor.transactions.length > sent) probe(actor.transactions[actor.transactions.length - 1]!)
        break
      }
      case 'send': {
        const pickFrom = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length])
        let update: Uint8Array | undefined
        switch (step.what) {
          case 'fresh':
            update = Y.encodeStateAsUpdate(actor.doc, Y.encodeStateVector(live))
            break
          case 'since-snapshot': {
            const snapshot = pickFrom(actor.snapshots, step.pick)
            update = snapshot && Y.encodeStateAsUpdate(actor.doc, snapshot)
            break
          }
          case 'whole':
            update = Y.encodeStateAsUpdate(actor.doc)
            break
          case 'latest':
            update = actor.transactions[actor.transactions.length - 1]
            break
          case 'transaction':
            update = pickFrom(actor.transactions, step.pick)
            break
          case 'replay':
            update = pickFrom(sent, step.pick)
            break
          case 'merge-actors': {
            // Two replicas' changes in one update, as a relay would send them: one may delete what the other fills.
            const other = actors[step.other % actors.length]!
            update = Y.mergeUpdates([actor, other].map((a) => Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(live))))
            break
          }
          case 'without-deletes':
            update = withoutDeleteSet(Y.encodeStateAsUpdate(actor.doc, Y.encodeStateVector(live)))
            break
          case 'merge': {
            const parts = [pickFrom(sent, step.pick), pickFrom(actor.transactions, step.other)].filter((u): u is Uint8Array => u !== undefined)
            update = parts.length > 0 ? Y.mergeUpdates(parts) : undefined
            break
          }
        }
        if (update) probe(update)
        break
      }
    }
  }
}

describe('previewing an update against applying it', () => {
  it('lists the same changes as applying the update to a copy, so the client gets the same answer', () => {
    const settings = propertySettings('update preview')
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }), run), settings)

    if (process.env.HUDDLE_STATS) console.log(stats)
    // The generator must reach the interesting cases, or the property proves little.
    if (!settings.path && settings.numRuns >= 100) {
      for (const key of ['pending', 'deletes', 'structures', 'values', 'nothing', 'accepted', 'overlapping'] as const)
        expect(stats[key], `no update exercised ${key}`).toBeGreaterThan(0)
    }
  }, 120_000)
})
