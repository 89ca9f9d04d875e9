/**
 * Core benchmarks, on one inbox of 10,000 conversations with 10 assignment
 * events each in a real Y.Doc:
 *
 *   view counts    read every conversation's events, fold them, count the four
 *                  views for one user — what a client does when it opens an inbox
 *   offline merge  apply a 1,000-event batch made offline by another replica, then
 *                  recompute the state of the conversations it touched
 *   claim check    what the server does before accepting an agent's claim: preview
 *                  the changes against the live document, compared with applying
 *                  the update to a shadow copy and inspecting that transaction (and,
 *                  for a refused claim, rebuilding the shadow copy), as it used to
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { buildAssignmentEvent, type AssignmentRequest } from '../core/actions.js'
import { assignmentEventProblems, compareEvents, type AssignmentEvent } from '../core/assignment-event.js'
import { HuddleError } from '../core/errors.js'
import { foldEvents } from '../core/fold.js'
import { formatHlc, HybridClock } from '../core/hlc.js'
import { InboxDoc } from '../core/inbox-doc.js'
import { decodeEvent } from '../core/inbox-layout.js'
import type { InboxAccess } from '../core/permissions.js'
import { applyAndInspect } from '../core/yjs-internals/update-inspection.js'
import { previewChanges } from '../core/yjs-internals/update-preview.js'
import { seededRandom } from '../core/seeded-random.js'
import type { User } from '../core/users.js'
import { countViews, type ViewCounts } from '../core/views.js'
import { measure, median, single, summarise, type Figure, type Suite } from './report.js'

const CONVERSATIONS = 10_000
const EVENTS_PER_CONVERSATION = 10
const BATCH_EVENTS = 1_000
const REPETITIONS = 21
const WARMUP = 3
/** Each merge run needs a fresh copy of the 13 MiB inbox, so fewer of them (still at least 15). */
const MERGE_REPETITIONS = 15
const MERGE_WARMUP = 2
/** A claim is checked in microseconds, so many more runs of it. */
const CLAIM_REPETITIONS = 301
const CLAIM_WARMUP = 30
const T0 = Date.UTC(2025, 10, 3, 8, 0, 0)
const HOUR = 3_600_000

const AGENTS = Array.from({ length: 8 }, (_, i) => `agent-${i}`)
const MEMBERS = new Set(AGENTS)
const VIEWER = AGENTS[0]!
const isMember = (id: string): boolean => MEMBERS.has(id)
const SALES: InboxAccess = { kind: 'shared', name: 'Sales', members: AGENTS }

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

function weighted<T extends string>(random: Random, weights: Readonly<Partial<Record<T, number>>>): T {
  const entries = Object.entries(weights) as [T, number][]
  let roll = random() * entries.reduce((sum, [, w]) => sum + w, 0)
  for (const [value, weight] of entries) if ((roll -= weight) < 0) return value
  return entries[entries.length - 1]![0]
}

/** An id like the client's (21 characters of base-36). */
function eventId(random: Random): string {
  let id = ''
  while (id.length < 21) id += Math.floor(random() * 36).toString(36)
  return id
}

/**
 * What an agent plausibly does next, given what they see: claim or assign what
 * is unassigned, take over, hand on, unassign or archive what is held, reopen
 * what is archived — with the occasional claim that will lose.
 */
function nextKind(random: Random, status: 'open' | 'archived', assignee: string | null): Exclude<AssignmentRequest['kind'], 'snooze' | 'unsnooze' | 'label' | 'unlabel' | 'priority'> {
  if (status === 'archived') return weighted(random, { unarchive: 7, assign: 2, claim: 1 })
  if (assignee === null) return weighted(random, { claim: 6, assign: 2.5, archive: 1.5 })
  return weighted(random, { takeover: 2.5, assign: 1.5, unassign: 1.5, archive: 3.5, claim: 1 })
}

type Built = { doc: Y.Doc; ids: string[]; buildMs: number }

