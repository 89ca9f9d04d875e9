/**
 * SLA benchmark: view counts with SLA states over 5,000 open conversations of
 * one inbox in a real Y.Doc — read every entry and its events, fold them,
 * count the four views for one user and, from each entry's responses and
 * the inbox's policy, how many conversations are ok, warning or breached.
 * Once around the clock and once in business hours (the zone arithmetic).
 */
import * as Y from 'yjs'
import type { AssignmentEvent } from '../core/assignment-event.js'
import { formatHlc } from '../core/hlc.js'
import { InboxDoc } from '../core/inbox-doc.js'
import { seededRandom } from '../core/seeded-random.js'
import { nextSlaTarget, slaFactsOf, type Responses, type SlaState } from '../core/sla.js'
import type { SlaPolicy } from '../core/sla-policy.js'
import { countViews, type ViewCounts } from '../core/views.js'
import { measure, summarise, type Figure, type Suite } from './report.js'

const CONVERSATIONS = 5_000
const REPETITIONS = 21
const WARMUP = 3
const GOAL_MS = 50
const MINUTE = 60_000
const T0 = Date.UTC(2026, 2, 23, 8, 0, 0)
const NOW = T0 + 3 * 24 * 60 * MINUTE
const AGENTS = Array.from({ length: 8 }, (_, i) => `agent-${i}`)
const MEMBERS = new Set(AGENTS)
const VIEWER = AGENTS[0]!

const ROUND_THE_CLOCK: SlaPolicy = { firstResponseMs: 30 * MINUTE, nextResponseMs: 4 * 60 * MINUTE, resolutionMs: 2 * 24 * 60 * MINUTE, warnBeforeMs: 10 * MINUTE }
const IN_BUSINESS_HOURS: SlaPolicy = { ...ROUND_THE_CLOCK, businessHours: 'Mon-Fri 09:00-17:00@Europe/London' }

type SlaCounts = Record<SlaState | 'none', number>

/** 5,000 open conversations over three days: a third unanswered, a third waiting for a next reply, a third answered; a few events each. */
function buildInbox(): InboxDoc {
  const random = seededRandom(14)
  const inbox = new InboxDoc(new Y.Doc())
  inbox.doc.transact(() => {
    for (let i = 0; i < CONVERSATIONS; i++) {
      const createdAt = T0 + Math.floor(random() * 3 * 24 * 60) * MINUTE
      const reply = createdAt + Math.floor(random() * 120) * MINUTE
      const responses: Responses = i % 3 === 0 ? [null, null, createdAt] : i % 3 === 1 ? [reply, reply, reply + 30 * MINUTE] : [reply, reply, null]
      const events: AssignmentEvent[] = []
      if (random() < 0.7) events.push({ id: `e-${i}-1`, kind: 'claim', actor: AGENTS[i % AGENTS.length]!, at: formatHlc({ ms: createdAt + MINUTE, counter: 0 }), saw: null })
      if (random() < 0.2) events.push({ id: `e-${i}-2`, kind: 'unassign', actor: AGENTS[0]!, at: formatHlc({ ms: createdAt + 2 * MINUTE, counter: 0 }), saw: null })
      inbox.addConversation(
        {
          id: `c-${i}`,
          channel: 'sms',
          contact: `+1555${String(i).padStart(7, '0')}`,
          contactName: null,
          address: '+15550100',
          createdAt,
          linkedTo: null,
          lastMessageAt: reply,
          lastInboundAt: createdAt,
          lastInboundId: `m-${i}`,
          preview: 'Where is my order?',
          responses,
        },
        events,
      )
    }
  })
  return inbox
}

function countsWithSla(inbox: InboxDoc, policy: SlaPolicy): { views: ViewCounts; sla: SlaCounts } {
  const sla: SlaCounts = { ok: 0, warning: 0, breached: 0, none: 0 }
  const states = inbox.summaries().map((summary) => {
    const state = inbox.state(summary.id, (id) => MEMBERS.has(id))
    const next = nextSlaTarget(slaFactsOf(summary, state), policy, NOW)
    sla[next === null ? 'none' : next.state]++
    return { state, lastInboundAt: summary.lastInboundAt }
  })
  return { views: countViews(states, VIEWER, NOW), sla }
}

export const slaSuite: Suite = {
  name: 'sla',
  async run(log) {
    const inbox = buildInbox()
    const figures: Figure[] = []
    for (const [label, policy] of [
      ['around the clock', ROUND_THE_CLOCK],
      ['in business hours', IN_BUSINESS_HOURS],
    ] as const) {
      let last: ReturnType<typeof countsWithSla> | null = null
      const samples = measure({ repetitions: REPETITIONS, warmup: WARMUP, setup: () => undefined, body: () => void (last = countsWithSla(inbox, policy)) })
      const result = last!
      log(`${label}: views ${JSON.stringify(result.views)}, SLA ${JSON.stringify(result.sla)}`)
      figures.push({
        suite: 'sla',
        name: `view counts with SLA states, 5,000 open (${label})`,
        unit: 'ms',
        ...summarise(samples),
        goal: GOAL_MS,
        detail: { conversations: CONVERSATIONS, views: result.views, sla: result.sla },
      })
    }
    return figures
  },
}