/** The inbox a server would hold after a while: conversations created by the server, events appended over ten rounds. */
function buildInbox(random: Random): Built {
  const started = performance.now()
  const doc = new Y.Doc()
  doc.clientID = 1
  const inbox = new InboxDoc(doc)
  const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `c-${i.toString(36).padStart(5, '0')}`)
  const sim = ids.map(() => ({ status: 'open' as 'open' | 'archived', assignee: null as string | null }))
  doc.transact(() => {
    ids.forEach((id, i) =>
      inbox.addConversation({
        id,
        channel: pick(random, ['sms', 'whatsapp', 'chat'] as const),
        contact: `+44770090${String(i).padStart(4, '0')}`,
        contactName: random() < 0.5 ? `Customer ${i}` : null,
        address: '+15550100',
        createdAt: T0 + i * 10,
        linkedTo: null,
        lastMessageAt: T0 + i * 10,
        lastInboundAt: T0 + i * 10,
        lastInboundId: `m-${i}`,
        preview: 'Hello, I have a question about my order',
      }),
    )
  })
  // Rounds interleave conversations, as real traffic does, so each event is its own item in the document.
  for (let round = 0; round < EVENTS_PER_CONVERSATION; round++) {
    doc.transact(() => {
      ids.forEach((id, i) => {
        const state = sim[i]!
        const kind = nextKind(random, state.status, state.assignee)
        const actor = pick(random, AGENTS)
        const base = { id: eventId(random), kind, actor, at: formatHlc({ ms: T0 + round * HOUR + i * 10 + Math.floor(random() * 5), counter: 0 }), saw: state.assignee }
        const event: AssignmentEvent = kind === 'assign' ? { ...base, to: pick(random, AGENTS) } : base
        if (kind === 'claim' && state.assignee === null) state.assignee = actor
        if (kind === 'takeover') state.assignee = actor
        if (kind === 'assign') state.assignee = event.to!
        if (kind === 'unassign') state.assignee = null
        if (kind === 'archive') state.status = 'archived'
        if (kind === 'unarchive') state.status = 'open'
        inbox.appendEvent(id, event)
      })
    })
  }
  return { doc, ids, buildMs: performance.now() - started }
}

function viewCounts(inbox: InboxDoc): ViewCounts {
  return countViews(
    inbox.ids().map((id) => ({ state: inbox.assignment(id, isMember), lastInboundAt: inbox.summary(id)?.lastInboundAt ?? null })),
    VIEWER,
    T0,
  )
}

/** Another replica, offline, takes 1,000 actions through core/actions.ts, each its own transaction; returns its batch. */
function offlineBatch(random: Random, base: Uint8Array, ids: readonly string[]): { update: Uint8Array; events: number } {
  const doc = new Y.Doc()
  doc.clientID = 2
  Y.applyUpdate(doc, base)
  const inbox = new InboxDoc(doc)
  const now = { ms: T0 + 12 * HOUR }
  const clock = new HybridClock(() => now.ms)
  let events = 0
  while (events < BATCH_EVENTS) {
    now.ms += Math.floor(random() * 2000)
    const id = pick(random, ids)
    const state = inbox.state(id, isMember)
    const actor = pick(random, AGENTS)
    const user: User = { id: actor, name: actor, permission: 'basic', licences: ['sms'] }
    const kind = nextKind(random, state.status, state.assignee)
    const request: AssignmentRequest = kind === 'assign' ? { kind, to: pick(random, AGENTS) } : { kind }
    try {
      const event = buildAssignmentEvent({ user, inbox: SALES, conversation: id, state, stamp: clock.tick(), now: now.ms, newId: eventId(random) }, request)
      inbox.appendEvent(id, event)
      events++
    } catch (error) {
      if (!(error instanceof HuddleError)) throw error
    }
  }
  return { update: Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(base)), events }
}

/** One agent's claims, one update each as its client sends them, every one building on the last. */
function claimUpdates(random: Random, base: Uint8Array, ids: readonly string[], count: number): Uint8Array[] {
  const doc = loaded(base)
  doc.clientID = 3
  const inbox = new InboxDoc(doc)
  const actor = AGENTS[1]!
  const user: User = { id: actor, name: actor, permission: 'basic', licences: ['sms'] }
  const clock = new HybridClock(() => T0 + 12 * HOUR)
  const updates: Uint8Array[] = []
  while (updates.length < count) {
    const id = pick(random, ids)
    const state = inbox.state(id, isMember)
    if (state.status === 'archived' || (state.assignee !== null && state.assignee !== actor)) continue
    const before = Y.encodeStateVector(doc)
    const event = buildAssignmentEvent({ user, inbox: SALES, conversation: id, state, stamp: clock.tick(), now: T0 + 12 * HOUR, newId: eventId(random) }, { kind: 'claim' })
    inbox.appendEvent(id, event)
    updates.push(Y.encodeStateAsUpdate(doc, before))
  }
  return updates
}

function elapsedMs(body: () => void): number {
  const started = performance.now()
  body()
  return performance.now() - started
}

/**
 * Times checking each claim in turn both ways, in microseconds: previewed
 * against a server's copy of the inbox (which then takes it, untimed), and
 * applied to a shadow copy and inspected there. The two alternate claim by
 * claim, so that whatever else the machine is doing falls on both alike.
 */
function checkClaims(base: Uint8Array, claims: readonly Uint8Array[]): { preview: number[]; shadow: number[]; changes: number } {
  const live = loaded(base)
  const shadow = loaded(base)
  const preview: number[] = []
  const shadowed: number[] = []
  let changes = 0
  claims.forEach((update, i) => {
    const previewOne = (): number => {
      const ms = elapsedMs(() => (changes = previewChanges(live, update).length))
      Y.applyUpdate(live, update, 'client')
      return ms
    }
    const shadowOne = (): number => elapsedMs(() => applyAndInspect(shadow, update, 'client'))
    let previewMs: number
    let shadowMs: number
    if (i % 2 === 0) {
      previewMs = previewOne()
      shadowMs = shadowOne()
    } else {
      shadowMs = shadowOne()
      previewMs = previewOne()
    }
    if (i < CLAIM_WARMUP) return
    preview.push(previewMs * 1000)
    shadowed.push(shadowMs * 1000)
  })
  return { preview, shadow: shadowed, changes }
}

function loaded(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

/** Where the view-count time goes, stage by stage (medians), to see what to speed up when the goal is missed. */
function profileViewCounts(doc: Y.Doc): Record<string, number> {
  const inbox = new InboxDoc(doc)
  const ids = inbox.ids()
  const stage = <T>(body: () => T): { ms: number; value: T } => {
    let value: T | undefined
    const samples = measure({ repetitions: 9, warmup: 2, setup: () => undefined, body: () => (value = body()) })
    return { ms: round(median(samples)), value: value as T }
  }
  const read = stage(() => ids.map((id) => inbox.storedEvents(id)!.toArray()))
  const validate = stage(() => read.value.map((list) => list.map(decodeEvent).filter((e): e is AssignmentEvent => assignmentEventProblems(e).length === 0)))
  const sort = stage(() => validate.value.map((list) => [...list].sort(compareEvents)))
  const fold = stage(() => validate.value.map((list) => foldEvents(list, isMember)))
  const count = stage(() => countViews(fold.value.map((state) => ({ state, lastInboundAt: null })), VIEWER, T0))
  return { readMs: read.ms, validateMs: validate.ms, sortMs: sort.ms, foldIncludingSortMs: fold.ms, countMs: count.ms }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

export const coreSuite: Suite = {
  name: 'core',
  run: async (log) => {
    const random = seededRandom(20251103)
    const built = buildInbox(random)
    const base = Y.encodeStateAsUpdate(built.doc)
    log(`built ${CONVERSATIONS.toLocaleString('en')} conversations × ${EVENTS_PER_CONVERSATION} events in ${built.buildMs.toFixed(0)} ms (${(base.length / 2 ** 20).toFixed(1)} MiB encoded)`)

    // (a) The four view counts for one user, from the document as a client holds it: loaded from its stored update.
    const clientDoc = loaded(base)
    let counts: ViewCounts | undefined
    const countSamples = measure({
      repetitions: REPETITIONS,
      warmup: WARMUP,
      setup: () => new InboxDoc(clientDoc),
      body: (inbox) => {
        counts = viewCounts(inbox)
      },
    })
    const profile = profileViewCounts(clientDoc)
    log(`view counts for ${VIEWER}: ${JSON.stringify(counts)}; profile ${JSON.stringify(profile)}`)

    // (b) Merging a 1,000-event offline batch and recomputing what it touched.
    const batch = offlineBatch(random, base, built.ids)
    let touched = 0
    const mergeSamples = measure({
      repetitions: MERGE_REPETITIONS,
      warmup: MERGE_WARMUP,
      setup: () => {
        const inbox = new InboxDoc(loaded(base))
        const affected = new Set<string>()
        // A client keeps one deep observer on the index; it tells which conversations an update touched.
        inbox.conversations.observeDeep((events) => {
          for (const event of events) {
            const id = event.path[0]
            if (typeof id === 'string') affected.add(id)
          }
        })
        return { inbox, affected }
      },
      body: ({ inbox, affected }) => {
        Y.applyUpdate(inbox.doc, batch.update, 'remote')
        for (const id of affected) inbox.state(id, isMember)
        touched = affected.size
      },
    })
    log(`offline batch: ${batch.events} events, ${(batch.update.length / 1024).toFixed(0)} KiB, touching ${touched} conversations`)

    // (c) Checking an agent's claim before accepting it: previewed against the live document, or
    // (as before) applied to a shadow copy and inspected there; the live document takes it either way.
    const claims = claimUpdates(random, base, built.ids, CLAIM_REPETITIONS + CLAIM_WARMUP)
    const checked = checkClaims(base, claims)
    const claimRatio = median(checked.shadow) / median(checked.preview)
    log(`claim check: preview ${median(checked.preview).toFixed(1)} µs (${checked.changes} change), shadow copy + inspect ${median(checked.shadow).toFixed(1)} µs: ${claimRatio.toFixed(2)}×`)
    // Refusing costs a preview nothing more; a shadow copy, once tried, had to be rebuilt from the document.
    const server = loaded(base)
    let shadow = loaded(base)
    let refused = 0
    const rebuildSamples = measure({
      repetitions: 5,
      warmup: 1,
      setup: () => claims[refused++]!,
      body: (update) => {
        applyAndInspect(shadow, update, 'client')
        shadow.destroy()
        shadow = new Y.Doc()
        Y.applyUpdate(shadow, Y.encodeStateAsUpdate(server))
      },
    })

    // Informational: loading the stored inbox into a fresh document (a client's cold start).
    const loadSamples = measure({ repetitions: 5, warmup: 1, setup: () => undefined, body: () => loaded(base) })

    const figures: Figure[] = [
      {
        suite: 'core',
        name: 'view counts, 10k conversations × 10 events',
        unit: 'ms',
        ...summarise(countSamples),
        goal: 50,
        detail: { counts, profile },
      },
      {
        suite: 'core',
        name: 'merge 1,000-event offline batch + refold',
        unit: 'ms',
        ...summarise(mergeSamples),
        goal: 100,
        detail: { events: batch.events, bytes: batch.update.length, conversationsTouched: touched },
      },
      { suite: 'core', name: 'check a claim: preview against the document', unit: 'µs', ...summarise(checked.preview), detail: { updateBytes: claims[0]!.length } },
      { suite: 'core', name: 'check a claim: apply to a shadow copy + inspect', unit: 'µs', ...summarise(checked.shadow) },
      single('core', 'check a claim: shadow copy / preview', '×', claimRatio, { samples: CLAIM_REPETITIONS }),
      { suite: 'core', name: 'refuse a claim: shadow copy tried and rebuilt', unit: 'ms', ...summarise(rebuildSamples) },
      {
        suite: 'core',
        name: 'load the 100k-event inbox from its update',
        unit: 'ms',
        ...summarise(loadSamples),
        detail: { bytes: base.length },
      },
    ]
    return figures
  },
}
